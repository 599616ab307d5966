public import Foundation
internal import GRDB
public import IPPSchema

/// What `ExportCSV` reads: current values, revisions and audit events of an election, limited to
/// the regions under a code (all when nil), in region order then time order.
extension IntakeStore {
  /// A current value with its region's state.
  public struct ExportedValue: Sendable {
    public var region: String
    public var indicator: String
    public var value: Double?
    public var missingReason: String?
    public var comment: String?
    public var evidenceURL: String?
    public var evidenceNote: String?
    public var state: String
    public var changedBy: String
    public var changedAt: Date
  }

  /// One change to one value.
  public struct ExportedRevision: Sendable {
    public var region: String
    public var indicator: String
    public var oldValue: Double?
    public var newValue: Double?
    public var oldMissingReason: String?
    public var newMissingReason: String?
    public var comment: String?
    public var changedBy: String
    public var changedAt: Date
    public var requestID: String
  }

  public func exportedValues(_ election: ElectionID, under scope: String?) throws -> [ExportedValue] {
    try pool.read { db in
      let (filter, arguments) = Self.scopeFilter("v.region", election, scope)
      return try Row.fetchAll(
        db,
        sql: """
          SELECT v.*, COALESCE(s.state, 'notStarted') AS state FROM current_value v
          LEFT JOIN submission s ON s.election = v.election AND s.region = v.region
          WHERE v.election = ?\(filter) ORDER BY v.region, v.indicator
          """,
        arguments: arguments
      )
      .map { row in
        ExportedValue(
          region: row["region"],
          indicator: row["indicator"],
          value: row["value"],
          missingReason: row["missing_reason"],
          comment: row["comment"],
          evidenceURL: row["evidence_url"],
          evidenceNote: row["evidence_note"],
          state: row["state"],
          changedBy: row["changed_by"],
          changedAt: row["changed_at"]
        )
      }
    }
  }

  public func exportedRevisions(_ election: ElectionID, under scope: String?) throws -> [ExportedRevision] {
    try pool.read { db in
      let (filter, arguments) = Self.scopeFilter("region", election, scope)
      return try Row.fetchAll(
        db,
        sql: "SELECT * FROM value_revision WHERE election = ?\(filter) ORDER BY region, id",
        arguments: arguments
      )
      .map { row in
        ExportedRevision(
          region: row["region"],
          indicator: row["indicator"],
          oldValue: row["old_value"],
          newValue: row["new_value"],
          oldMissingReason: row["old_missing_reason"],
          newMissingReason: row["new_missing_reason"],
          comment: row["comment"],
          changedBy: row["changed_by"],
          changedAt: row["changed_at"],
          requestID: row["request_id"]
        )
      }
    }
  }

  /// The election's audit events (the election-wide ones and those of regions in scope) and the
  /// token events of regions in scope, oldest first.
  public func exportedEvents(_ election: ElectionID, under scope: String?) throws -> [AuditEvent] {
    try pool.read { db in
      var sql = "SELECT * FROM audit_event WHERE (election = ? OR (election IS NULL AND region IS NOT NULL))"
      var arguments: StatementArguments = [election.rawValue]
      if let scope {
        sql += " AND (region IS NULL OR region = ? OR region LIKE ?)"
        arguments += [scope, scope + ".%"]
      }
      return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(Self.auditEvent)
    }
  }

  private static func scopeFilter(
    _ column: String,
    _ election: ElectionID,
    _ scope: String?
  ) -> (String, StatementArguments) {
    guard let scope else { return ("", [election.rawValue]) }
    return (" AND (\(column) = ? OR \(column) LIKE ?)", [election.rawValue, scope, scope + ".%"])
  }
}
