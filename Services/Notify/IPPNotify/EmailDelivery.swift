public import Foundation
public import Logging
public import NIOCore
public import ServiceRuntime
internal import IPPSchema

/// Sends what the outbox has due by email: one SMTP connection per batch, each message marked
/// sent only once the server accepted it. A refusal worth retrying (4xx, or no answer) is tried
/// again after a backoff that doubles per attempt, with jitter, up to `maxAttempts`; a 5xx, an
/// address that cannot be mailed, or the last attempt dead-letters it. When the server cannot be
/// reached at all, every due message waits for its next attempt.
public struct EmailDelivery: Sendable {
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
  let settings: SMTPSettings
  let sender: MailAddress
  let clock: any WallClock
  let group: any EventLoopGroup
  let maxAttempts: Int
  let backoff: Backoff
  let logger: Logger

  public init(
    outbox: NotificationOutbox,
    settings: SMTPSettings,
    sender: MailAddress,
    clock: any WallClock,
    group: any EventLoopGroup,
    maxAttempts: Int = 8,
    backoff: Backoff = Backoff(),
    logger: Logger
  ) {
    self.outbox = outbox
    self.settings = settings
    self.sender = sender
    self.clock = clock
    self.group = group
    self.maxAttempts = maxAttempts
    self.backoff = backoff
    self.logger = logger
  }

  /// Sends up to `limit` due notifications; answers how many the server accepted.
  @discardableResult
  public func deliverDue(limit: Int = 500) async throws -> Int {
    let due = try outbox.due(at: clock.now, limit: limit)
    guard !due.isEmpty else { return 0 }
    let connection: SMTPConnection
    do {
      connection = try await SMTPConnection.open(settings, group: group)
    } catch {
      let failure = error as? SMTPError ?? SMTPError(step: "connect", problem: "\(error)")
      logger.warning(
        "mail server unavailable; notifications wait",
        metadata: ["ipp.error": "\(failure)", "ipp.waiting": "\(due.count)"]
      )
      for notification in due { try retryOrBury(notification, transient: true, reply: failure.description) }
      return 0
    }
    do {
      let sent = try await send(due, over: connection)
      await connection.quit()
      return sent
    } catch {
      connection.close()
      throw error
    }
  }

  /// Sends `due` over `connection` in order, recording each outcome; stops when the connection
  /// is lost.
  private func send(
    _ due: [NotificationOutbox.Notification],
    over connection: SMTPConnection
  ) async throws -> Int {
    var sent = 0
    for notification in due {
      let message: MailMessage
      do {
        let recipient = try MailAddress(notification.recipient)
        message = MailMessage(
          from: sender,
          to: [recipient],
          subject: notification.subject,
          text: notification.text,
          html: notification.html,
          dedupKey: notification.dedupKey,
          date: clock.now,
          timeZone: Region.Zone(rawValue: notification.zone)?.timeZone ?? Region.Zone.wib.timeZone
        )
      } catch {
        try outbox.markFailed(
          notification.id,
          transient: false,
          reply: "\(error)",
          retryAt: nil,
          at: clock.now
        )
        continue
      }
      do {
        let reply = try await connection.send(message, from: sender.address, to: [notification.recipient])
        try outbox.markSent(notification.id, reply: reply.description, at: clock.now)
        sent += 1
      } catch let failure as SMTPError {
        try retryOrBury(notification, transient: failure.isTransient, reply: failure.description)
        // No reply and worth retrying: the connection is gone, the rest wait for the next round.
        if failure.reply == nil && failure.isTransient { break }
      }
    }
    return sent
  }

  private func retryOrBury(
    _ notification: NotificationOutbox.Notification,
    transient: Bool,
    reply: String
  ) throws {
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
