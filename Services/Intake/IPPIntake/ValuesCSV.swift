internal import CSV
internal import Foundation
internal import IntakeAPI
internal import IPPSchema
internal import RPCCore

/// A CSV of filed values as read for `ImportCSV`: its layout, its rows as values, and every
/// problem by row and column. Parsing is yaslab/CSV.swift's; this type knows the columns, the
/// number formats and the catalogue.
struct ValuesCSV {
  /// How fields are separated and numbers written.
  enum Layout {
    /// `;` between fields, `1.234,5`: what spreadsheets set to Indonesian write.
    case semicolonDecimalComma
    /// `,` between fields, `1234.5`.
    case commaDecimalPoint

    var separator: String { self == .semicolonDecimalComma ? ";" : "," }
    var decimalMark: String { self == .semicolonDecimalComma ? "," : "." }
  }

  /// One value read, with the row it came from.
  struct Row {
    var number: Int
    var region: RegionCode
    var filed: Intake.FiledValue
  }

  /// The most data rows a file may have.
  static let rowLimit = 100_000

  /// The names each column is known by, the first as it is reported.
  private static let columnNames: [(column: Column, names: [String])] = [
    (.region, ["region", "wilayah", "kode_wilayah"]),
    (.indicator, ["indicator", "indikator", "kode_indikator"]),
    (.value, ["value", "nilai"]),
    (.comment, ["comment", "keterangan", "catatan"]),
    (.missingReason, ["missing_reason", "alasan"]),
    (.evidenceURL, ["evidence_url", "tautan_bukti"]),
    (.evidenceNote, ["evidence_note", "catatan_bukti"]),
  ]

  private enum Column: Hashable {
    case region, indicator, value, comment, missingReason, evidenceURL, evidenceNote
  }

  var layout: Layout
  /// The region column's name as the header writes it.
  var regionColumn: String
  var ignoredColumns: [String]
  /// The rows without problems.
  var rows: [Row] = []
  /// Data rows read, blank ones not counted.
  var rowCount = 0
  var problems: [Intake.ImportReport.Problem] = []

  /// Reads `text` against `catalogue`. A file that cannot be read as values at all (no header,
  /// a required column missing, too many rows) is INVALID_ARGUMENT; problems with single cells
  /// are collected in ``problems``.
  init(_ text: String, catalogue: Intake.Catalogue) throws(RPCError) {
    let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let headerLine = text.prefix { $0 != "\n" && $0 != "\r" }
    layout =
      headerLine.filter { $0 == ";" }.count > headerLine.filter { $0 == "," }.count
      ? .semicolonDecimalComma : .commaDecimalPoint
    let reader: CSVReader
    do {
      reader = try CSVReader(
        string: text,
        hasHeaderRow: true,
        delimiter: layout == .semicolonDecimalComma ? ";" : ","
      )
    } catch {
      throw RPCError(code: .invalidArgument, message: "The CSV has no header row")
    }
    let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
    var columns: [Column: (index: Int, name: String)] = [:]
    var ignored: [String] = []
    for (index, name) in header.enumerated() {
      if let known = Self.columnNames.first(where: { $0.names.contains(name.lowercased()) }) {
        columns[known.column] = (index, name)
      } else if !name.isEmpty {
        ignored.append(name)
      }
    }
    ignoredColumns = ignored
    regionColumn = columns[.region]?.name ?? "region"
    let missing = Self.columnNames.prefix(3).filter { columns[$0.column] == nil }.map { $0.names[0] }
    guard missing.isEmpty else {
      throw RPCError(
        code: .invalidArgument,
        message:
          "The header needs the columns region, indicator and value (wilayah, indikator, nilai); "
          + "missing: \(missing.joined(separator: ", ")). Header read: \(header.joined(separator: layout.separator))"
      )
    }
    let indicators = Dictionary(uniqueKeysWithValues: catalogue.indicators.map { ($0.code, $0) })
    var firstRow: [String: Int] = [:]
    var number = 1
    while let fields = reader.next() {
      number += 1
      guard fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
      rowCount += 1
      guard rowCount <= Self.rowLimit else {
        throw RPCError(
          code: .invalidArgument,
          message: "A CSV has at most \(Self.rowLimit) rows; split the file"
        )
      }
      func cell(_ column: Column) -> String? {
        guard let index = columns[column]?.index, index < fields.count else { return nil }
        let text = fields[index].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
      }
      func problem(_ column: Column, _ message: String) {
        problems.append(.init(row: number, column: columns[column]?.name ?? "", message: message))
      }
      guard let regionText = cell(.region), let region = try? RegionCode(regionText) else {
        problem(.region, "\"\(cell(.region) ?? "")\" is not a region code (33.14 for Kabupaten Sragen)")
        continue
      }
      guard let code = cell(.indicator), let indicator = indicators[code] else {
        problem(
          .indicator,
          "\"\(cell(.indicator) ?? "")\" is not an indicator of catalogue \(catalogue.version)"
        )
        continue
      }
      if let earlier = firstRow.updateValue(number, forKey: "\(region) \(code)") {
        problem(.indicator, "\(code) of \(region) is also on row \(earlier)")
        continue
      }
      var filed = Intake.FiledValue(
        indicator: code,
        value: nil,
        comment: cell(.comment),
        evidence: cell(.evidenceURL).map { Intake.Evidence(url: $0, note: cell(.evidenceNote) ?? "") }
      )
      if let text = cell(.value) {
        switch Self.number(text, layout: layout, yesNo: indicator.type == .yesNo) {
        case .success(let value): filed.value = value
        case .failure(let message):
          problem(.value, "\(code): \(message.text)")
          continue
        }
      } else {
        filed.missingReason = cell(.missingReason) ?? cell(.comment)
        if cell(.missingReason) == nil { filed.comment = nil }
        guard filed.missingReason != nil else {
          problem(
            .value,
            "\(code) has no value: give one, or the reason it is missing in missing_reason or comment"
          )
          continue
        }
      }
      let valueProblems = FiledValueCheck.problems(with: filed, as: indicator)
      guard valueProblems.isEmpty else {
        for message in valueProblems { problem(.value, message) }
        continue
      }
      rows.append(Row(number: number, region: region, filed: filed))
    }
  }

  /// Why a cell is not a number.
  struct NumberProblem: Error {
    var text: String
  }

  /// The number in `text` as `layout` writes numbers; for a yes/no indicator also `ya`/`tidak`
  /// (`yes`/`no`).
  static func number(_ text: String, layout: Layout, yesNo: Bool) -> Result<Double, NumberProblem> {
    if yesNo {
      switch text.lowercased() {
      case "ya", "yes", "y": return .success(1)
      case "tidak", "no", "t", "n": return .success(0)
      default: break
      }
    }
    guard text.allSatisfy({ "0123456789+-.,".contains($0) }) else {
      return .failure(
        NumberProblem(text: "\"\(text)\" is not a number" + (yesNo ? " (nor ya or tidak)" : ""))
      )
    }
    var digits = text
    switch layout {
    case .semicolonDecimalComma:
      if digits.contains(".") {
        guard digits.wholeMatch(of: /[+-]?\d{1,3}(\.\d{3})+(,\d+)?/) != nil else {
          let example = digits.replacingOccurrences(of: ".", with: ",")
          return .failure(
            NumberProblem(
              text: "\"\(text)\": this file is separated by ';', so decimals take a comma: \(example)"
            )
          )
        }
        digits = digits.replacingOccurrences(of: ".", with: "")
      }
      digits = digits.replacingOccurrences(of: ",", with: ".")
    case .commaDecimalPoint:
      guard !digits.contains(",") else {
        return .failure(
          NumberProblem(
            text:
              "\"\(text)\": this file is separated by ',', so write numbers with a decimal point and no thousands separator"
          )
        )
      }
    }
    guard let value = Double(digits) else {
      return .failure(NumberProblem(text: "\"\(text)\" is not a number"))
    }
    return .success(value)
  }
}
