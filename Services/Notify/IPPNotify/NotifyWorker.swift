public import Foundation
public import Logging
public import ServiceRuntime
internal import Metrics
internal import NotifyAPI

/// ipp-notify's background work, once a second: read intake's progress when it is due, write the
/// grouped alerts that are due into the outbox (and, once a minute and after each read, the
/// reminders and digests: their steps start on whole minutes), then deliver what the outbox has
/// due by each channel, no faster than the channel's rate. Once a day it deletes what is older
/// than the history is kept for (`history.days`). Keeps the gauges
/// `ipp_notify_pending` and `ipp_notify_dead` and the counter `ipp_notify_delivered_total` (by
/// `channel`) current for /metrics.
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
    var nextPlan = Date.distantPast
    var nextPrune = Date.distantPast
    var emails = RateBudget(perMinute: settings.emailsPerMinute, at: clock.now)
    var webhooks = RateBudget(perMinute: settings.webhooksPerMinute, at: clock.now)
    let pending = Gauge(label: "ipp_notify_pending")
    let dead = Gauge(label: "ipp_notify_dead")
    let emailed = Counter(label: "ipp_notify_delivered_total", dimensions: [("channel", "email")])
    let posted = Counter(label: "ipp_notify_delivered_total", dimensions: [("channel", "webhook")])
    while !Task.isCancelled {
      let now = clock.now
      if let readProgress, now >= nextRead {
        nextRead = now + settings.intakeReadInterval
        do {
          try await readProgress()
          nextPlan = now
        } catch {
          logger.warning(
            "filling progress cannot be read from ipp-intake; reminders follow the last progress read",
            metadata: ["ipp.error": "\(error)"]
          )
        }
      }
      do {
        if now >= nextPlan {
          nextPlan = now + 60
          try planner.writeDueReminders()
        }
        try planner.writeDueAlerts()
        let sentByEmail = try await email.deliverDue(limit: emails.available(at: clock.now))
        emails.take(sentByEmail)
        emailed.increment(by: sentByEmail)
        let sentByWebhook = try await webhook.deliverDue(limit: webhooks.available(at: clock.now))
        webhooks.take(sentByWebhook)
        posted.increment(by: sentByWebhook)
        pending.record(try planner.outbox.count(in: .pending))
        dead.record(try planner.outbox.count(in: .dead))
        if now >= nextPrune {
          nextPrune = now + 86_400
          let cutoff = now - Double(settings.historyDays) * 86_400
          try planner.outbox.prune(before: cutoff)
          try planner.alerts.prune(before: cutoff)
        }
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
