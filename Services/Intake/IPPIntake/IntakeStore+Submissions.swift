internal import CBOR
internal import Foundation
internal import GRDB
internal import IntakeAPI
public import IPPSchema

/// Submissions, their current values, every revision, and the request log that makes retried
/// writes harmless. Writes happen inside one `pool.write` transaction that the service opens, so
/// a value, its revision, the submission's state and the logged answer land together or not at
/// all (also under kill -9: SQLite's WAL).
extension IntakeStore {
  static func registerSubmissions(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("intake.3 submissions, values, revisions, requests") { db in
      try db.create(table: "submission") { table in
        table.column("election", .text).notNull()
        table.column("region", .text).notNull()
        table.column("state", .text).notNull()
        table.column("catalogue", .text).notNull()
        table.column("last_comment", .text)
        table.column("updated_by", .text).notNull()
        table.column("updated_at", .datetime).notNull()
        table.primaryKey(["election", "region"])
      }
      try db.create(table: "current_value") { table in
        table.column("election", .text).notNull()
        table.column("region", .text).notNull()
        table.column("indicator", .text).notNull()
        table.column("value", .double)
        table.column("missing_reason", .text)
        table.column("comment", .text)
        table.column("evidence_url", .text)
        table.column("evidence_note", .text)
        table.column("changed_by", .text).notNull()
        table.column("changed_at", .datetime).notNull()
        table.primaryKey(["election", "region", "indicator"])
      }
      // Immutable: rows are only ever inserted.
      try db.create(table: "value_revision") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("election", .text).notNull()
        table.column("region", .text).notNull()
        table.column("indicator", .text).notNull()
        table.column("old_value", .double)
        table.column("new_value", .double)
        table.column("old_missing_reason", .text)
        table.column("new_missing_reason", .text)
        table.column("comment", .text)
        table.column("changed_by", .text).notNull()
        table.column("changed_at", .datetime).notNull()
        table.column("request_id", .text).notNull()
      }
      try db.create(index: "value_revision_by_region", on: "value_revision", columns: ["election", "region"])
      try db.create(table: "request_log") { table in
        table.column("principal", .text).notNull()
        table.column("request_id", .text).notNull()
        table.column("request", .blob).notNull()
        table.column("response", .blob).notNull()
        table.column("at", .datetime).notNull()
        table.primaryKey(["principal", "request_id"])
      }
    }
  }

  /// A submission's state, catalogue and last comment; nil before anything was saved.
  struct SubmissionRecord {
    var state: Intake.SubmissionState
    var catalogue: String
    var lastComment: String?
  }

  static func submission(
    _ db: Database,
    _ election: ElectionID,
    _ region: RegionCode
  ) throws -> SubmissionRecord? {
    try Row.fetchOne(
      db.cachedStatement(
        sql: "SELECT state, catalogue, last_comment FROM submission WHERE election = ? AND region = ?"
      ),
      arguments: [election.rawValue, region.rawValue]
    )
    .map { row in
      SubmissionRecord(
        state: Intake.SubmissionState(rawValue: row["state"]) ?? .draft,
        catalogue: row["catalogue"],
        lastComment: row["last_comment"]
      )
    }
  }

  /// Creates or updates a submission's state.
  static func setSubmission(
    _ db: Database,
    _ election: ElectionID,
    _ region: RegionCode,
    state: Intake.SubmissionState,
    catalogue: String,
    lastComment: String?,
    by principal: String,
    at now: Date
  ) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO submission (election, region, state, catalogue, last_comment, updated_by, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (election, region) DO UPDATE SET state = excluded.state, catalogue = excluded.catalogue,
          last_comment = excluded.last_comment, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """
    ).execute(arguments: [
      election.rawValue, region.rawValue, state.rawValue, catalogue, lastComment, principal, now,
    ]
    )
  }

  /// A region's current values, by indicator.
  static func values(
    _ db: Database,
    _ election: ElectionID,
    _ region: RegionCode
  ) throws
    -> [String: Intake.Submission.Value]
  {
    let rows = try Row.fetchAll(
      db.cachedStatement(sql: "SELECT * FROM current_value WHERE election = ? AND region = ?"),
      arguments: [election.rawValue, region.rawValue]
    )
    var values: [String: Intake.Submission.Value] = [:]
    for row in rows {
      let url: String? = row["evidence_url"]
      values[row["indicator"]] = Intake.Submission.Value(
        indicator: row["indicator"],
        value: row["value"],
        missingReason: row["missing_reason"],
        comment: row["comment"],
        evidence: url.map { Intake.Evidence(url: $0, note: row["evidence_note"] ?? "") },
        changedBy: row["changed_by"],
        changedAt: row["changed_at"]
      )
    }
    return values
  }

  /// The values the region's peers filed, by indicator: the other kab/kota of its province, or
  /// for a province's own data the other provinces.
  static func peerValues(
    _ db: Database,
    _ election: ElectionID,
    of region: RegionCode
  ) throws -> [String: [Double]] {
    let (peers, pattern) =
      region.level == .province ? ("NOT LIKE", "%.%") : ("LIKE", "\(region.province.rawValue).%")
    let rows = try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT indicator, value FROM current_value
          WHERE election = ? AND region != ? AND value IS NOT NULL AND region \(peers) ?
          """
      ),
      arguments: [election.rawValue, region.rawValue, pattern]
    )
    return Dictionary(grouping: rows, by: { $0["indicator"] as String }).mapValues { $0.map { $0["value"] } }
  }

  /// Writes one value and, when it differs from the current one, its revision. Returns whether
  /// anything changed.
  @discardableResult
  static func write(
    _ db: Database,
    _ election: ElectionID,
    _ region: RegionCode,
    _ filed: Intake.FiledValue,
    previous: Intake.Submission.Value?,
    by principal: String,
    at now: Date,
    requestID: String
  ) throws -> Bool {
    let unchanged =
      previous.map {
        $0.value == filed.value && $0.missingReason == filed.missingReason && $0.comment == filed.comment
          && $0.evidence == filed.evidence
      } ?? false
    if unchanged { return false }
    try db.cachedStatement(
      sql: """
        INSERT INTO current_value (election, region, indicator, value, missing_reason, comment, evidence_url,
          evidence_note, changed_by, changed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (election, region, indicator) DO UPDATE SET value = excluded.value,
          missing_reason = excluded.missing_reason, comment = excluded.comment,
          evidence_url = excluded.evidence_url, evidence_note = excluded.evidence_note,
          changed_by = excluded.changed_by, changed_at = excluded.changed_at
        """
    ).execute(arguments: [
      election.rawValue, region.rawValue, filed.indicator, filed.value, filed.missingReason, filed.comment,
      filed.evidence?.url, filed.evidence?.note, principal, now,
    ]
    )
    try db.cachedStatement(
      sql: """
        INSERT INTO value_revision (election, region, indicator, old_value, new_value, old_missing_reason,
          new_missing_reason, comment, changed_by, changed_at, request_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      election.rawValue, region.rawValue, filed.indicator, previous?.value, filed.value,
      previous?.missingReason,
      filed.missingReason, filed.comment, principal, now, requestID,
    ]
    )
    return true
  }

  /// How many revisions a region has: every change ever made to its values.
  public func revisionCount(_ election: ElectionID, region: RegionCode) throws -> Int {
    try pool.read { db in
      try Int.fetchOne(
        db.cachedStatement(sql: "SELECT COUNT(*) FROM value_revision WHERE election = ? AND region = ?"),
        arguments: [election.rawValue, region.rawValue]
      ) ?? 0
    }
  }

  /// The answer logged for `principal`'s request `requestID`, with the request it answered.
  static func loggedAnswer(
    _ db: Database,
    principal: String,
    requestID: String
  ) throws
    -> (request: [UInt8], response: [UInt8])?
  {
    try Row.fetchOne(
      db.cachedStatement(
        sql: "SELECT request, response FROM request_log WHERE principal = ? AND request_id = ?"
      ),
      arguments: [principal, requestID]
    )
    .map { row in
      let request: Data = row["request"]
      let response: Data = row["response"]
      return (Array(request), Array(response))
    }
  }

  /// Logs the answer to a write, in the write's transaction.
  static func logAnswer(
    _ db: Database,
    principal: String,
    requestID: String,
    request: [UInt8],
    response: [UInt8],
    at now: Date
  ) throws {
    try db.cachedStatement(
      sql: "INSERT INTO request_log (principal, request_id, request, response, at) VALUES (?, ?, ?, ?, ?)"
    ).execute(arguments: [principal, requestID, Data(request), Data(response), now]
    )
  }
}
