public import Foundation

/// Why an availability check failed.
public enum CheckFailure: Sendable, Equatable, CustomStringConvertible {
  /// The host name does not resolve.
  case dns
  /// Nothing accepted the connection (refused, unreachable, or no answer in the connect timeout).
  case connect
  /// The TLS handshake failed: an expired, self-signed or wrong-host certificate.
  case tls(String)
  /// No whole answer within the total timeout.
  case timeout
  /// An answer with a status that is not success (after redirects).
  case httpStatus(Int)
  /// More redirects than allowed, or a loop.
  case redirects
  /// A reason read back from the database, as it was written.
  case stored(String)

  public var description: String {
    switch self {
    case .dns: "DNS: the name does not resolve"
    case .connect: "connect: refused or unreachable"
    case .tls(let detail): "TLS: \(detail)"
    case .timeout: "timeout"
    case .httpStatus(let code): "HTTP \(code)"
    case .redirects: "too many redirects"
    case .stored(let text): text
    }
  }
}

/// Whether a site is up, as Gatus decides it: DOWN only after `failuresToDown` failed checks in
/// a row, UP again only after `successesToUp` in a row, so a site that fails now and then does
/// not flap. Before its first verdict a site is unknown.
public enum SiteAvailability: Sendable, Equatable {
  /// No verdict yet; so many failures in a row so far.
  case unknown(failuresInARow: Int)
  /// Up; so many failures in a row since the last success.
  case up(failuresInARow: Int)
  /// Down since `since` for `reason`; so many successes in a row since.
  case down(since: Date, reason: CheckFailure, successesInARow: Int)

  /// What a check changed.
  public enum Change: Sendable, Equatable {
    case wentDown(reason: CheckFailure)
    case recovered(downFor: TimeInterval)
  }

  /// The thresholds: Gatus's 3 and 2 by default.
  public struct Thresholds: Sendable, Equatable {
    public var failuresToDown: Int
    public var successesToUp: Int

    public init(failuresToDown: Int = 3, successesToUp: Int = 2) {
      self.failuresToDown = failuresToDown
      self.successesToUp = successesToUp
    }
  }

  /// The state after a check at `at` that failed for `failure` (nil: it succeeded), and what
  /// changed, if anything.
  public func after(
    _ failure: CheckFailure?,
    at instant: Date,
    thresholds: Thresholds
  ) -> (SiteAvailability, Change?) {
    switch (self, failure) {
    case (.unknown, nil), (.up, nil):
      return (.up(failuresInARow: 0), nil)
    case (.unknown(let failures), let failure?):
      return failures + 1 >= thresholds.failuresToDown
        ? (.down(since: instant, reason: failure, successesInARow: 0), .wentDown(reason: failure))
        : (.unknown(failuresInARow: failures + 1), nil)
    case (.up(let failures), let failure?):
      return failures + 1 >= thresholds.failuresToDown
        ? (.down(since: instant, reason: failure, successesInARow: 0), .wentDown(reason: failure))
        : (.up(failuresInARow: failures + 1), nil)
    case (.down(let since, _, _), let failure?):
      return (.down(since: since, reason: failure, successesInARow: 0), nil)
    case (.down(let since, let reason, let successes), nil):
      return successes + 1 >= thresholds.successesToUp
        ? (.up(failuresInARow: 0), .recovered(downFor: instant.timeIntervalSince(since)))
        : (.down(since: since, reason: reason, successesInARow: successes + 1), nil)
    }
  }
}
