public import Foundation
internal import GRDB
public import IntakeAPI
internal import IPPSchema

/// The tokens intake issued: their claims, who issued them, last use and revocation. Never the
/// tokens themselves.
extension IntakeStore {
  static func registerTokens(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("intake.5 access tokens") { db in
      try db.create(table: "access_token") { table in
        table.primaryKey("id", .text)
        table.column("name", .text).notNull()
        table.column("role", .text).notNull()
        table.column("region", .text)
        table.column("issued_at", .datetime).notNull()
        table.column("issued_by", .text).notNull()
        table.column("expires_at", .datetime).notNull()
        table.column("last_used_at", .datetime)
        table.column("revoked_at", .datetime)
        table.column("revoked_by", .text)
        table.column("revoke_reason", .text)
        table.column("replaced_by", .text)
      }
    }
  }

  static func insertToken(_ db: Database, _ record: Intake.TokenRecord) throws {
    try db.execute(
      sql: """
        INSERT INTO access_token (id, name, role, region, issued_at, issued_by, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        record.id, record.name, record.role, record.region?.rawValue, record.issuedAt, record.issuedBy,
        record.expiresAt,
      ]
    )
  }

  static func token(_ db: Database, id: String) throws -> Intake.TokenRecord? {
    try Row.fetchOne(db, sql: "SELECT * FROM access_token WHERE id = ?", arguments: [id]).map(tokenRecord)
  }

  static func revokeToken(
    _ db: Database,
    id: String,
    by principal: String,
    reason: String,
    replacedBy: String? = nil,
    at now: Date
  ) throws {
    try db.execute(
      sql: """
        UPDATE access_token SET revoked_at = ?, revoked_by = ?, revoke_reason = ?, replaced_by = ?
        WHERE id = ? AND revoked_at IS NULL
        """,
      arguments: [now, principal, reason, replacedBy, id]
    )
  }

  /// The tokens limited to `region` or a region in it (every token when nil), newest first;
  /// revoked and expired ones only if `includeInactive`.
  public func tokens(in region: String?, includeInactive: Bool, at now: Date) throws -> [Intake.TokenRecord] {
    try pool.read { db in
      var sql = "SELECT * FROM access_token WHERE 1"
      var arguments: StatementArguments = []
      if let region {
        sql += " AND (region = ? OR region LIKE ?)"
        arguments += [region, region + ".%"]
      }
      if !includeInactive {
        sql += " AND revoked_at IS NULL AND expires_at > ?"
        arguments += [now]
      }
      sql += " ORDER BY issued_at DESC, id"
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.tokenRecord)
    }
  }

  /// Every revoked token that has not expired by `now`, with its expiry.
  public func revokedTokens(at now: Date) throws -> [String: Date] {
    try pool.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT id, expires_at FROM access_token WHERE revoked_at IS NOT NULL AND expires_at > ?",
        arguments: [now]
      )
      return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"], $0["expires_at"]) })
    }
  }

  /// Records when tokens were last used, keeping the latest time of each.
  public func recordTokenUse(_ usage: [String: Date]) throws {
    guard !usage.isEmpty else { return }
    try pool.write { db in
      for (id, at) in usage {
        try db.execute(
          sql:
            "UPDATE access_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
          arguments: [at, id, at]
        )
      }
    }
  }

  private static func tokenRecord(_ row: Row) -> Intake.TokenRecord {
    Intake.TokenRecord(
      id: row["id"],
      name: row["name"],
      role: row["role"],
      region: (row["region"] as String?).flatMap { try? RegionCode($0) },
      issuedAt: row["issued_at"],
      issuedBy: row["issued_by"],
      expiresAt: row["expires_at"],
      lastUsedAt: row["last_used_at"],
      revokedAt: row["revoked_at"],
      revokedBy: row["revoked_by"],
      revokeReason: row["revoke_reason"],
      replacedBy: row["replaced_by"]
    )
  }
}
