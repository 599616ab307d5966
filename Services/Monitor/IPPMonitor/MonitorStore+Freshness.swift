public import Foundation
public import GRDB
public import IPPSchema
public import NotifyAPI

/// What the hourly reading of a site's pages keeps: each page's fingerprint, each post seen with
/// its day, when anything last changed, the certificate's expiry, and what ipp-notify was last
/// told of staleness and the certificate.
extension MonitorStore {
  /// A site as the freshness check needs it.
  public struct FreshnessTarget: Sendable {
    public var host: String
    public var url: String
    public var pages: [String]
    public var region: RegionCode?
    /// Each page's fingerprint at its last good read.
    public var fingerprints: [String: String]
    public var lastPostDay: CalendarDay?
    public var changedAt: Date?
    public var firstReadAt: Date?
    public var certificateNotAfter: Date?
    /// Whether ipp-notify was told the site is stale, and that its certificate is expiring.
    public var announcedStale: Bool
    public var announcedCertificate: Bool
  }

  /// What one reading found, to record.
  public struct FreshnessReading: Sendable {
    public var host: String
    public var at: Date
    /// Each page read well, with its fingerprint; none when every page failed (then the site
    /// counts as not read).
    public var fingerprints: [String: String]
    public var posts: [PostListing.Post]
    /// The newest post day the reading found (never moves the site's back).
    public var newestDay: CalendarDay?
    /// Whether a page differs from its read before.
    public var changed: Bool
    /// Nil when the certificate was not read (plain HTTP, or the handshake failed).
    public var certificateNotAfter: Date?
    public var announcedStale: Bool
    public var announcedCertificate: Bool
    public var nextReadAt: Date
  }

  static func registerFreshnessMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("monitor.4 freshness") { db in
      try db.alter(table: "site") { table in
        table.add(column: "next_read_at", .datetime)
        table.add(column: "first_read_at", .datetime)
        table.add(column: "last_read_at", .datetime)
        table.add(column: "changed_at", .datetime)
        table.add(column: "certificate_not_after", .datetime)
        table.add(column: "announced_down", .boolean).notNull().defaults(to: false)
        table.add(column: "announced_stale", .boolean).notNull().defaults(to: false)
        table.add(column: "announced_certificate", .boolean).notNull().defaults(to: false)
      }
      try db.execute(sql: "UPDATE site SET announced_down = (state = 'down')")
      try db.create(table: "site_page") { table in
        table.column("host", .text).notNull().references("site", onUpdate: .cascade)
        table.column("url", .text).notNull()
        table.column("fingerprint", .text).notNull()
        table.column("read_at", .datetime).notNull()
        table.primaryKey(["host", "url"])
      }
      try db.create(table: "site_post", options: .withoutRowID) { table in
        table.column("host", .text).notNull().references("site", onUpdate: .cascade)
        table.column("link", .text).notNull()
        table.column("day", .text)
        table.column("first_seen_at", .datetime).notNull()
        table.primaryKey(["host", "link"])
      }
      try db.create(index: "site_post_day", on: "site_post", columns: ["day"])
    }
  }

  /// Hosts whose pages are due for reading by `now`, the longest waiting first.
  public func freshnessDue(at now: Date, limit: Int) throws -> [String] {
    try pool.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT host FROM site WHERE next_read_at IS NULL OR next_read_at <= ?
          ORDER BY next_read_at IS NOT NULL, next_read_at, host LIMIT ?
          """,
        arguments: [now, limit]
      )
    }
  }

  /// One site as the freshness check needs it.
  public func freshnessTarget(_ host: String) throws -> FreshnessTarget? {
    try pool.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM site WHERE host = ?", arguments: [host]) else {
        return nil
      }
      let fingerprints = try Row.fetchAll(
        db,
        sql: "SELECT url, fingerprint FROM site_page WHERE host = ?",
        arguments: [host]
      )
      .reduce(into: [String: String]()) { $0[$1["url"]] = $1["fingerprint"] }
      let pages: String = row["pages"]
      return FreshnessTarget(
        host: host,
        url: row["url"],
        pages: pages.split(separator: "\n").map(String.init),
        region: Self.region(row),
        fingerprints: fingerprints,
        lastPostDay: (row["last_post_day"] as String?).flatMap { try? CalendarDay($0) },
        changedAt: row["changed_at"],
        firstReadAt: row["first_read_at"],
        certificateNotAfter: row["certificate_not_after"],
        announcedStale: row["announced_stale"],
        announcedCertificate: row["announced_certificate"]
      )
    }
  }

  /// Records a reading and its events in one transaction.
  public func recordFreshness(_ reading: FreshnessReading, events: [Notify.RaiseEventRequest]) throws {
    try pool.write { db in
      for event in events { try Self.enqueue(event, in: db) }
      let page = try db.cachedStatement(
        sql: """
          INSERT INTO site_page (host, url, fingerprint, read_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (host, url) DO UPDATE SET fingerprint = excluded.fingerprint, read_at = excluded.read_at
          """
      )
      for (url, fingerprint) in reading.fingerprints {
        try page.execute(arguments: [reading.host, url, fingerprint, reading.at])
      }
      let post = try db.cachedStatement(
        sql: """
          INSERT INTO site_post (host, link, day, first_seen_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (host, link) DO UPDATE SET day = COALESCE(site_post.day, excluded.day)
          """
      )
      for seen in reading.posts {
        try post.execute(arguments: [reading.host, seen.link, seen.day?.rawValue, reading.at])
      }
      // A site whose pages all failed was not read: it stays unknown rather than very inactive.
      let readAt = reading.fingerprints.isEmpty ? nil : reading.at
      try db.execute(
        sql: """
          UPDATE site SET next_read_at = ?, last_read_at = COALESCE(?, last_read_at),
            first_read_at = COALESCE(first_read_at, ?),
            changed_at = CASE WHEN ? THEN ? ELSE changed_at END,
            last_post_day = CASE WHEN last_post_day IS NULL OR last_post_day < ? THEN ? ELSE last_post_day END,
            certificate_not_after = COALESCE(?, certificate_not_after),
            announced_stale = ?, announced_certificate = ?
          WHERE host = ?
          """,
        arguments: [
          reading.nextReadAt, readAt, readAt, reading.changed, reading.at,
          reading.newestDay?.rawValue, reading.newestDay?.rawValue, reading.certificateNotAfter,
          reading.announcedStale, reading.announcedCertificate, reading.host,
        ]
      )
    }
  }

  /// How many posts each site (or only `host`) has dated on each day from `since` on.
  func postsByDay(since: CalendarDay, host: String?, in db: Database) throws -> [String: [CalendarDay: Int]] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT host, day, COUNT(*) AS posts FROM site_post WHERE day >= ? AND (?2 IS NULL OR host = ?2)
        GROUP BY host, day
        """,
      arguments: [since.rawValue, host]
    )
    .reduce(into: [:]) { counts, row in
      guard let day = try? CalendarDay(row["day"] as String) else { return }
      counts[row["host"], default: [:]][day] = row["posts"]
    }
  }
}
