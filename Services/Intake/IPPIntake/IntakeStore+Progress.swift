internal import Foundation
internal import GRDB
internal import IntakeAPI
internal import IPPSchema

/// What progress is computed from, read in one pass for a whole election.
extension IntakeStore {
  /// One region's submission facts.
  struct ProgressFacts {
    var state: Intake.SubmissionState
    var lastActivity: Date
    var lastActivityBy: String
    /// Required indicators with a value or a reason.
    var requiredFilled: Int
  }

  /// Every region of `election` that has saved anything, with how many of `required` it filled.
  func progressFacts(_ election: ElectionID, required: [String]) throws -> [RegionCode: ProgressFacts] {
    try pool.read { db in
      let placeholders = required.map { _ in "?" }.joined(separator: ", ")
      var filled: [String: Int] = [:]
      if !required.isEmpty {
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT region, COUNT(*) AS filled FROM current_value
            WHERE election = ? AND indicator IN (\(placeholders)) AND (value IS NOT NULL OR missing_reason IS NOT NULL)
            GROUP BY region
            """,
          arguments: StatementArguments([election.rawValue] + required)
        )
        for row in rows { filled[row["region"]] = row["filled"] }
      }
      var facts: [RegionCode: ProgressFacts] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT region, state, updated_at, updated_by FROM submission WHERE election = ?",
        arguments: [election.rawValue]
      )
      for row in rows {
        let region: String = row["region"]
        facts[try RegionCode(region)] = ProgressFacts(
          state: Intake.SubmissionState(rawValue: row["state"]) ?? .draft,
          lastActivity: row["updated_at"],
          lastActivityBy: row["updated_by"],
          requiredFilled: filled[region] ?? 0
        )
      }
      return facts
    }
  }

  /// Every extension granted in `election`, by region.
  func extensions(_ election: ElectionID) throws -> [RegionCode: ZonedTime] {
    try pool.read { db in
      var extensions: [RegionCode: ZonedTime] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT region, until_at, until_zone FROM extension WHERE election = ?",
        arguments: [election.rawValue]
      )
      for row in rows {
        guard let zone = Region.Zone(rawValue: row["until_zone"]) else { continue }
        extensions[try RegionCode(row["region"])] = ZonedTime(row["until_at"], in: zone)
      }
      return extensions
    }
  }
}
