public import Crypto
public import Foundation
public import RPCCore
internal import Synchronization

/// Accepts the tokens ipp-intake issues (``AccessToken``): signed by the issuer's key, not expired,
/// not revoked. The revocation list is kept in memory; intake updates its own as it revokes,
/// every other service from ``TokenRevocationFeed``. A signature is checked once per token and
/// remembered; expiry and revocation on every call. It notes when each token was last used, for
/// intake's `ListTokens`.
public final class IssuedTokenVerifier: BearerTokenVerifier {
  private struct State {
    /// The issuer's public key, raw (the key type is not Sendable).
    var issuerKey: Data?
    /// Revoked token ids, with the token's own expiry (after which the entry is not needed).
    var revoked: [String: Date] = [:]
    /// Tokens whose signature was checked, by token.
    var checked: [String: AccessToken] = [:]
    /// When each token id was last accepted, since ``takeUsage()``.
    var lastUsed: [String: Date] = [:]
  }

  /// How many checked tokens are remembered before the memory is cleared.
  static let checkedLimit = 4096

  private let state: Mutex<State>
  private let clock: any WallClock

  /// A verifier of tokens signed by `issuerKey`; with none it accepts no issued token.
  public init(issuerKey: Curve25519.Signing.PublicKey? = nil, clock: any WallClock = SystemClock()) {
    state = Mutex(State(issuerKey: issuerKey?.rawRepresentation))
    self.clock = clock
  }

  /// Checks tokens against `key` from now on.
  public func trust(_ key: Curve25519.Signing.PublicKey) {
    state.withLock {
      $0.issuerKey = key.rawRepresentation
      $0.checked = [:]
    }
  }

  public func principal(forToken token: String) -> Principal? {
    guard token.hasPrefix(AccessToken.prefix) else { return nil }
    let now = clock.now
    let (remembered, key) = state.withLock { ($0.checked[token], $0.issuerKey) }
    guard let key, let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else {
      return nil
    }
    guard let claims = remembered ?? AccessToken.verified(token, key: publicKey) else { return nil }
    return state.withLock { state in
      if remembered == nil {
        if state.checked.count >= Self.checkedLimit { state.checked.removeAll(keepingCapacity: true) }
        state.checked[token] = claims
      }
      guard claims.expiresAt > now, state.revoked[claims.id] == nil else { return nil }
      state.lastUsed[claims.id] = now
      return claims.principal
    }
  }

  /// Replaces the revocation list, leaving out tokens that have expired anyway.
  public func replaceRevocations(_ revoked: [String: Date]) {
    let now = clock.now
    state.withLock { $0.revoked = revoked.filter { $0.value > now } }
  }

  /// Refuses token `id` (which expires at `expiresAt`) from now on.
  public func revoke(_ id: String, expiresAt: Date) {
    state.withLock { $0.revoked[id] = expiresAt }
  }

  /// When each token was last used since the last call, and forgets it.
  public func takeUsage() -> [String: Date] {
    state.withLock { state in
      defer { state.lastUsed = [:] }
      return state.lastUsed
    }
  }

  /// Puts back usage that could not be reported, keeping the later time of each token.
  public func restoreUsage(_ usage: [String: Date]) {
    state.withLock { $0.lastUsed.merge(usage) { max($0, $1) } }
  }
}
