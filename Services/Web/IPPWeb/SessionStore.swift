public import Foundation
public import RPCCore
public import ServiceRuntime
internal import Synchronization

/// The signed-in viewers, in memory only: a restart of ipp-web signs everyone out, and no token
/// is ever written to disk. Bounded: beyond ``capacity`` sessions, signing in ends the oldest.
public final class SessionStore: Sendable {
  private let sessions = Mutex<[String: ViewerSession]>([:])
  private let lifetime: TimeInterval
  private let capacity: Int
  private let clock: any WallClock

  public init(lifetime: TimeInterval, capacity: Int, clock: any WallClock = SystemClock()) {
    self.lifetime = lifetime
    self.capacity = capacity
    self.clock = clock
  }

  /// A new session for `principal`, who presented `token`.
  public func begin(token: String, principal: Principal) -> ViewerSession {
    let now = clock.now
    let session = ViewerSession(
      id: Self.newID(),
      token: token,
      principal: principal,
      startedAt: now,
      expiresAt: now + lifetime
    )
    sessions.withLock { sessions in
      sessions = sessions.filter { $0.value.expiresAt > now }
      while sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.startedAt < $1.startedAt })
      {
        sessions[oldest.id] = nil
      }
      sessions[session.id] = session
    }
    return session
  }

  /// The session with cookie value `id`, unless it ended or expired.
  public func find(_ id: String?) -> ViewerSession? {
    guard let id else { return nil }
    let now = clock.now
    return sessions.withLock { sessions in
      guard let session = sessions[id] else { return nil }
      guard session.expiresAt > now else {
        sessions[id] = nil
        return nil
      }
      return session
    }
  }

  /// Ends a session: signing out, or a token the services refused.
  public func end(_ id: String) {
    _ = sessions.withLock { $0.removeValue(forKey: id) }
  }

  /// Sessions held now, expired ones included until next touched.
  public var count: Int { sessions.withLock { $0.count } }

  /// 32 bytes from the system's cryptographic generator, as unpadded URL-safe base64.
  private static func newID() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}
