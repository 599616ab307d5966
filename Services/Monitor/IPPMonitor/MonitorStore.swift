public import Foundation
public import GRDB
public import IPPSchema
public import MonitorAPI
public import NotifyAPI
public import ServiceRuntime

/// ipp-monitor's database: the sites (seeded from ``SiteCatalogue``, then corrected by admins),
/// each with its availability state and when it is checked next, and every check.
public struct MonitorStore: Sendable {
  /// A site as the checker needs it.
  public struct Target: Sendable, Equatable {
    public var host: String
    public var url: String
    public var region: RegionCode?
    public var availability: SiteAvailability
    /// Whether ipp-notify was last told the site is down.
    public var announcedDown: Bool
  }

  let pool: DatabasePool

  public init(storage: ServiceStorage) {
    pool = storage.pool
  }

  public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("monitor.1 sites and checks") { db in
      try db.create(table: "site") { table in
        table.primaryKey("host", .text)
        table.column("region", .text).unique()
        table.column("url", .text).notNull()
        table.column("seen_at", .text)
        table.column("pages", .text).notNull().defaults(to: "")
        table.column("state", .text).notNull().defaults(to: "unknown")
        table.column("failures_in_a_row", .integer).notNull().defaults(to: 0)
        table.column("successes_in_a_row", .integer).notNull().defaults(to: 0)
        table.column("down_since", .datetime)
        table.column("down_reason", .text)
        table.column("last_checked_at", .datetime)
        table.column("last_status", .integer)
        table.column("last_latency_ms", .integer)
        table.column("next_check_at", .datetime).notNull()
      }
      try db.create(index: "site_due", on: "site", columns: ["next_check_at"])
      try db.create(table: "site_check") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("host", .text).notNull().references("site", onUpdate: .cascade)
        table.column("at", .datetime).notNull()
        table.column("status", .integer)
        table.column("latency_ms", .integer).notNull()
        table.column("body_bytes", .integer).notNull()
        table.column("failure", .text)
      }
      try db.create(index: "site_check_host_at", on: "site_check", columns: ["host", "at"])
    }
    registerEventMigrations(&migrator)
    migrator.registerMigration("monitor.3 newest post day") { db in
      try db.alter(table: "site") { table in table.add(column: "last_post_day", .text) }
    }
    registerFreshnessMigrations(&migrator)
    registerMaintenanceMigrations(&migrator)
    registerHistoryMigrations(&migrator)
  }

  /// Adds the catalogue's sites not yet in the database (an admin's corrections stay), due at
  /// once.
  public func seed(at now: Date) throws {
    try pool.write { db in
      let insert = try db.cachedStatement(
        sql: "INSERT OR IGNORE INTO site (host, region, url, seen_at, next_check_at) VALUES (?, ?, ?, ?, ?)"
      )
      for seed in SiteCatalogue.all {
        try insert.execute(arguments: [
          seed.host, seed.region?.rawValue, "https://\(seed.host)/", seed.seenAt, now,
        ])
      }
    }
  }

  /// Sites due for an availability check by `now`, the longest waiting first, at most `limit`.
  public func due(at now: Date, limit: Int) throws -> [Target] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM site WHERE next_check_at <= ? ORDER BY next_check_at, host LIMIT ?",
        arguments: [now, limit]
      )
      .map(Self.target)
    }
  }

  /// One site's target, if there is such a host.
  public func target(_ host: String) throws -> Target? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM site WHERE host = ?", arguments: [host]).map(Self.target)
    }
  }

  /// Records a check and its hour's and day's rollups, the state it leads to, when the site is
  /// checked next, and the event for ipp-notify if there is one, in one transaction.
  public func record(
    _ result: SiteProber.Result,
    of host: String,
    state: SiteAvailability,
    event: Notify.RaiseEventRequest?,
    newestPost: CalendarDay?,
    today: CalendarDay,
    at now: Date,
    nextCheckAt: Date
  ) throws {
    try pool.write { db in
      if let event {
        try Self.enqueue(event, in: db)
        try db.execute(
          sql: "UPDATE site SET announced_down = ? WHERE host = ?",
          arguments: [!event.resolved, host]
        )
      }
      if let newestPost {
        // Days written YYYY-MM-DD order as text does.
        try db.execute(
          sql:
            "UPDATE site SET last_post_day = ? WHERE host = ? AND (last_post_day IS NULL OR last_post_day < ?)",
          arguments: [newestPost.rawValue, host, newestPost.rawValue]
        )
      }
      let latency = Int(
        result.latency.components.seconds * 1000 + result.latency.components.attoseconds
          / 1_000_000_000_000_000
      )
      try db.execute(
        sql:
          "INSERT INTO site_check (host, at, status, latency_ms, body_bytes, failure) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [host, now, result.status, latency, result.bodyBytes, result.failure?.description]
      )
      try Self.rollUp(host: host, at: now, day: today, good: result.failure == nil, latency: latency, in: db)
      let (name, failures, successes, since, reason): (String, Int, Int, Date?, String?) =
        switch state {
        case .unknown(let failures): ("unknown", failures, 0, nil, nil)
        case .up(let failures): ("up", failures, 0, nil, nil)
        case .down(let since, let reason, let successes): ("down", 0, successes, since, reason.description)
        }
      try db.execute(
        sql: """
          UPDATE site SET state = ?, failures_in_a_row = ?, successes_in_a_row = ?, down_since = ?, down_reason = ?,
            last_checked_at = ?, last_status = ?, last_latency_ms = ?, next_check_at = ? WHERE host = ?
          """,
        arguments: [name, failures, successes, since, reason, now, result.status, latency, nextCheckAt, host]
      )
    }
  }

  /// Corrects a site's checked page and watched pages; answers false when there is no such host.
  public func update(_ host: String, url: String?, pages: [String]?) throws -> Bool {
    try pool.write { db in
      if let url { try db.execute(sql: "UPDATE site SET url = ? WHERE host = ?", arguments: [url, host]) }
      if let pages {
        try db.execute(
          sql: "UPDATE site SET pages = ? WHERE host = ?",
          arguments: [pages.joined(separator: "\n"), host]
        )
      }
      return try Bool.fetchOne(db, sql: "SELECT 1 FROM site WHERE host = ?", arguments: [host]) ?? false
    }
  }

  /// One site as the API shows it at `now`.
  public func site(_ host: String, at now: Date, rules: FreshnessRules) throws -> Monitor.Site? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM site WHERE host = ?", arguments: [host]).map {
        try SiteFacts(at: now, in: db, store: self, host: host).site($0, rules: rules)
      }
    }
  }

  /// Every site as the API shows it at `now`, KPU RI's first, then by region code.
  public func sites(at now: Date, rules: FreshnessRules) throws -> [Monitor.Site] {
    try pool.read { db in
      let facts = try SiteFacts(at: now, in: db, store: self, host: nil)
      return try Row.fetchAll(db, sql: "SELECT * FROM site ORDER BY region IS NOT NULL, region").map {
        facts.site($0, rules: rules)
      }
    }
  }

  /// Each site's posts per week over the last `weeks` weeks (at most 12) ending on its own today,
  /// the oldest first.
  public func postsPerWeek(at now: Date, weeks: Int) throws -> [String: [Int]] {
    try pool.read { db in
      let facts = try SiteFacts(at: now, in: db, store: self, host: nil)
      return try Row.fetchAll(db, sql: "SELECT host, region FROM site").reduce(into: [:]) { perWeek, row in
        perWeek[row["host"]] = facts.postsPerWeek(row["host"], weeks: weeks, in: Self.zone(row))
      }
    }
  }

  /// How many checks a site has.
  public func checkCount(_ host: String) throws -> Int {
    try pool.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM site_check WHERE host = ?", arguments: [host]) ?? 0
    }
  }

  private static func target(_ row: Row) -> Target {
    Target(
      host: row["host"],
      url: row["url"],
      region: region(row),
      availability: availability(row),
      announcedDown: row["announced_down"]
    )
  }

  static func region(_ row: Row) -> RegionCode? {
    (row["region"] as String?).flatMap { try? RegionCode($0) }
  }

  private static func availability(_ row: Row) -> SiteAvailability {
    switch row["state"] as String {
    case "up": return .up(failuresInARow: row["failures_in_a_row"])
    case "down":
      return .down(
        since: row["down_since"],
        reason: .stored(row["down_reason"] ?? ""),
        successesInARow: row["successes_in_a_row"]
      )
    default: return .unknown(failuresInARow: row["failures_in_a_row"])
    }
  }

  static func zone(_ row: Row) -> Region.Zone {
    region(row)?.region.zone ?? .wib
  }

  /// What a site's row does not hold, for every site at once (or one `host`): its posts per day
  /// (the last 84 days), its checks in the last 24 hours and per day (the last 30), its
  /// maintenance window.
  struct SiteFacts {
    let now: Date
    let posts: [String: [CalendarDay: Int]]
    let lastDay: [String: Tally]
    let daily: [String: [CalendarDay: Tally]]
    let maintenanceUntil: [String: Date]
    /// Each zone's today and the 84 days before, newest first (worked out once, not per site).
    let recentDays: [Region.Zone: [CalendarDay]]

    init(at now: Date, in db: Database, store: MonitorStore, host: String?) throws {
      self.now = now
      recentDays = [Region.Zone.wib, .wita, .wit].reduce(into: [:]) { days, zone in
        let today = CalendarDay(now, in: zone.timeZone)
        days[zone] = (0...84).map { today.adding(days: -$0) }
      }
      // The earliest of the three zones' todays, less 12 weeks.
      let today = CalendarDay(now, in: Region.Zone.wib.timeZone)
      posts = try store.postsByDay(since: today.adding(days: -85), host: host, in: db)
      lastDay = try store.lastDay(at: now, host: host, in: db)
      daily = try store.daily(since: today.adding(days: -30), host: host, in: db)
      maintenanceUntil = try store.maintenanceUntil(at: now, in: db)
    }

    /// Posts dated on each of the last `count` days ending today in `zone`.
    func posts(_ host: String, last count: Int, in zone: Region.Zone) -> Int {
      let days = posts[host] ?? [:]
      return (recentDays[zone] ?? []).prefix(count).reduce(0) { $0 + (days[$1] ?? 0) }
    }

    /// Posts per week over the last `weeks` weeks ending today in `zone`, the oldest first.
    func postsPerWeek(_ host: String, weeks: Int, in zone: Region.Zone) -> [Int] {
      let days = posts[host] ?? [:]
      let recent = recentDays[zone] ?? []
      return (0..<min(weeks, 12)).reversed().map { week in
        recent[week * 7..<week * 7 + 7].reduce(0) { $0 + (days[$1] ?? 0) }
      }
    }

    /// A site's uptime: the last 24 hours, and the last 7 and 30 days ending today in its zone.
    func uptime(_ host: String, in zone: Region.Zone) -> Monitor.Uptime {
      let days = daily[host] ?? [:]
      let span = { (count: Int) in
        (recentDays[zone] ?? []).prefix(count).reduce(into: Tally()) { tally, day in
          let day = days[day] ?? Tally()
          tally.checks += day.checks
          tally.good += day.good
        }
      }
      return Monitor.Uptime(
        last24Hours: lastDay[host]?.share,
        last7Days: span(7).share,
        last30Days: span(30).share
      )
    }

    func site(_ row: Row, rules: FreshnessRules) -> Monitor.Site {
      let host: String = row["host"]
      let region = MonitorStore.region(row)
      let zone = MonitorStore.zone(row).timeZone
      let pages: String = row["pages"]
      let lastPost = (row["last_post_day"] as String?).flatMap { try? CalendarDay($0) }
      let siteZone = MonitorStore.zone(row)
      let today = recentDays[siteZone]?.first ?? CalendarDay(now, in: zone)
      let firstReadAt: Date? = row["first_read_at"]
      let unchangedSince = rules.unchangedSince(
        lastPostDay: lastPost,
        changedAt: row["changed_at"],
        firstReadAt: firstReadAt,
        zone: zone
      )
      let notAfter: Date? = row["certificate_not_after"]
      return Monitor.Site(
        region: region,
        name: region?.region.name ?? "KPU RI",
        host: host,
        url: row["url"],
        hostSeenAt: row["seen_at"],
        pages: pages.split(separator: "\n").map(String.init),
        availability: Monitor.Availability(rawValue: row["state"]) ?? .unknown,
        downSince: row["down_since"],
        downReason: row["down_reason"],
        lastCheckedAt: row["last_checked_at"],
        lastStatus: row["last_status"],
        lastLatencyMilliseconds: row["last_latency_ms"],
        lastPostDay: lastPost,
        daysSinceLastPost: lastPost.map { $0.days(until: today) },
        activity: rules.activity(
          lastPostDay: lastPost,
          postsLast7Days: posts(host, last: 7, in: siteZone),
          read: firstReadAt != nil,
          today: today
        ),
        postsLast7Days: posts(host, last: 7, in: siteZone),
        postsLast30Days: posts(host, last: 30, in: siteZone),
        lastReadAt: row["last_read_at"],
        unchangedSince: unchangedSince,
        stale: rules.isStale(unchangedSince: unchangedSince, at: now),
        certificateNotAfter: notAfter,
        certificateDaysLeft: notAfter.map { FreshnessRules.daysLeft(until: $0, at: now) },
        maintenanceUntil: maintenanceUntil[host],
        uptime: uptime(host, in: siteZone)
      )
    }
  }
}
