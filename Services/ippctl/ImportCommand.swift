internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import RPC

/// `ippctl import nilai-jateng.csv --dry-run`: many regions' values at once from a spreadsheet
/// (ipp.Intake/ImportCSV).
struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import values from a CSV file: all of it or, on any problem, none of it.",
    discussion: """
      The file has a header naming at least region (wilayah), indicator (indikator) and value \
      (nilai); `;` with a decimal comma or `,` with a decimal point. The file is checked first \
      and every problem listed by row and column; only a file with none is written, in one \
      transaction. --dry-run checks and writes nothing. On a terminal the steps show as a bar on \
      standard error; otherwise as plain lines.
      """
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions
  @OptionGroup var write: WriteID

  @Argument(help: "The CSV file; - for standard input.")
  var file: String

  @Flag(help: "Check the file and report what it would change; write nothing.")
  var dryRun = false

  @Flag(help: "Print the report as JSON, for scripts.")
  var json = false

  func run() async throws {
    let electionID = try election.electionID()
    let progress = StepProgress(steps: dryRun ? ["read", "check"] : ["read", "check", "write"])
    progress.start("reading \(file)")
    let csv = try read()
    let requestID = write.value
    let check = Intake.ImportCSVRequest(election: electionID, csv: csv, dryRun: true, requestID: requestID)
    progress.start("checking \(csv.utf8.count.formatted()) bytes")
    var report = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).importCSV(check, options: options.callOptions)
    }
    if !dryRun && report.problemCount == 0 {
      progress.start("writing \(report.rows.formatted()) values of \(report.regions) regions")
      let write = Intake.ImportCSVRequest(election: electionID, csv: csv, dryRun: false, requestID: requestID)
      report = try await MethodCall.typed("Intake", options: options) { client in
        try await Intake.Client(client).importCSV(write, options: options.callOptions)
      }
    }
    progress.finish()
    if json {
      try MethodCall.printJSON(report, compact: options.compact)
    } else {
      printReport(report)
    }
    if report.problemCount > 0 { throw ExitCode(65) }
  }

  private func read() throws -> String {
    let data: Data
    do {
      data =
        file == "-"
        ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
      throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ValidationError("\(file) is not UTF-8 text: save it from the spreadsheet as CSV UTF-8")
    }
    return text
  }

  private func printReport(_ report: Intake.ImportReport) {
    print(
      "\(report.rows) rows for \(report.regions) regions, separated by \"\(report.separator)\" "
        + "with decimal \"\(report.decimalMark)\"; \(report.changes) values "
        + (report.committed ? "changed." : "would change.")
    )
    if !report.ignoredColumns.isEmpty {
      print("Columns not read: " + report.ignoredColumns.joined(separator: ", "))
    }
    if report.problemCount > 0 {
      var table = TextTable([
        .init(title: "ROW", alignRight: true), .init(title: "COLUMN"), .init(title: "PROBLEM"),
      ])
      for problem in report.problems { table.add([String(problem.row), problem.column, problem.message]) }
      print(table.text, terminator: "")
      let shown =
        report.problems.count < report.problemCount ? " (the first \(report.problems.count) shown)" : ""
      print(
        "\(report.problemCount) problems\(shown): nothing was written. Fix them and import the file again."
      )
    } else if !report.committed {
      print("Nothing was written (dry run).")
    }
  }
}
