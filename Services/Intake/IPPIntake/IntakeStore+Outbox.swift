internal import CBOR
internal import Foundation
internal import GRDB
public import IntakeAPI
internal import IPPSchema

/// The outbox of verified regions waiting to be published to ipp-scoring: written in the same
/// transaction as the verification, sent in order by ``ScoringPublisher``, kept with how each
/// attempt went.
extension IntakeStore {
  static func registerOutbox(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("intake.4 publish outbox") { db in
      try db.create(table: "publish_outbox") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("election", .text).notNull()
        table.column("region", .text).notNull()
        table.column("input_values", .blob).notNull()
        table.column("enqueued_at", .datetime).notNull()
        table.column("attempts", .integer).notNull().defaults(to: 0)
        table.column("next_attempt_at", .datetime).notNull()
        table.column("last_error", .text)
        table.column("sent_at", .datetime)
        table.column("failed_at", .datetime)
      }
      try db.create(
        index: "publish_outbox_pending",
        on: "publish_outbox",
        columns: ["sent_at", "failed_at", "id"]
      )
    }
  }

  /// One region's values waiting to be published.
  struct OutboxEntry: Sendable {
    var id: Int64
    var election: ElectionID
    var region: RegionCode
    var values: [IndicatorValue]
    var attempts: Int
    var nextAttemptAt: Date
  }

  /// Queues a region's current values, in the caller's transaction.
  static func enqueuePublication(
    _ db: Database,
    _ election: ElectionID,
    _ region: RegionCode,
    at now: Date
  ) throws {
    let values = try values(db, election, region).values
      .compactMap { stored in stored.value.map { IndicatorValue(indicator: stored.indicator, value: $0) } }
      .sorted { $0.indicator < $1.indicator }
    try db.execute(
      sql: """
        INSERT INTO publish_outbox (election, region, input_values, enqueued_at, next_attempt_at)
        VALUES (?, ?, ?, ?, ?)
        """,
      arguments: [election.rawValue, region.rawValue, Data(try CBOREncoder().encode(values)), now, now]
    )
  }

  /// The oldest entry neither sent nor failed, if any.
  func nextUnsent() throws -> OutboxEntry? {
    try pool.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT id, election, region, input_values, attempts, next_attempt_at FROM publish_outbox
          WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT 1
          """
      )
      .map { row in
        let values: Data = row["input_values"]
        return OutboxEntry(
          id: row["id"],
          election: try ElectionID(row["election"]),
          region: try RegionCode(row["region"]),
          values: try CBORDecoder().decode([IndicatorValue].self, from: values),
          attempts: row["attempts"],
          nextAttemptAt: row["next_attempt_at"]
        )
      }
    }
  }

  /// Records that an entry was published.
  func markSent(_ id: Int64, at now: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE publish_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
        arguments: [now, id]
      )
    }
  }

  /// Records a failed attempt to be tried again at `next`.
  func markRetry(_ id: Int64, error: String, next: Date) throws {
    try pool.write { db in
      try db.execute(
        sql:
          "UPDATE publish_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
        arguments: [error, next, id]
      )
    }
  }

  /// Records that scoring refused an entry for good (its values do not fit the methodology).
  func markFailed(_ id: Int64, error: String, at now: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE publish_outbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?",
        arguments: [error, now, id]
      )
    }
  }

  /// The outbox: counts, and the refused entries, newest first (at most 100).
  public func publishQueue() throws -> Intake.PublishQueue {
    try pool.read { db in try Self.publishQueue(db) }
  }

  static func publishQueue(_ db: Database) throws -> Intake.PublishQueue {
    do {
      let counts = try Row.fetchOne(
        db,
        sql: """
          SELECT SUM(sent_at IS NULL AND failed_at IS NULL) AS waiting, SUM(sent_at IS NOT NULL) AS sent,
            SUM(failed_at IS NOT NULL) AS failed FROM publish_outbox
          """
      )
      let refusals = try Row.fetchAll(
        db,
        sql: """
          SELECT election, region, last_error, failed_at FROM publish_outbox WHERE failed_at IS NOT NULL
          ORDER BY id DESC LIMIT 100
          """
      )
      .map { row in
        Intake.PublishQueue.Refusal(
          election: try ElectionID(row["election"]),
          region: try RegionCode(row["region"]),
          error: row["last_error"] ?? "",
          at: row["failed_at"]
        )
      }
      return Intake.PublishQueue(
        waiting: counts?["waiting"] ?? 0,
        sent: counts?["sent"] ?? 0,
        failed: counts?["failed"] ?? 0,
        refusals: refusals
      )
    }
  }
}
