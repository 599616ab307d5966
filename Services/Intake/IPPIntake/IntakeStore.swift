public import Foundation
public import GRDB
public import IPPSchema
public import ServiceRuntime

/// Intake's own storage: the elections and the regions taking part, each election's filling
/// window, and the audit trail of every change.
public struct IntakeStore: Sendable {
  let pool: DatabasePool

  /// The store in the service's database.
  public init(storage: ServiceStorage) {
    pool = storage.pool
  }

  /// The tables, and the built-in elections.
  public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    registerElections(&migrator)
    registerSubmissions(&migrator)
    registerOutbox(&migrator)
    migrator.registerMigration("intake.2 extensions") { db in
      try db.create(table: "extension") { table in
        table.column("election", .text).notNull().references("election")
        table.column("region", .text).notNull()
        table.column("until_at", .datetime).notNull()
        table.column("until_zone", .text).notNull()
        table.primaryKey(["election", "region"])
      }
    }
    registerTokens(&migrator)
  }

  private static func registerElections(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("intake.1 elections, windows and audit") { db in
      try db.create(table: "election") { table in
        table.primaryKey("id", .text)
        table.column("name", .text).notNull()
        table.column("catalogue", .text)
        table.column("opens_at", .datetime)
        table.column("opens_zone", .text)
        table.column("closes_at", .datetime)
        table.column("closes_zone", .text)
      }
      try db.create(table: "election_region") { table in
        table.column("election", .text).notNull().references("election")
        table.column("region", .text).notNull()
        table.primaryKey(["election", "region"])
      }
      try db.create(table: "audit_event") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("at", .datetime).notNull()
        table.column("principal", .text).notNull()
        table.column("action", .text).notNull()
        table.column("election", .text)
        table.column("region", .text)
        table.column("detail", .text).notNull()
        table.column("reason", .text).notNull()
      }
      for election in BuiltInElections.all {
        try db.execute(
          sql: "INSERT INTO election (id, name, catalogue) VALUES (?, ?, ?)",
          arguments: [election.id.rawValue, election.name, election.catalogue]
        )
        for region in election.regions {
          try db.execute(
            sql: "INSERT INTO election_region (election, region) VALUES (?, ?)",
            arguments: [election.id.rawValue, region.rawValue]
          )
        }
      }
    }
  }

  /// The extension granted to `region` in `election`, if any.
  public func extensionUntil(_ election: ElectionID, region: RegionCode) throws -> ZonedTime? {
    try pool.read { db in
      try Row.fetchOne(
        db,
        sql: "SELECT until_at, until_zone FROM extension WHERE election = ? AND region = ?",
        arguments: [election.rawValue, region.rawValue]
      )
      .flatMap { row in Region.Zone(rawValue: row["until_zone"]).map { ZonedTime(row["until_at"], in: $0) } }
    }
  }

  /// Grants (or changes) a region's extension and records who did it and why, in one transaction.
  public func grantExtension(
    _ election: ElectionID,
    region: RegionCode,
    until: ZonedTime,
    by principal: String,
    reason: String,
    at now: Date
  ) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO extension (election, region, until_at, until_zone) VALUES (?, ?, ?, ?)
          ON CONFLICT (election, region) DO UPDATE SET until_at = excluded.until_at, until_zone = excluded.until_zone
          """,
        arguments: [election.rawValue, region.rawValue, until.instant, until.zone.rawValue]
      )
      try Self.audit(
        db,
        at: now,
        principal: principal,
        action: "GrantExtension",
        election: election,
        region: region,
        detail: "may file until \(until)",
        reason: reason
      )
    }
  }

  /// An election as stored.
  public struct Election: Sendable, Equatable {
    public var id: ElectionID
    public var name: String
    /// The version of its indicator catalogue; nil until it has one.
    public var catalogue: String?
    public var opensAt: ZonedTime?
    public var closesAt: ZonedTime?
  }

  /// Every election, by id.
  public func elections() throws -> [Election] {
    try pool.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM election ORDER BY id").map(Self.election)
    }
  }

  /// One election; nil when there is none with that id.
  public func election(_ id: ElectionID) throws -> Election? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM election WHERE id = ?", arguments: [id.rawValue]).map(
        Self.election
      )
    }
  }

  /// The regions taking part in an election, in code order.
  public func regions(of election: ElectionID) throws -> [RegionCode] {
    try pool.read { db in
      try String.fetchAll(
        db,
        sql: "SELECT region FROM election_region WHERE election = ? ORDER BY region",
        arguments: [election.rawValue]
      )
      .map { try RegionCode($0) }
    }
  }

  /// Whether `region` takes part in `election`.
  public func takesPart(_ region: RegionCode, in election: ElectionID) throws -> Bool {
    try pool.read { db in
      try Bool.fetchOne(
        db,
        sql: "SELECT EXISTS (SELECT 1 FROM election_region WHERE election = ? AND region = ?)",
        arguments: [election.rawValue, region.rawValue]
      ) ?? false
    }
  }

  /// Sets an election's window and records who did it and why, in one transaction.
  public func setWindow(
    _ election: ElectionID,
    opensAt: ZonedTime,
    closesAt: ZonedTime,
    by principal: String,
    reason: String,
    at now: Date
  ) throws {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE election SET opens_at = ?, opens_zone = ?, closes_at = ?, closes_zone = ? WHERE id = ?",
        arguments: [
          opensAt.instant, opensAt.zone.rawValue, closesAt.instant, closesAt.zone.rawValue, election.rawValue,
        ]
      )
      try Self.audit(
        db,
        at: now,
        principal: principal,
        action: "SetFillingWindow",
        election: election,
        region: nil,
        detail: "opens \(opensAt), closes \(closesAt)",
        reason: reason
      )
    }
  }

  /// One entry of the audit trail.
  public struct AuditEvent: Sendable, Equatable {
    public var at: Date
    public var principal: String
    public var action: String
    public var region: RegionCode?
    public var detail: String
    public var reason: String
  }

  /// The audit trail of a region in an election, with the election-wide changes and the tokens
  /// issued for the region, oldest first.
  public func auditTrail(of election: ElectionID, region: RegionCode) throws -> [AuditEvent] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM audit_event
          WHERE (election = ? AND (region IS NULL OR region = ?)) OR (election IS NULL AND region = ?)
          ORDER BY id
          """,
        arguments: [election.rawValue, region.rawValue, region.rawValue]
      )
      .map(Self.auditEvent)
    }
  }

  static func auditEvent(_ row: Row) throws -> AuditEvent {
    AuditEvent(
      at: row["at"],
      principal: row["principal"],
      action: row["action"],
      region: try (row["region"] as String?).map { try RegionCode($0) },
      detail: row["detail"],
      reason: row["reason"]
    )
  }

  static func audit(
    _ db: Database,
    at: Date,
    principal: String,
    action: String,
    election: ElectionID?,
    region: RegionCode?,
    detail: String,
    reason: String
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO audit_event (at, principal, action, election, region, detail, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [at, principal, action, election?.rawValue, region?.rawValue, detail, reason]
    )
  }

  private static func election(_ row: Row) throws -> Election {
    func zoned(_ instant: String, _ zone: String) -> ZonedTime? {
      guard let date = row[instant] as Date?, let zone = (row[zone] as String?).flatMap(Region.Zone.init)
      else {
        return nil
      }
      return ZonedTime(date, in: zone)
    }
    return Election(
      id: try ElectionID(row["id"]),
      name: row["name"],
      catalogue: row["catalogue"],
      opensAt: zoned("opens_at", "opens_zone"),
      closesAt: zoned("closes_at", "closes_zone")
    )
  }
}
