public import Foundation
public import IPPSchema

extension Notify {
  /// `SetDeadline`: the reminder schedule around an election's filling deadline. The deadline
  /// itself (and any region's extension) is ipp-intake's: when an admin moves it there, the
  /// reminders still to come follow it.
  public struct SetDeadlineRequest: Codable, Sendable, Equatable {
    public var election: ElectionID
    /// Days before the deadline's day a region that has not submitted is reminded: 1 to 60,
    /// such as `[7, 3, 1]`.
    public var daysBefore: [Int]
    /// A reminder on the deadline's own day.
    public var onTheDay: Bool
    /// One reminder a day while the region is late, for at most this many days (0: none).
    public var lateDays: Int
    /// Reminders and digests go out from this minute of the day in the recipient's zone (480 is
    /// 08:00)...
    public var officeHoursFrom: Int
    /// ...until this one (960 is 16:00); one due later waits for the next morning.
    public var officeHoursUntil: Int

    public init(
      election: ElectionID,
      daysBefore: [Int] = [7, 3, 1],
      onTheDay: Bool = true,
      lateDays: Int = 14,
      officeHoursFrom: Int = 8 * 60,
      officeHoursUntil: Int = 16 * 60
    ) {
      self.election = election
      self.daysBefore = daysBefore
      self.onTheDay = onTheDay
      self.lateDays = lateDays
      self.officeHoursFrom = officeHoursFrom
      self.officeHoursUntil = officeHoursUntil
    }
  }

  /// An election's reminder schedule, with the deadline as ipp-intake last told it.
  public struct DeadlineSchedule: Codable, Sendable, Equatable {
    public var schedule: SetDeadlineRequest
    /// The deadline, in the zone KPU RI set it in; nil until intake has been read.
    public var deadline: ZonedTime?
    /// When intake was last read.
    public var readAt: Date?
    /// Who set the schedule, and when; nil for the default.
    public var setBy: String?
    public var setAt: Date?

    public init(
      schedule: SetDeadlineRequest,
      deadline: ZonedTime?,
      readAt: Date?,
      setBy: String?,
      setAt: Date?
    ) {
      self.schedule = schedule
      self.deadline = deadline
      self.readAt = readAt
      self.setBy = setBy
      self.setAt = setAt
    }
  }

  /// `Deadline`: which election.
  public struct DeadlineRequest: Codable, Sendable {
    public var election: ElectionID

    public init(election: ElectionID) {
      self.election = election
    }
  }

  /// `Preview`: the next notifications of one election's schedule.
  public struct PreviewRequest: Codable, Sendable {
    public var election: ElectionID
    /// 1 to 1000.
    public var limit: Int

    public init(election: ElectionID, limit: Int = 50) {
      self.election = election
      self.limit = limit
    }
  }

  /// A notification the schedule will write, if the region has still not submitted by then.
  public struct PlannedNotification: Codable, Sendable, Equatable {
    /// When it goes out, in the recipient's zone.
    public var dueAt: ZonedTime
    public var recipient: String
    public var kind: NoticeKind
    /// The region it is about (a province for a digest).
    public var region: RegionCode?
    public var subject: String
    public var dedupKey: String

    public init(
      dueAt: ZonedTime,
      recipient: String,
      kind: NoticeKind,
      region: RegionCode?,
      subject: String,
      dedupKey: String
    ) {
      self.dueAt = dueAt
      self.recipient = recipient
      self.kind = kind
      self.region = region
      self.subject = subject
      self.dedupKey = dedupKey
    }
  }

  /// Soonest first, as the regions stand now (intake's progress as last read).
  public struct PreviewResponse: Codable, Sendable, Equatable {
    public var notifications: [PlannedNotification]
    /// When intake's progress was read.
    public var progressAsOf: Date?

    public init(notifications: [PlannedNotification], progressAsOf: Date?) {
      self.notifications = notifications
      self.progressAsOf = progressAsOf
    }
  }
}
