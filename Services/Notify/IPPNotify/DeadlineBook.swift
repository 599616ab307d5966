public import Foundation
public import GRDB
public import IPPSchema
public import NotifyAPI
public import ServiceRuntime

/// Each election's reminder schedule, and the filling progress ipp-intake last reported (the
/// deadline, and each region's state and deadline), kept so that reminders and `Preview` work
/// from the last known picture while intake cannot be reached.
public struct DeadlineBook: Sendable {
  /// An election's filling window as intake last reported it.
  public struct Window: Sendable, Equatable {
    public var election: ElectionID
    public var name: String
    public var opensAt: ZonedTime?
    public var closesAt: ZonedTime
    public var readAt: Date

    public init(election: ElectionID, name: String, opensAt: ZonedTime?, closesAt: ZonedTime, readAt: Date) {
      self.election = election
      self.name = name
      self.opensAt = opensAt
      self.closesAt = closesAt
      self.readAt = readAt
    }
  }

  /// A region's progress as intake last reported it.
  public struct RegionStatus: Sendable, Equatable {
    public var region: RegionCode
    public var submitted: Bool
    public var percentFilled: Double
    /// The region's own deadline (its extension, if any).
    public var deadline: ZonedTime
    public var isLate: Bool

    public init(region: RegionCode, submitted: Bool, percentFilled: Double, deadline: ZonedTime, isLate: Bool)
    {
      self.region = region
      self.submitted = submitted
      self.percentFilled = percentFilled
      self.deadline = deadline
      self.isLate = isLate
    }
  }

  let pool: DatabasePool

  public init(storage: ServiceStorage) {
    pool = storage.pool
  }

  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("notify.5 deadline schedules and progress") { db in
      try db.create(table: "deadline_schedule") { table in
        table.primaryKey("election", .text)
        table.column("days_before", .text).notNull()
        table.column("on_the_day", .boolean).notNull()
        table.column("late_days", .integer).notNull()
        table.column("office_from", .integer).notNull()
        table.column("office_until", .integer).notNull()
        table.column("set_by", .text).notNull()
        table.column("set_at", .datetime).notNull()
      }
      try db.create(table: "filling_window") { table in
        table.primaryKey("election", .text)
        table.column("name", .text).notNull()
        table.column("opens_at", .text)
        table.column("closes_at", .text).notNull()
        table.column("read_at", .datetime).notNull()
      }
      try db.create(table: "region_progress") { table in
        table.column("election", .text).notNull()
        table.column("region", .text).notNull()
        table.column("submitted", .boolean).notNull()
        table.column("percent_filled", .double).notNull()
        table.column("deadline", .text).notNull()
        table.column("is_late", .boolean).notNull()
        table.primaryKey(["election", "region"])
      }
    }
  }

  /// Sets an election's schedule.
  public func setSchedule(_ schedule: Notify.SetDeadlineRequest, by who: String, at now: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO deadline_schedule (election, days_before, on_the_day, late_days, office_from,
            office_until, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          schedule.election.rawValue, schedule.daysBefore.map(String.init).joined(separator: ","),
          schedule.onTheDay,
          schedule.lateDays, schedule.officeHoursFrom, schedule.officeHoursUntil, who, now,
        ]
      )
    }
  }

  /// An election's schedule (the default until an admin sets one) with its deadline as last read.
  public func schedule(_ election: ElectionID) throws -> Notify.DeadlineSchedule {
    try pool.read { db in
      let window = try Self.window(db, election)
      guard
        let row = try Row.fetchOne(
          db,
          sql: "SELECT * FROM deadline_schedule WHERE election = ?",
          arguments: [election.rawValue]
        )
      else {
        return Notify.DeadlineSchedule(
          schedule: Notify.SetDeadlineRequest(election: election),
          deadline: window?.closesAt,
          readAt: window?.readAt,
          setBy: nil,
          setAt: nil
        )
      }
      let days: String = row["days_before"]
      return Notify.DeadlineSchedule(
        schedule: Notify.SetDeadlineRequest(
          election: election,
          daysBefore: days.split(separator: ",").compactMap { Int($0) },
          onTheDay: row["on_the_day"],
          lateDays: row["late_days"],
          officeHoursFrom: row["office_from"],
          officeHoursUntil: row["office_until"]
        ),
        deadline: window?.closesAt,
        readAt: window?.readAt,
        setBy: row["set_by"],
        setAt: row["set_at"]
      )
    }
  }

  /// Replaces what is known of an election's window and progress with what intake reported.
  public func record(_ window: Window, _ regions: [RegionStatus]) throws {
    try pool.write { db in
      try db.execute(
        sql:
          "INSERT OR REPLACE INTO filling_window (election, name, opens_at, closes_at, read_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [
          window.election.rawValue, window.name, window.opensAt?.rawValue, window.closesAt.rawValue,
          window.readAt,
        ]
      )
      try db.execute(
        sql: "DELETE FROM region_progress WHERE election = ?",
        arguments: [window.election.rawValue]
      )
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO region_progress (election, region, submitted, percent_filled, deadline, is_late)
          VALUES (?, ?, ?, ?, ?, ?)
          """
      )
      for region in regions {
        try insert.execute(arguments: [
          window.election.rawValue, region.region.rawValue, region.submitted, region.percentFilled,
          region.deadline.rawValue, region.isLate,
        ])
      }
    }
  }

  /// The elections whose window intake has reported, by id.
  public func windows() throws -> [Window] {
    try pool.read { db in
      try String.fetchAll(db, sql: "SELECT election FROM filling_window ORDER BY election").compactMap {
        try Self.window(db, try ElectionID($0))
      }
    }
  }

  /// An election's regions as last reported, by code.
  public func progress(_ election: ElectionID) throws -> [RegionStatus] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM region_progress WHERE election = ? ORDER BY region",
        arguments: [election.rawValue]
      )
      .compactMap { row in
        guard let region = try? RegionCode(row["region"] as String),
          let deadline = try? ZonedTime(row["deadline"] as String)
        else { return nil }
        return RegionStatus(
          region: region,
          submitted: row["submitted"],
          percentFilled: row["percent_filled"],
          deadline: deadline,
          isLate: row["is_late"]
        )
      }
    }
  }

  private static func window(_ db: Database, _ election: ElectionID) throws -> Window? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: "SELECT * FROM filling_window WHERE election = ?",
        arguments: [election.rawValue]
      ),
      let closesAt = try? ZonedTime(row["closes_at"] as String)
    else { return nil }
    return Window(
      election: election,
      name: row["name"],
      opensAt: (row["opens_at"] as String?).flatMap { try? ZonedTime($0) },
      closesAt: closesAt,
      readAt: row["read_at"]
    )
  }
}
