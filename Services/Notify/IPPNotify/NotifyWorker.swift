public import Foundation
public import Logging
public import ServiceRuntime

/// ipp-notify's background work, once a second: read intake's progress when it is due, write the
/// reminders, digests and grouped alerts that are due into the outbox, then deliver what the
/// outbox has due by each channel, no faster than the channel's rate.
public struct NotifyWorker: Sendable {
  /// Reads intake; nil when there is none to read (reminders then stop).
  let readProgress: (@Sendable () async throws -> Int)?
  let planner: NotificationPlanner
  let email: EmailDelivery
  let webhook: WebhookDelivery
  let settings: NotifySettings
  let clock: any WallClock
  let logger: Logger

  public init(
    readProgress: (@Sendable () async throws -> Int)?,
    planner: NotificationPlanner,
    email: EmailDelivery,
    webhook: WebhookDelivery,
    settings: NotifySettings,
    clock: any WallClock,
    logger: Logger
  ) {
    self.readProgress = readProgress
    self.planner = planner
    self.email = email
    self.webhook = webhook
    self.settings = settings
    self.clock = clock
    self.logger = logger
  }

  /// Runs until cancelled.
  public func run() async {
    var nextRead = Date.distantPast
    var emails = RateBudget(perMinute: settings.emailsPerMinute, at: clock.now)
    var webhooks = RateBudget(perMinute: settings.webhooksPerMinute, at: clock.now)
    while !Task.isCancelled {
      let now = clock.now
      if let readProgress, now >= nextRead {
        nextRead = now + settings.intakeReadInterval
        do {
          try await readProgress()
        } catch {
          logger.warning(
            "filling progress cannot be read from ipp-intake; reminders follow the last progress read",
            metadata: ["ipp.error": "\(error)"]
          )
        }
      }
      do {
        try planner.writeDueReminders()
        try planner.writeDueAlerts()
        emails.take(try await email.deliverDue(limit: emails.available(at: clock.now)))
        webhooks.take(try await webhook.deliverDue(limit: webhooks.available(at: clock.now)))
      } catch {
        logger.error("notifications cannot be written or delivered", metadata: ["ipp.error": "\(error)"])
      }
      try? await Task.sleep(for: .seconds(1))
    }
  }
}

/// A token bucket: `perMinute` sends a minute, in bursts of at most that many.
struct RateBudget {
  let perMinute: Int
  private var tokens: Double
  private var at: Date

  init(perMinute: Int, at now: Date) {
    self.perMinute = perMinute
    tokens = Double(perMinute)
    at = now
  }

  /// How many may be sent now.
  mutating func available(at now: Date) -> Int {
    tokens = min(Double(perMinute), tokens + max(0, now.timeIntervalSince(at)) * Double(perMinute) / 60)
    at = now
    return Int(tokens)
  }

  mutating func take(_ count: Int) {
    tokens -= Double(count)
  }
}
