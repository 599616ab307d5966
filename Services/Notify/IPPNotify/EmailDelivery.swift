public import Foundation
public import Logging
public import NIOCore
public import ServiceRuntime
internal import IPPSchema

/// Sends what the outbox has due by email: a few SMTP connections per batch, each message marked
/// sent only once the server accepted it. A refusal worth retrying (4xx, or no answer) is tried
/// again after a backoff that doubles per attempt, with jitter, up to `maxAttempts`; a 5xx, an
/// address that cannot be mailed, or the last attempt dead-letters it. When the server cannot be
/// reached at all, every due message waits for its next attempt.
public struct EmailDelivery: Sendable {
  let outbox: NotificationOutbox
  let settings: SMTPSettings
  let sender: MailAddress
  let clock: any WallClock
  let group: any EventLoopGroup
  let retry: DeliveryRetry
  let logger: Logger

  public init(
    outbox: NotificationOutbox,
    settings: SMTPSettings,
    sender: MailAddress,
    clock: any WallClock,
    group: any EventLoopGroup,
    maxAttempts: Int = 8,
    backoff: DeliveryRetry.Backoff = DeliveryRetry.Backoff(),
    logger: Logger
  ) {
    self.outbox = outbox
    self.settings = settings
    self.sender = sender
    self.clock = clock
    self.group = group
    self.retry = DeliveryRetry(
      outbox: outbox,
      clock: clock,
      maxAttempts: maxAttempts,
      backoff: backoff,
      logger: logger
    )
    self.logger = logger
  }

  /// Sends up to `limit` due notifications over at most `settings.connections` connections at
  /// once (each taking every n-th); answers how many the server accepted.
  @discardableResult
  public func deliverDue(limit: Int = 500) async throws -> Int {
    let due = try outbox.due(.email, at: clock.now, limit: limit)
    let lanes = min(settings.connections, due.count)
    return try await withThrowingTaskGroup(of: Int.self) { group in
      for lane in 0..<lanes {
        let share = stride(from: lane, to: due.count, by: lanes).map { due[$0] }
        group.addTask { try await deliver(share) }
      }
      return try await group.reduce(0, +)
    }
  }

  /// Sends `due` over one connection; answers how many the server accepted.
  private func deliver(_ due: [NotificationOutbox.Notification]) async throws -> Int {
    let connection: SMTPConnection
    do {
      connection = try await SMTPConnection.open(settings, group: group)
    } catch {
      let failure = error as? SMTPError ?? SMTPError(step: "connect", problem: "\(error)")
      logger.warning(
        "mail server unavailable; notifications wait",
        metadata: ["ipp.error": "\(failure)", "ipp.waiting": "\(due.count)"]
      )
      for notification in due { try retry.failed(notification, transient: true, reply: failure.description) }
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
          subject: notification.draft.subject,
          text: notification.draft.text,
          html: notification.draft.html,
          dedupKey: notification.dedupKey,
          date: clock.now,
          timeZone: Region.Zone(rawValue: notification.draft.zone)?.timeZone ?? Region.Zone.wib.timeZone
        )
      } catch {
        try retry.failed(notification, transient: false, reply: "\(error)")
        continue
      }
      do {
        let reply = try await connection.send(message, from: sender.address, to: [notification.recipient])
        try outbox.markSent(notification.id, reply: reply.description, at: clock.now)
        sent += 1
      } catch let failure as SMTPError {
        try retry.failed(notification, transient: failure.isTransient, reply: failure.description)
        // No reply and worth retrying: the connection is gone, the rest wait for the next round.
        if failure.reply == nil && failure.isTransient { break }
      }
    }
    return sent
  }
}
