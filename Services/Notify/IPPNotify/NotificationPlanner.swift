public import Foundation
public import IPPSchema
public import NotifyAPI
public import ServiceRuntime

/// Turns what is due into notifications in the outbox: the reminders and digests of every
/// election's schedule, and the alerts waiting to be grouped. Each run writes only what has not
/// been written (the dedup keys see to that), so it may run as often as it likes, and a restart
/// in the middle writes nothing twice.
public struct NotificationPlanner: Sendable {
  let deadlines: DeadlineBook
  let recipients: RecipientDirectory
  let alerts: AlertLedger
  let outbox: NotificationOutbox
  let writer = NotificationWriter()
  let clock: any WallClock
  /// How long an alert waits for others to the same recipient before they go as one message.
  let groupWait: TimeInterval

  public init(
    deadlines: DeadlineBook,
    recipients: RecipientDirectory,
    alerts: AlertLedger,
    outbox: NotificationOutbox,
    clock: any WallClock,
    groupWait: TimeInterval
  ) {
    self.deadlines = deadlines
    self.recipients = recipients
    self.alerts = alerts
    self.outbox = outbox
    self.clock = clock
    self.groupWait = groupWait
  }

  /// Writes the reminders and digests due now; answers how many notifications were new.
  @discardableResult
  public func writeDueReminders() throws -> Int {
    let now = clock.now
    let everyone = try recipients.all().map(\.recipient)
    var due: [NotificationOutbox.Draft] = []
    for window in try deadlines.windows() {
      let regions = try deadlines.progress(window.election)
      let schedule = ReminderSchedule(
        schedule: try deadlines.schedule(window.election).schedule,
        window: window,
        regions: regions,
        recipients: everyone
      )
      for occasion in schedule.due(at: now) {
        due += drafts(occasion, window: window, regions: regions, at: now)
      }
    }
    return try outbox.enqueue(due, at: now)
  }

  /// Writes one message per recipient for the alerts routed to it whose oldest has waited the
  /// group's wait; answers how many notifications were written.
  @discardableResult
  public func writeDueAlerts() throws -> Int {
    let now = clock.now
    let groups = try alerts.groupsDue(at: now, wait: groupWait)
    guard !groups.isEmpty else { return 0 }
    let byID = Dictionary(uniqueKeysWithValues: try recipients.all().map { ($0.recipient.id, $0.recipient) })
    var written = 0
    for (recipientID, events) in groups.sorted(by: { $0.key < $1.key }) {
      // A recipient removed since the events were routed is sent nothing.
      let drafts = byID[recipientID].map { recipient in
        let language = NoticeLanguage(rawValue: recipient.language) ?? .indonesian
        let message = AlertMessage(events: events, zone: ReminderSchedule.zone(of: recipient))
        return writer.drafts(
          to: recipient,
          kind: .alert,
          region: events.count == 1 ? events[0].region : recipient.region,
          dedupKey: "alerts/\(recipientID)/\(events[0].route)",
          subject: message.subject(in: language),
          text: message.text(in: language),
          html: message.html(in: language),
          severity: message.highestSeverity,
          events: events,
          at: now
        )
      }
      try alerts.markGrouped(events, writing: drafts ?? [], at: now)
      written += drafts?.count ?? 0
    }
    return written
  }

  /// The next `limit` notifications of `election`'s schedule, soonest first, leaving out those
  /// already written.
  public func preview(_ election: ElectionID, limit: Int) throws -> Notify.PreviewResponse {
    guard let window = try deadlines.windows().first(where: { $0.election == election }) else {
      return Notify.PreviewResponse(notifications: [], progressAsOf: nil)
    }
    let now = clock.now
    let regions = try deadlines.progress(election)
    let schedule = ReminderSchedule(
      schedule: try deadlines.schedule(election).schedule,
      window: window,
      regions: regions,
      recipients: try recipients.all().map(\.recipient)
    )
    var planned: [Notify.PlannedNotification] = []
    for occasion in schedule.upcoming(from: now) where planned.count < limit {
      let keys = [
        occasion.recipient.email.map { _ in "email" }, occasion.recipient.webhookURL.map { _ in "webhook" },
      ]
      .compactMap { $0 }.map { "\(occasion.dedupKey)/\($0)" }
      guard try !keys.allSatisfy(outbox.contains) else { continue }
      let draft = drafts(occasion, window: window, regions: regions, at: max(now, occasion.start)).first
      planned.append(
        Notify.PlannedNotification(
          dueAt: ZonedTime(max(now, occasion.start), in: ReminderSchedule.zone(of: occasion.recipient)),
          recipient: occasion.recipient.id,
          kind: occasion.kind,
          region: occasion.region,
          subject: draft?.subject ?? "",
          dedupKey: occasion.dedupKey
        )
      )
    }
    return Notify.PreviewResponse(notifications: planned, progressAsOf: window.readAt)
  }

  private func drafts(
    _ occasion: ReminderSchedule.Occasion,
    window: DeadlineBook.Window,
    regions: [DeadlineBook.RegionStatus],
    at now: Date
  ) -> [NotificationOutbox.Draft] {
    let recipient = occasion.recipient
    let language = NoticeLanguage(rawValue: recipient.language) ?? .indonesian
    let subject: String
    let text: String
    let html: String
    if occasion.kind == .digest {
      let digest = ProgressDigest(
        electionName: window.name,
        province: occasion.region,
        regions: regions,
        now: now
      )
      (subject, text, html) = (
        digest.subject(in: language), digest.text(in: language), digest.html(in: language)
      )
    } else {
      guard let status = regions.first(where: { $0.region == occasion.region }) else { return [] }
      let reminder = DeadlineReminder(
        region: status.region,
        electionName: window.name,
        deadline: status.deadline.instant,
        percentFilled: status.percentFilled,
        now: now
      )
      (subject, text, html) = (
        reminder.subject(in: language), reminder.text(in: language), reminder.html(in: language)
      )
    }
    return writer.drafts(
      to: recipient,
      kind: occasion.kind,
      region: occasion.region,
      dedupKey: occasion.dedupKey,
      subject: subject,
      text: text,
      html: html,
      at: now
    )
  }
}
