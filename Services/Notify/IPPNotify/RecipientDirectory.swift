public import Foundation
public import GRDB
public import IPPSchema
public import NotifyAPI
public import ServiceRuntime

/// The recipients notify writes to, with the secret each one's webhooks are signed with.
public struct RecipientDirectory: Sendable {
  /// A recipient and its webhook secret.
  public struct Entry: Sendable, Equatable {
    public var recipient: Notify.Recipient
    public var webhookSecret: String?
  }

  let pool: DatabasePool

  public init(storage: ServiceStorage) {
    pool = storage.pool
  }

  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("notify.3 recipients") { db in
      try db.create(table: "recipient") { table in
        table.primaryKey("id", .text)
        table.column("name", .text).notNull()
        table.column("region", .text)
        table.column("email", .text)
        table.column("webhook_url", .text)
        table.column("webhook_secret", .text)
        table.column("language", .text).notNull()
        table.column("notices", .text).notNull()
        table.column("minimum_severity", .text).notNull()
        table.column("quiet_from", .integer)
        table.column("quiet_until", .integer)
        table.column("event_kinds", .text)
        table.column("updated_by", .text).notNull()
        table.column("updated_at", .datetime).notNull()
      }
      try db.create(index: "recipient_region", on: "recipient", columns: ["region"])
    }
  }

  /// Stores `recipient` as it is now. A webhook secret is made when the recipient first gets a
  /// webhook or `rotateSecret` asks; answers the new secret, if one was made.
  public func save(
    _ recipient: Notify.Recipient,
    rotateSecret: Bool,
    by who: String,
    at now: Date
  ) throws
    -> String?
  {
    try pool.write { db in
      let existing = try String.fetchOne(
        db,
        sql: "SELECT webhook_secret FROM recipient WHERE id = ?",
        arguments: [recipient.id]
      )
      var secret = existing
      var made: String? = nil
      if recipient.webhookURL == nil {
        secret = nil
      } else if secret == nil || rotateSecret {
        made = Self.newSecret()
        secret = made
      }
      try db.execute(
        sql: """
          INSERT INTO recipient (id, name, region, email, webhook_url, webhook_secret, language, notices,
            minimum_severity, quiet_from, quiet_until, event_kinds, updated_by, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region, email = excluded.email,
            webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret,
            language = excluded.language, notices = excluded.notices, minimum_severity = excluded.minimum_severity,
            quiet_from = excluded.quiet_from, quiet_until = excluded.quiet_until, event_kinds = excluded.event_kinds,
            updated_by = excluded.updated_by,
            updated_at = excluded.updated_at
          """,
        arguments: [
          recipient.id, recipient.name, recipient.region?.rawValue, recipient.email, recipient.webhookURL,
          secret,
          recipient.language, recipient.notices.map(\.rawValue).sorted().joined(separator: ","),
          recipient.minimumSeverity.rawValue, recipient.quietHours?.from, recipient.quietHours?.until,
          recipient.eventKinds?.map(\.rawValue).joined(separator: ","), who, now,
        ]
      )
      return made
    }
  }

  /// Removes a recipient; answers whether there was one.
  public func remove(_ id: String) throws -> Bool {
    try pool.write { db in
      try db.execute(sql: "DELETE FROM recipient WHERE id = ?", arguments: [id])
      return db.changesCount == 1
    }
  }

  /// One recipient, if it exists.
  public func entry(_ id: String) throws -> Entry? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM recipient WHERE id = ?", arguments: [id]).map(Self.entry)
    }
  }

  /// Every recipient, KPU RI's first, then by region and id.
  public func all() throws -> [Entry] {
    try pool.read { db in try Self.all(db) }
  }

  static func all(_ db: Database) throws -> [Entry] {
    try Row.fetchAll(db, sql: "SELECT * FROM recipient ORDER BY region IS NOT NULL, region, id").map(entry)
  }

  /// 32 random bytes as 64 hex digits.
  private static func newSecret() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
  }

  private static func entry(_ row: Row) -> Entry {
    let from: Int? = row["quiet_from"]
    let until: Int? = row["quiet_until"]
    let notices: String = row["notices"]
    return Entry(
      recipient: Notify.Recipient(
        id: row["id"],
        name: row["name"],
        region: (row["region"] as String?).flatMap { try? RegionCode($0) },
        email: row["email"],
        webhookURL: row["webhook_url"],
        language: row["language"],
        notices: notices.split(separator: ",").compactMap { Notify.NoticeKind(rawValue: String($0)) },
        minimumSeverity: Notify.Severity(rawValue: row["minimum_severity"]) ?? .warning,
        eventKinds: (row["event_kinds"] as String?).map {
          $0.split(separator: ",").compactMap { Notify.EventKind(rawValue: String($0)) }
        },
        quietHours: from.flatMap { from in until.map { Notify.QuietHours(from: from, until: $0) } }
      ),
      webhookSecret: row["webhook_secret"]
    )
  }
}
