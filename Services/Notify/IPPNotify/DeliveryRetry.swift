public import Foundation
public import Logging
public import ServiceRuntime

/// What happens after a failed delivery, by email or webhook: a failure worth retrying is tried
/// again after a backoff that doubles per attempt, with jitter, up to `maxAttempts`; a permanent
/// one, or the last attempt, dead-letters the notification (logged as an error, visible in
/// `DeadLetters`).
public struct DeliveryRetry: Sendable {
  /// How long to wait before attempt n + 1: `base * 2^n`, at most `cap`, times a random factor
  /// in `1 ± jitter`.
  public struct Backoff: Sendable {
    public var base: TimeInterval = 30
    public var cap: TimeInterval = 3600
    public var jitter: Double = 0.2
    /// A number in 0..<1; the system's generator unless a test fixes it.
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    public init() {}

    public func delay(afterAttempts attempts: Int) -> TimeInterval {
      min(cap, base * pow(2, Double(attempts))) * (1 + jitter * (2 * random() - 1))
    }
  }

  let outbox: NotificationOutbox
  let clock: any WallClock
  let maxAttempts: Int
  let backoff: Backoff
  let logger: Logger

  public init(
    outbox: NotificationOutbox,
    clock: any WallClock,
    maxAttempts: Int = 8,
    backoff: Backoff = Backoff(),
    logger: Logger
  ) {
    self.outbox = outbox
    self.clock = clock
    self.maxAttempts = maxAttempts
    self.backoff = backoff
    self.logger = logger
  }

  /// Records a failed attempt at `notification` and when it is tried next, if ever.
  public func failed(_ notification: NotificationOutbox.Notification, transient: Bool, reply: String) throws {
    let attempts = notification.attempts + 1
    let retryAt =
      transient && attempts < maxAttempts ? clock.now + backoff.delay(afterAttempts: attempts - 1) : nil
    try outbox.markFailed(
      notification.id,
      transient: transient,
      reply: reply,
      retryAt: retryAt,
      at: clock.now
    )
    if retryAt == nil {
      logger.error(
        "notification dead-lettered",
        metadata: [
          "ipp.dedup_key": "\(notification.dedupKey)", "ipp.attempts": "\(attempts)", "ipp.error": "\(reply)",
        ]
      )
    }
  }
}
