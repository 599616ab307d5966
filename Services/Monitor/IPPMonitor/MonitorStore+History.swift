public import Foundation
public import GRDB
public import IPPSchema
public import MonitorAPI

/// The checks over time: each check kept `rawDays` (7), and each site's hours and days (a day in
/// the site's zone) rolled up as the checks are recorded, kept `rollupDays` (400), so that the
/// database stays bounded however long the monitor runs. Uptime over 24 hours is read from the
/// hours, over 7 and 30 days from the days (today's included), so a list of every site reads
/// thousands of rows, not hundreds of thousands.
extension MonitorStore {
  /// How long history is kept.
  public struct Retention: Sendable, Equatable {
    public var rawDays = 7
    public var rollupDays = 400

    public init(rawDays: Int = 7, rollupDays: Int = 400) {
      self.rawDays = rawDays
      self.rollupDays = rollupDays
    }
  }

  static func registerHistoryMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("monitor.6 rollups") { db in
      for (table, key) in [("check_hourly", "hour"), ("check_daily", "day")] {
        try db.create(table: table, options: .withoutRowID) { table in
          table.column("host", .text).notNull()
          table.column(key, .text).notNull()
          table.column("checks", .integer).notNull()
          table.column("good", .integer).notNull()
          table.column("latency_sum", .integer).notNull()
          table.column("latency_max", .integer).notNull()
          table.primaryKey(["host", key])
        }
      }
      try db.create(index: "check_hourly_hour", on: "check_hourly", columns: ["hour"])
      try db.create(index: "site_check_at", on: "site_check", columns: ["at"])
    }
  }

  /// Adds a check to its hour's and its day's rollups, within the caller's transaction.
  static func rollUp(
    host: String,
    at now: Date,
    day: CalendarDay,
    good: Bool,
    latency: Int,
    in db: Database
  ) throws {
    let hour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    for (table, key, value) in [
      ("check_hourly", "hour", hour.databaseValue), ("check_daily", "day", day.rawValue.databaseValue),
    ] {
      try db.cachedStatement(
        sql: """
          INSERT INTO \(table) (host, \(key), checks, good, latency_sum, latency_max) VALUES (?, ?, 1, ?, ?, ?)
          ON CONFLICT (host, \(key)) DO UPDATE SET checks = checks + 1, good = good + excluded.good,
            latency_sum = latency_sum + excluded.latency_sum, latency_max = MAX(latency_max, excluded.latency_max)
          """
      )
      .execute(arguments: [host, value, good ? 1 : 0, latency, latency])
    }
  }

  /// Good and all checks in a span.
  struct Tally: Sendable {
    var checks = 0
    var good = 0

    /// The share of good checks; nil when there was none.
    var share: Double? { checks > 0 ? Double(good) / Double(checks) : nil }
  }

  /// Each site's (or only `host`'s) checks in the last 24 hours at `now`, from the hourly rollups.
  func lastDay(at now: Date, host: String?, in db: Database) throws -> [String: Tally] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT host, SUM(checks) AS checks, SUM(good) AS good FROM check_hourly
        WHERE hour >= ? AND (?2 IS NULL OR host = ?2) GROUP BY host
        """,
      arguments: [now - 86_400, host]
    )
    .reduce(into: [:]) { $0[$1["host"]] = Tally(checks: $1["checks"], good: $1["good"]) }
  }

  /// Each site's (or only `host`'s) checks per day (in its zone) from `since` on, from the daily
  /// rollups.
  func daily(since: CalendarDay, host: String?, in db: Database) throws -> [String: [CalendarDay: Tally]] {
    try Row.fetchAll(
      db,
      sql: "SELECT host, day, checks, good FROM check_daily WHERE day >= ? AND (?2 IS NULL OR host = ?2)",
      arguments: [since.rawValue, host]
    )
    .reduce(into: [:]) { days, row in
      guard let day = try? CalendarDay(row["day"] as String) else { return }
      days[row["host"], default: [:]][day] = Tally(checks: row["checks"], good: row["good"])
    }
  }

  /// A site's history from `from` to `to`, newest first, at most `limit` points; `more` when
  /// there were others.
  public func history(
    _ host: String,
    resolution: Monitor.Resolution,
    from: Date,
    to: Date,
    zone: TimeZone,
    limit: Int
  ) throws -> Monitor.HistoryResponse {
    try pool.read { db in
      let rows: [Row]
      switch resolution {
      case .checks:
        rows = try Row.fetchAll(
          db,
          sql: """
            SELECT at, 1 AS checks, failure IS NULL AS good, latency_ms AS latency_sum, latency_ms AS latency_max,
              status, failure FROM site_check WHERE host = ? AND at >= ? AND at <= ? ORDER BY at DESC LIMIT ?
            """,
          arguments: [host, from, to, limit + 1]
        )
      case .hourly:
        rows = try Row.fetchAll(
          db,
          sql: """
            SELECT hour AS at, checks, good, latency_sum, latency_max FROM check_hourly
            WHERE host = ? AND hour >= ? AND hour <= ? ORDER BY hour DESC LIMIT ?
            """,
          arguments: [host, from, to, limit + 1]
        )
      case .daily:
        rows = try Row.fetchAll(
          db,
          sql: """
            SELECT day, checks, good, latency_sum, latency_max FROM check_daily
            WHERE host = ? AND day >= ? AND day <= ? ORDER BY day DESC LIMIT ?
            """,
          arguments: [
            host, CalendarDay(from, in: zone).rawValue, CalendarDay(to, in: zone).rawValue, limit + 1,
          ]
        )
      }
      let points = rows.prefix(limit).map { row in
        let checks: Int = row["checks"]
        let at: Date =
          resolution == .daily
          ? ((try? CalendarDay(row["day"] as String))?.start(in: zone) ?? Date.distantPast) : row["at"]
        return Monitor.HistoryPoint(
          at: at,
          checks: checks,
          good: row["good"],
          latencyAverageMilliseconds: (row["latency_sum"] as Int) / max(checks, 1),
          latencyMaxMilliseconds: row["latency_max"],
          status: resolution == .checks ? row["status"] : nil,
          failure: resolution == .checks ? row["failure"] : nil
        )
      }
      return Monitor.HistoryResponse(points: Array(points), more: rows.count > limit)
    }
  }

  /// Deletes what is older than `retention` keeps: checks, rollups, posts dated before the
  /// rollups' span, events notify took, windows over. Answers how many rows went.
  @discardableResult
  public func prune(at now: Date, retention: Retention) throws -> Int {
    let raw = now - Double(retention.rawDays) * 86_400
    let old = now - Double(retention.rollupDays) * 86_400
    let oldDay = CalendarDay(old, in: TimeZone(identifier: "Asia/Jakarta")!).rawValue
    return try pool.write { db in
      var deleted = 0
      let statements: [(String, StatementArguments)] = [
        ("DELETE FROM site_check WHERE at < ?", [raw]),
        ("DELETE FROM check_hourly WHERE hour < ?", [old]),
        ("DELETE FROM check_daily WHERE day < ?", [oldDay]),
        ("DELETE FROM site_post WHERE day < ? OR (day IS NULL AND first_seen_at < ?)", [oldDay, old]),
        ("DELETE FROM event_outbox WHERE state != 'waiting' AND occurred_at < ?", [old]),
        ("DELETE FROM maintenance WHERE MIN(ends_at, COALESCE(ended_at, ends_at)) < ?", [old]),
      ]
      for (sql, arguments) in statements {
        try db.execute(sql: sql, arguments: arguments)
        deleted += db.changesCount
      }
      return deleted
    }
  }
}
