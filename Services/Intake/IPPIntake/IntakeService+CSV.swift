internal import CSV
internal import Foundation
internal import GRDB
public import IntakeAPI
internal import IPPSchema
public import RPCCore
internal import ServiceRuntime

/// Bulk: importing values from a spreadsheet's CSV (checked in full first, then written in one
/// transaction or not at all) and exporting an election's values, revisions and audit trail.
extension IntakeService {
  /// `ImportCSV`: reads every row, checks each value as `SaveValues` would and each region as
  /// filing would (scope, taking part, window, state), and reports every problem by row and
  /// column. A dry run stops there; otherwise any problem is INVALID_ARGUMENT and nothing is
  /// written, and without problems every region's values are written in one transaction.
  public func importCSV(_ request: Intake.ImportCSVRequest, context: RPCContext) throws -> Intake.ImportReport
  {
    let election = try requireElection(request.election)
    let catalogue = try catalogue(of: election)
    let file = try ValuesCSV(request.csv, catalogue: catalogue)
    var problems = file.problems
    var byRegion: [RegionCode: [ValuesCSV.Row]] = [:]
    for row in file.rows { byRegion[row.region, default: []].append(row) }
    let filer = context.principal?.name ?? "unknown"
    var accepted: [(region: RegionCode, values: [Intake.FiledValue])] = []
    for (region, rows) in byRegion.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      do {
        _ = try requireFiler(context, region)
        try requireTakingPart(region, in: election.id)
        try requireOpenWindow(election, region)
        let state =
          try store.pool.read { try IntakeStore.submission($0, election.id, region)?.state } ?? .notStarted
        guard state != .submitted && state != .verified else {
          throw RPCError(
            code: .failedPrecondition,
            message: "\(region)'s values are \(state): they cannot change until the province returns them"
          )
        }
        accepted.append((region, rows.map(\.filed)))
      } catch {
        problems.append(
          .init(row: rows[0].number, column: file.regionColumn, message: RPCError(converting: error).message)
        )
      }
    }
    problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
    func report(changes: Int, committed: Bool) -> Intake.ImportReport {
      Intake.ImportReport(
        separator: file.layout.separator,
        decimalMark: file.layout.decimalMark,
        ignoredColumns: file.ignoredColumns,
        rows: file.rowCount,
        regions: byRegion.count,
        changes: changes,
        problems: Array(problems.prefix(1000)),
        problemCount: problems.count,
        committed: committed
      )
    }
    if request.dryRun {
      let changes = try store.pool.read { db in
        try accepted.reduce(0) { total, region in
          let current = try IntakeStore.values(db, election.id, region.region)
          return total + region.values.filter { !Self.isStored($0, current[$0.indicator]) }.count
        }
      }
      return report(changes: changes, committed: false)
    }
    guard problems.isEmpty else {
      let first = problems.prefix(5).map { "row \($0.row), \($0.column): \($0.message)" }
      throw RPCError(
        code: .invalidArgument,
        message:
          "\(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was imported. "
          + first.joined(separator: "; ") + (problems.count > 5 ? "; ... (a dry run lists them all)" : "")
      )
    }
    return try once(request, method: "ImportCSV", requestID: request.requestID, principal: filer) { db, now in
      var changes = 0
      for (region, values) in accepted {
        let changed = try saveDraft(
          db,
          election.id,
          region,
          values,
          catalogue: catalogue,
          by: filer,
          at: now,
          requestID: request.requestID
        )
        changes += changed
        try IntakeStore.audit(
          db,
          at: now,
          principal: filer,
          action: "ImportCSV",
          election: election.id,
          region: region,
          detail: "\(values.count) values imported from a CSV, \(changed) changed",
          reason: ""
        )
      }
      return report(changes: changes, committed: true)
    }
  }

  /// `ExportCSV`: the values, revisions or audit events of the regions in the caller's scope (or
  /// of one province), with region names and times in each region's own zone.
  public func exportCSV(
    _ request: Intake.ExportCSVRequest,
    context: RPCContext,
    writer: RPCResponseWriter<Intake.ExportCSVChunk>
  ) async throws {
    _ = try requireElection(request.election)
    if let province = request.province {
      guard province.level == .province else {
        throw RPCError(
          code: .invalidArgument,
          message: "province \(province) is a kab/kota; give its province"
        )
      }
      try context.requireAccess(to: province)
    }
    let scope = request.province?.rawValue ?? context.principal?.scope
    let decimalComma = request.format == .semicolon
    func number(_ value: Double?) -> String {
      guard let value else { return "" }
      let text = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
      return decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text
    }
    func name(_ code: String) -> String { (try? RegionCode(code))?.region.name ?? "" }
    // One formatter per zone, not one per row.
    var formatters: [String: ISO8601DateFormatter] = [:]
    func time(_ date: Date, _ code: String?) -> String {
      let zone =
        code.flatMap { try? RegionCode($0) }?.region.timeZone ?? TimeZone(identifier: "Asia/Jakarta")!
      if formatters[zone.identifier] == nil {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatters[zone.identifier] = formatter
      }
      return formatters[zone.identifier]!.string(from: date)
    }
    let header: [String]
    let rows: [[String]]
    switch request.content {
    case .values:
      header = [
        "region", "region_name", "indicator", "value", "missing_reason", "comment", "evidence_url",
        "evidence_note", "state", "changed_by", "changed_at",
      ]
      rows = try store.exportedValues(request.election, under: scope).map {
        [
          $0.region, name($0.region), $0.indicator, number($0.value), $0.missingReason ?? "",
          $0.comment ?? "",
          $0.evidenceURL ?? "", $0.evidenceNote ?? "", $0.state, $0.changedBy, time($0.changedAt, $0.region),
        ]
      }
    case .revisions:
      header = [
        "region", "region_name", "indicator", "old_value", "new_value", "old_missing_reason",
        "new_missing_reason",
        "comment", "changed_by", "changed_at", "request_id",
      ]
      rows = try store.exportedRevisions(request.election, under: scope).map {
        [
          $0.region, name($0.region), $0.indicator, number($0.oldValue), number($0.newValue),
          $0.oldMissingReason ?? "", $0.newMissingReason ?? "", $0.comment ?? "", $0.changedBy,
          time($0.changedAt, $0.region), $0.requestID,
        ]
      }
    case .events:
      header = ["at", "principal", "action", "region", "region_name", "detail", "reason"]
      rows = try store.exportedEvents(request.election, under: scope).map {
        [
          time($0.at, $0.region?.rawValue), $0.principal, $0.action, $0.region?.rawValue ?? "",
          $0.region.map { $0.region.name } ?? "", $0.detail, $0.reason,
        ]
      }
    }
    let separator = decimalComma ? ";" : ","
    // Rows are grouped by the size of their cells and each group written at once; the header
    // goes with the first.
    var group: [[String]] = [header]
    var dataRows = 0
    var groupBytes = 0
    for row in rows {
      group.append(row)
      dataRows += 1
      groupBytes += row.reduce(row.count) { $0 + $1.utf8.count }
      if groupBytes >= Self.exportChunkBytes {
        try await writer.write(
          Intake.ExportCSVChunk(csv: try Self.csvText(group, separator: separator), rows: dataRows)
        )
        (group, dataRows, groupBytes) = ([], 0, 0)
      }
    }
    if !group.isEmpty {
      try await writer.write(
        Intake.ExportCSVChunk(csv: try Self.csvText(group, separator: separator), rows: dataRows)
      )
    }
  }

  /// How many bytes of cells an export's piece gathers before it is sent.
  static let exportChunkBytes = 256 * 1024

  /// Whether `filed` is what is stored already.
  private static func isStored(_ filed: Intake.FiledValue, _ stored: Intake.Submission.Value?) -> Bool {
    guard let stored else { return false }
    return stored.value == filed.value && stored.missingReason == filed.missingReason
      && stored.comment == filed.comment && stored.evidence == filed.evidence
  }

  /// `rows` as CSV text written by yaslab/CSV.swift. A text cell that a spreadsheet would run as a
  /// formula (starting with `=`, `+`, `-` or `@`) gets a leading `'`.
  private static func csvText(_ rows: [[String]], separator: String) throws -> String {
    let stream = OutputStream(toMemory: ())
    stream.open()
    let writer = try CSVWriter(stream: stream, delimiter: separator)
    for row in rows {
      try writer.write(
        row: row.map { cell in
          guard let first = cell.first, "=+-@".contains(first),
            Double(cell.replacingOccurrences(of: ",", with: ".")) == nil
          else { return cell }
          return "'" + cell
        }
      )
    }
    stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
