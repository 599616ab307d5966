public import Foundation
public import GRDB
public import IPPSchema
public import MonitorAPI

/// Maintenance windows: one site, a province's sites, or all, during which nothing alerts.
extension MonitorStore {
  static func registerMaintenanceMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("monitor.5 maintenance windows") { db in
      try db.create(table: "maintenance") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("host", .text)
        table.column("province", .text)
        table.column("starts_at", .datetime).notNull()
        table.column("ends_at", .datetime).notNull()
        table.column("zone", .text).notNull()
        table.column("reason", .text).notNull()
        table.column("created_by", .text).notNull()
        table.column("created_at", .datetime).notNull()
        table.column("ended_at", .datetime)
        table.column("ended_by", .text)
      }
      try db.create(index: "maintenance_ends", on: "maintenance", columns: ["ends_at"])
    }
  }

  /// Keeps a new window; answers it with its id.
  public func addMaintenance(
    _ request: Monitor.MaintenanceRequest,
    by who: String,
    at now: Date
  ) throws -> Monitor.MaintenanceWindow {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO maintenance (host, province, starts_at, ends_at, zone, reason, created_by, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          request.host, request.province?.rawValue, request.startsAt.instant, request.endsAt.instant,
          request.startsAt.zone.rawValue, request.reason, who, now,
        ]
      )
      return Monitor.MaintenanceWindow(
        id: db.lastInsertedRowID,
        host: request.host,
        province: request.province,
        startsAt: request.startsAt,
        endsAt: ZonedTime(request.endsAt.instant, in: request.startsAt.zone),
        reason: request.reason,
        createdBy: who
      )
    }
  }

  /// Ends a window at `now` (one not yet started never starts); answers false when there is no
  /// such window or it is over.
  public func endMaintenance(_ id: Int64, by who: String, at now: Date) throws -> Bool {
    try pool.write { db in
      try db.execute(
        sql:
          "UPDATE maintenance SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL AND ends_at > ?",
        arguments: [now, who, id, now]
      )
      return db.changesCount > 0
    }
  }

  /// One window.
  public func maintenance(_ id: Int64) throws -> Monitor.MaintenanceWindow? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM maintenance WHERE id = ?", arguments: [id]).map(Self.window)
    }
  }

  /// The windows not over at `now` (with `includePast`, those that ended since `pastSince` too),
  /// newest first.
  public func maintenanceWindows(
    at now: Date,
    includePast: Bool,
    pastSince: Date
  ) throws
    -> [Monitor.MaintenanceWindow]
  {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM maintenance WHERE MIN(ends_at, COALESCE(ended_at, ends_at)) > ?
          ORDER BY starts_at DESC, id DESC
          """,
        arguments: [includePast ? pastSince : now]
      )
      .map(Self.window)
    }
  }

  /// Until when each site is in maintenance at `now`, for the sites that are.
  func maintenanceUntil(at now: Date, in db: Database) throws -> [String: Date] {
    let windows = try Row.fetchAll(
      db,
      sql: """
        SELECT host, province, MIN(ends_at, COALESCE(ended_at, ends_at)) AS until FROM maintenance
        WHERE starts_at <= ? AND MIN(ends_at, COALESCE(ended_at, ends_at)) > ?
        """,
      arguments: [now, now]
    )
    guard !windows.isEmpty else { return [:] }
    let sites = try Row.fetchAll(db, sql: "SELECT host, region FROM site")
    var until: [String: Date] = [:]
    for window in windows {
      let end: Date = window["until"]
      let host: String? = window["host"]
      let province: String? = window["province"]
      for site in sites {
        let region: String? = site["region"]
        let covered =
          host.map { $0 == site["host"] }
          ?? province.map { province in region.map { $0 == province || $0.hasPrefix(province + ".") } ?? false
          }
          ?? true
        if covered { until[site["host"]] = max(until[site["host"]] ?? end, end) }
      }
    }
    return until
  }

  /// Until when `host` is in maintenance at `now`, if it is: the windows for it, for its
  /// province, or for every site, read for this site alone.
  public func maintenanceUntil(_ host: String, at now: Date) throws -> Date? {
    try pool.read { db in
      try Date.fetchOne(
        db,
        sql: """
          SELECT MAX(MIN(m.ends_at, COALESCE(m.ended_at, m.ends_at))) FROM maintenance m, site s
          WHERE s.host = ?1 AND m.starts_at <= ?2 AND MIN(m.ends_at, COALESCE(m.ended_at, m.ends_at)) > ?2
            AND (m.host = s.host OR (m.host IS NULL AND m.province IS NULL)
              OR (m.province IS NOT NULL AND (s.region = m.province OR s.region LIKE m.province || '.%')))
          """,
        arguments: [host, now]
      )
    }
  }

  private static func window(_ row: Row) -> Monitor.MaintenanceWindow {
    let zone = Region.Zone(rawValue: row["zone"]) ?? .wib
    return Monitor.MaintenanceWindow(
      id: row["id"],
      host: row["host"],
      province: (row["province"] as String?).flatMap { try? RegionCode($0) },
      startsAt: ZonedTime(row["starts_at"], in: zone),
      endsAt: ZonedTime(row["ends_at"], in: zone),
      reason: row["reason"],
      createdBy: row["created_by"],
      endedAt: row["ended_at"],
      endedBy: row["ended_by"]
    )
  }
}
