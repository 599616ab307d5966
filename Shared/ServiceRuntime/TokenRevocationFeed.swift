public import Foundation
public import IntakeAPI
public import Logging
public import RPCCore

/// Keeps a service's ``IssuedTokenVerifier`` up to date with ipp-intake's revocations: every
/// refresh interval it reports when the tokens it accepted were last used and takes the whole
/// list of revoked tokens that have not expired. The list is also written to a file in the
/// state directory, so a restart while intake is down still refuses what was revoked.
///
/// While intake cannot be reached the last list stays in force: a token revoked meanwhile is
/// accepted until intake answers again (or the token expires). One warning when that starts,
/// one notice when it ends.
public struct TokenRevocationFeed<Caller: RPCCaller>: Sendable {
  let verifier: IssuedTokenVerifier
  let intake: Intake.Client<Caller>
  /// Where the last list is kept.
  let file: String
  let logger: Logger

  public init(verifier: IssuedTokenVerifier, intake: Intake.Client<Caller>, file: String, logger: Logger) {
    self.verifier = verifier
    self.intake = intake
    self.file = file
    self.logger = logger
  }

  /// Loads the list the last run kept, if any.
  public func loadKept() {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return }
    var revoked: [String: Date] = [:]
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 2, let seconds = TimeInterval(fields[1]) else { continue }
      revoked[String(fields[0])] = Date(timeIntervalSince1970: seconds)
    }
    verifier.replaceRevocations(revoked)
  }

  /// Reports usage and takes the revocations once.
  public func refresh() async throws {
    let usage = verifier.takeUsage()
    do {
      let answer = try await intake.tokenRevocations(
        .init(usage: usage.prefix(10_000).map { .init(id: $0.key, at: $0.value) }),
        options: CallOptions(timeout: .seconds(10))
      )
      let revoked = Dictionary(answer.revoked.map { ($0.id, $0.expiresAt) }) { first, _ in first }
      verifier.replaceRevocations(revoked)
      let lines = revoked.map { "\($0.key) \(Int($0.value.timeIntervalSince1970))\n" }.sorted().joined()
      try Data(lines.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
    } catch {
      verifier.restoreUsage(usage)
      throw error
    }
  }

  /// Refreshes every `interval` until cancelled.
  public func run(every interval: Duration) async {
    var failing = false
    while !Task.isCancelled {
      do {
        try await refresh()
        if failing {
          logger.notice("token revocations from ipp-intake are current again")
          failing = false
        }
      } catch {
        if !failing {
          logger.warning(
            "cannot take token revocations from ipp-intake; the last list stays in force",
            metadata: ["ipp.error": "\(RPCError(converting: error))"]
          )
          failing = true
        }
      }
      try? await Task.sleep(for: interval)
    }
  }
}
