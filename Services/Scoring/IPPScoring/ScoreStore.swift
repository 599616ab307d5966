public import ScoringAPI
public import IPPSchema
public import GRDB
public import ServiceRuntime
internal import CBOR
internal import Crypto
internal import RPCCore
public import Foundation

/// The scoring service's own storage: the indicator values published for each region of an
/// election, and every score computed from them, with its methodology version and a fingerprint
/// of its inputs. Computing the same inputs under the same version again adds nothing.
public struct ScoreStore: Sendable {
  let pool: DatabasePool

  /// The store in the service's database.
  public init(storage: ServiceStorage) {
    pool = storage.pool
  }

  /// The tables.
  public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("scoring.1 inputs and scores") { db in
      try db.create(table: "input") { table in
        table.column("election", .text).notNull()
        table.column("region", .text).notNull()
        table.column("province", .text).notNull()
        table.column("is_province", .boolean).notNull()
        table.column("input_values", .blob).notNull()
        table.column("fingerprint", .text).notNull()
        table.column("received_at", .datetime).notNull()
        table.primaryKey(["election", "region"])
      }
      try db.create(table: "score") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("election", .text).notNull()
        table.column("region", .text).notNull()
        table.column("methodology_version", .text).notNull()
        table.column("fingerprint", .text).notNull()
        table.column("total", .double)
        table.column("category", .text)
        table.column("score", .blob).notNull()
        table.column("computed_at", .datetime).notNull()
        table.uniqueKey(["election", "region", "methodology_version", "fingerprint"])
      }
      try db.create(
        index: "score_by_region",
        on: "score",
        columns: ["election", "region", "methodology_version"]
      )
    }
  }

  /// A fingerprint of indicator values: SHA-256 of their CBOR, sorted by indicator.
  static func fingerprint(_ values: [IndicatorValue]) -> String {
    let sorted = values.sorted { $0.indicator < $1.indicator }
    let bytes = (try? CBOREncoder().encode(sorted)) ?? []
    return SHA256.hash(data: Data(bytes)).lowercaseHex
  }

  /// Keeps a region's values for an election (replacing earlier ones) and stores their score.
  /// Returns whether a new score row was written.
  @discardableResult
  public func publish(
    election: ElectionID,
    region: RegionCode,
    values: [IndicatorValue],
    score: IndexScore
  )
    throws -> Bool
  {
    let fingerprint = Self.fingerprint(values)
    let encodedValues = try CBOREncoder().encode(values)
    return try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO input (election, region, province, is_province, input_values, fingerprint, received_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (election, region) DO UPDATE SET input_values = excluded.input_values,
            fingerprint = excluded.fingerprint, received_at = excluded.received_at
          """,
        arguments: [
          election.rawValue, region.rawValue, region.province.rawValue, region.level == .province,
          Data(encodedValues), fingerprint, Date(),
        ]
      )
      return try Self.insert(db, election: election, region: region, fingerprint: fingerprint, score: score)
    }
  }

  /// Every region's stored values for an election.
  public func inputs(election: ElectionID) throws -> [(region: RegionCode, values: [IndicatorValue])] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT region, input_values FROM input WHERE election = ? ORDER BY region",
        arguments: [election.rawValue]
      )
      .map { row in
        let data: Data = row["input_values"]
        return (try RegionCode(row["region"]), try CBORDecoder().decode([IndicatorValue].self, from: data))
      }
    }
  }

  /// Stores scores computed from the stored inputs; returns how many were new.
  public func store(
    election: ElectionID,
    scores: [(region: RegionCode, values: [IndicatorValue], score: IndexScore)]
  )
    throws -> Int
  {
    try pool.write { db in
      var written = 0
      for entry in scores {
        let fingerprint = Self.fingerprint(entry.values)
        if try Self.insert(
          db,
          election: election,
          region: entry.region,
          fingerprint: fingerprint,
          score: entry.score
        ) {
          written += 1
        }
      }
      return written
    }
  }

  /// The latest score of each region of an election under a methodology version, optionally
  /// only one level, optionally only within one province (the province itself included).
  public func latestScores(
    election: ElectionID,
    version: String,
    level: Level?,
    within province: RegionCode?
  )
    throws -> [(region: RegionCode, score: IndexScore)]
  {
    var sql = """
      SELECT s.region, s.score FROM score s JOIN input i ON i.election = s.election AND i.region = s.region
      WHERE s.election = ? AND s.methodology_version = ? AND s.fingerprint = i.fingerprint
      """
    var arguments: StatementArguments = [election.rawValue, version]
    if let level {
      sql += " AND i.is_province = ?"
      _ = arguments.append(contentsOf: [level == .province])
    }
    if let province {
      sql += " AND i.province = ?"
      _ = arguments.append(contentsOf: [province.rawValue])
    }
    sql += " ORDER BY s.region"
    let finalSQL = sql
    let finalArguments = arguments
    return try pool.read { db in
      try Row.fetchAll(db, sql: finalSQL, arguments: finalArguments).map { row in
        let data: Data = row["score"]
        return (try RegionCode(row["region"]), try CBORDecoder().decode(IndexScore.self, from: data))
      }
    }
  }

  /// Every score ever computed for a region, oldest first, with when.
  public func history(
    election: ElectionID,
    region: RegionCode
  ) throws -> [(
    computedAt: Date, score: IndexScore
  )] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT computed_at, score FROM score WHERE election = ? AND region = ? ORDER BY id",
        arguments: [election.rawValue, region.rawValue]
      ).map { row in
        let data: Data = row["score"]
        return (row["computed_at"], try CBORDecoder().decode(IndexScore.self, from: data))
      }
    }
  }

  private static func insert(
    _ db: Database,
    election: ElectionID,
    region: RegionCode,
    fingerprint: String,
    score: IndexScore
  ) throws
    -> Bool
  {
    try db.execute(
      sql: """
        INSERT OR IGNORE INTO score (election, region, methodology_version, fingerprint, total, category, score, computed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        election.rawValue, region.rawValue, score.methodologyVersion, fingerprint, score.total,
        score.category?.rawValue,
        Data(try CBOREncoder().encode(score)), Date(),
      ]
    )
    return db.changesCount > 0
  }
}
