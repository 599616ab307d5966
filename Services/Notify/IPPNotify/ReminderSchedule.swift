public import Foundation
public import IPPSchema
public import NotifyAPI

/// When an election's reminders and digests fall, worked out from its schedule, its deadline and
/// each region's progress as intake last reported it. Nothing here reads the clock or the
/// database: the same answer for the same facts, so the planner can run as often as it likes and
/// the dedup keys keep each occasion to one notification.
///
/// A region that has not submitted is reminded on each step (so many days before its own
/// deadline's day, on the day, then each day while late), from the start of office hours in the
/// recipient's zone. A step missed (notify down, outside office hours) is still sent until the
/// next step starts, never after: a region is not sent a pile of stale reminders. A province
/// admin gets a digest each morning from the first step to the last late day while any of its
/// kab/kota has not submitted; KPU RI's digest has one row per province.
public struct ReminderSchedule: Sendable {
  /// One notification the schedule calls for, before it is written for a channel.
  public struct Occasion: Sendable, Equatable {
    /// When it may first go out.
    public var start: Date
    /// After this a later occasion stands in for it.
    public var end: Date
    public var recipient: Notify.Recipient
    public var kind: Notify.NoticeKind
    /// The region reminded; for a digest the province (nil for KPU RI's).
    public var region: RegionCode?
    /// `h-7`, `hari-h`, `terlambat-2`, or a digest's date.
    public var step: String
    /// Unique per election, region, deadline, step and recipient; the channel is added when it is
    /// written.
    public var dedupKey: String
  }

  public let schedule: Notify.SetDeadlineRequest
  public let window: DeadlineBook.Window
  public let regions: [DeadlineBook.RegionStatus]
  public let recipients: [Notify.Recipient]

  public init(
    schedule: Notify.SetDeadlineRequest,
    window: DeadlineBook.Window,
    regions: [DeadlineBook.RegionStatus],
    recipients: [Notify.Recipient]
  ) {
    self.schedule = schedule
    self.window = window
    self.regions = regions
    self.recipients = recipients
  }

  /// What is due at `now`: started, not yet ended, and within office hours in the recipient's
  /// zone.
  public func due(at now: Date) -> [Occasion] {
    all().filter { $0.start <= now && now < $0.end && inOfficeHours(now, for: $0.recipient) }
  }

  /// Every occasion not ended by `now`, soonest first.
  public func upcoming(from now: Date) -> [Occasion] {
    all().filter { now < $0.end }.sorted { ($0.start, $0.dedupKey) < ($1.start, $1.dedupKey) }
  }

  /// The recipient's zone: its region's, WIB for KPU RI.
  public static func zone(of recipient: Notify.Recipient) -> Region.Zone {
    recipient.region?.region.zone ?? .wib
  }

  private func all() -> [Occasion] {
    var occasions: [Occasion] = []
    let open = regions.filter { !$0.submitted }
    for recipient in recipients {
      if recipient.notices.contains(.deadlineReminder), let region = recipient.region,
        let status = open.first(where: { $0.region == region })
      {
        occasions += reminders(status, to: recipient)
      }
      if recipient.notices.contains(.digest), recipient.region?.level != .kabkota {
        occasions += digests(to: recipient, covering: open)
      }
    }
    return occasions
  }

  private func reminders(_ status: DeadlineBook.RegionStatus, to recipient: Notify.Recipient) -> [Occasion] {
    let calendar = Self.calendar(Self.zone(of: recipient))
    let deadline = status.deadline.instant
    let deadlineDay = calendar.startOfDay(for: deadline)
    var steps: [(String, Int)] = Set(schedule.daysBefore).sorted(by: >).map { ("h-\($0)", -$0) }
    if schedule.onTheDay { steps.append(("hari-h", 0)) }
    if schedule.lateDays > 0 { steps += (1...schedule.lateDays).map { ("terlambat-\($0)", $0) } }
    let starts = steps.map { (label: $0.0, start: officeStart(deadlineDay, plus: $0.1, calendar)) }
      .filter { step in
        step.start >= (window.opensAt?.instant ?? .distantPast)
          && (step.label != "hari-h" || step.start < deadline)
      }
    let dateKey = Self.dayKey(deadline, calendar)
    return starts.indices.map { index in
      let step = starts[index]
      let end =
        index + 1 < starts.count
        ? starts[index + 1].start
        : step.start + TimeInterval((schedule.officeHoursUntil - schedule.officeHoursFrom) * 60)
      return Occasion(
        start: step.start,
        end: end,
        recipient: recipient,
        kind: .deadlineReminder,
        region: status.region,
        step: step.label,
        dedupKey: "deadline/\(window.election)/\(status.region)/\(dateKey)/\(step.label)/\(recipient.id)"
      )
    }
  }

  private func digests(
    to recipient: Notify.Recipient,
    covering open: [DeadlineBook.RegionStatus]
  ) -> [Occasion] {
    let covered = open.filter { status in
      recipient.region.map { status.region.level == .kabkota && $0.contains(status.region) } ?? true
    }
    guard !covered.isEmpty else { return [] }
    let calendar = Self.calendar(Self.zone(of: recipient))
    let deadlineDay = calendar.startOfDay(for: window.closesAt.instant)
    let anyLate = covered.contains(where: \.isLate)
    let first = -(schedule.daysBefore.max() ?? 0)
    let last = anyLate ? schedule.lateDays : 0
    guard first <= last else { return [] }
    let length = TimeInterval((schedule.officeHoursUntil - schedule.officeHoursFrom) * 60)
    return (first...last).map { offset in
      let start = officeStart(deadlineDay, plus: offset, calendar)
      let day = Self.dayKey(start, calendar)
      return Occasion(
        start: start,
        end: start + length,
        recipient: recipient,
        kind: .digest,
        region: recipient.region,
        step: day,
        dedupKey: "digest/\(window.election)/\(recipient.region?.rawValue ?? "RI")/\(day)/\(recipient.id)"
      )
    }
    .filter { $0.start >= (window.opensAt?.instant ?? .distantPast) }
  }

  private func inOfficeHours(_ instant: Date, for recipient: Notify.Recipient) -> Bool {
    let parts = Self.calendar(Self.zone(of: recipient)).dateComponents([.hour, .minute], from: instant)
    let minute = parts.hour! * 60 + parts.minute!
    return (schedule.officeHoursFrom..<schedule.officeHoursUntil).contains(minute)
  }

  private func officeStart(_ day: Date, plus days: Int, _ calendar: Calendar) -> Date {
    calendar.date(byAdding: .day, value: days, to: day)! + TimeInterval(schedule.officeHoursFrom * 60)
  }

  private static func dayKey(_ instant: Date, _ calendar: Calendar) -> String {
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }

  static func calendar(_ zone: Region.Zone) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone.timeZone
    return calendar
  }
}
