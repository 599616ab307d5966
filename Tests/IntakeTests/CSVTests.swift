import Foundation
import IPPIntake
import IPPSchema
import IntakeAPI
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// ImportCSV and ExportCSV through intake's real router in process: both spreadsheet layouts,
/// every problem by row and column, all or nothing, retries, scope, and a round trip.
struct CSVTests {
  let clock = ManualClock(try! ZonedTime("2026-12-10 10:00 WIB").instant)
  let service: InProcessService
  let catalogue = try! CatalogueLibrary().catalogues["pilkada-2024.catalogue-1"]!

  init() async throws {
    service = try InProcessService(IntakeService.definition(clock: clock))
    _ = try await intake().setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: try ZonedTime("2026-12-01 00:00 WIB"),
        closesAt: try ZonedTime("2026-12-15 23:59 WIB"),
        reason: "Surat Dinas KPU RI"
      )
    )
  }

  func intake(as principal: Principal? = .testAdmin) -> Intake.Client<InProcessCaller> {
    Intake.Client(service.caller(as: principal))
  }

  static let sragen = try! RegionCode("33.14")
  static let blora = try! RegionCode("33.16")

  /// The complete values of `regions` as a spreadsheet set to Indonesian writes them: `;` between
  /// fields, a decimal comma, a byte-order mark.
  func indonesianCSV(_ regions: [String]) -> String {
    var lines = ["\u{FEFF}wilayah;indikator;nilai;keterangan;tautan_bukti"]
    for region in regions {
      for value in catalogue.completeValues {
        let number = value.value.map { String($0).replacingOccurrences(of: ".", with: ",") } ?? ""
        lines.append("\(region);\(value.indicator);\(number);;\(value.evidence?.url ?? "")")
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  func importing(
    _ csv: String,
    dryRun: Bool,
    requestID: String = UUID().uuidString
  ) -> Intake.ImportCSVRequest {
    .init(election: .pilkada2024, csv: csv, dryRun: dryRun, requestID: requestID)
  }

  func revisions(_ region: RegionCode = sragen) throws -> Int {
    try IntakeStore(storage: service.storage).revisionCount(.pilkada2024, region: region)
  }

  @Test func anIndonesianSpreadsheetIsCheckedThenImportedOnce() async throws {
    let csv = indonesianCSV(["33.14", "33.16"])
    let dry = try await intake().importCSV(importing(csv, dryRun: true))
    #expect(dry.separator == ";" && dry.decimalMark == ",")
    #expect(dry.rows == 60 && dry.regions == 2 && dry.changes == 60)
    #expect(dry.problems.isEmpty && !dry.committed)
    #expect(try revisions() == 0)

    let report = try await intake().importCSV(importing(csv, dryRun: false, requestID: "import-1"))
    #expect(report.committed && report.changes == 60)
    #expect(try revisions() == 30 && revisions(Self.blora) == 30)
    let sragen = try await intake().submission(.init(election: .pilkada2024, region: Self.sragen))
    #expect(sragen.state == .draft && sragen.missingRequired.isEmpty)
    #expect(sragen.values.first { $0.indicator == "PEM-1" }?.value == 71)
    // The same request again answers the same report and writes nothing more.
    #expect(try await intake().importCSV(importing(csv, dryRun: false, requestID: "import-1")) == report)
    #expect(try revisions() == 30)
    // The same values in a new request change nothing.
    #expect(try await intake().importCSV(importing(csv, dryRun: true)).changes == 0)
    let trail = try await intake().auditTrail(.init(election: .pilkada2024, region: Self.sragen)).events
    #expect(trail.last?.action == "ImportCSV")
  }

  @Test func aCommaSeparatedFileWithDecimalPointsReadsToo() async throws {
    let csv =
      "region,indicator,value,comment\n33.14,PEM-1,71.5,\"angka sementara, dicek ulang\"\n33.14,CAL-1,3,\n"
    let report = try await intake().importCSV(importing(csv, dryRun: false))
    #expect(report.separator == "," && report.decimalMark == "." && report.changes == 2)
    let values = try await intake().submission(.init(election: .pilkada2024, region: Self.sragen)).values
    #expect(values.first { $0.indicator == "PEM-1" }?.value == 71.5)
    #expect(values.first { $0.indicator == "PEM-1" }?.comment == "angka sementara, dicek ulang")
  }

  @Test func everyProblemIsReportedByRowAndColumnAndNothingIsWritten() async throws {
    _ = try await intake().saveValues(
      .init(
        election: .pilkada2024,
        region: try RegionCode("33.10"),
        requestID: "k",
        values: catalogue.completeValues
      )
    )
    _ = try await intake().submit(
      .init(election: .pilkada2024, region: try RegionCode("33.10"), requestID: "s")
    )
    let csv = """
      wilayah;indikator;nilai;keterangan;nama_wilayah
      33.14;PEM-1;71,5;;Sragen
      33.99;PEM-1;70;;
      33.14;XYZ-1;1;;
      33.14;PEM-2;68.5;;
      33.14;PEM-3;1.074;;
      33.14;PEM-1;70;;

      33.14;CAL-1;;;
      33.14;CAL-5;ya;;
      33.14;CAL-2;abc;;
      33.10;PEM-1;50;;
      31.71;PEM-1;50;;
      """
    let dry = try await intake().importCSV(importing(csv, dryRun: true))
    #expect(dry.ignoredColumns == ["nama_wilayah"])
    #expect(dry.rows == 11)
    let found = dry.problems.map { "\($0.row) \($0.column)" }
    #expect(
      found == [
        "3 wilayah", "4 indikator", "5 nilai", "6 nilai", "7 indikator", "9 nilai", "11 nilai", "12 wilayah",
        "13 wilayah",
      ]
    )
    #expect(dry.problemCount == 9)
    #expect(dry.problems[2].message.contains("68,5"))
    #expect(dry.problems[3].message.contains("1074"))
    #expect(dry.problems[5].message.contains("reason"))
    #expect(dry.problems[7].message.contains("submitted"))
    #expect(dry.problems[8].message.contains("does not take part"))

    let failure = await status(of: { try await intake().importCSV(importing(csv, dryRun: false)) })
    #expect(failure == .invalidArgument)
    #expect(try revisions() == 0)
  }

  @Test func anOperatorImportsOnlyItsOwnRegion() async throws {
    let csv = indonesianCSV(["33.14", "33.16"])
    let dry = try await intake(as: .testRegency).importCSV(importing(csv, dryRun: true))
    #expect(dry.problems.map(\.row) == [32])
    #expect(dry.problems.first?.column == "wilayah")
    #expect(
      await status(of: { try await intake(as: .testRegency).importCSV(importing(csv, dryRun: false)) })
        == .invalidArgument
    )
    let own = try await intake(as: .testRegency).importCSV(importing(indonesianCSV(["33.14"]), dryRun: false))
    #expect(own.committed && own.changes == 30)
    #expect(
      await status(of: { try await intake(as: .testViewer).importCSV(importing(csv, dryRun: true)) })
        == .permissionDenied
    )
  }

  @Test func aFileWithoutTheColumnsIsRefusedAsAWhole() async throws {
    for csv in ["", "region;value\n33.14;1\n", "just some text"] {
      #expect(
        await status(of: { try await intake().importCSV(importing(csv, dryRun: true)) }) == .invalidArgument
      )
    }
  }

  @Test func anExportImportsBackUnchangedAndIsSafeToOpen() async throws {
    var values = catalogue.completeValues
    values[0].comment = "=HYPERLINK(\"http://example.invalid\")"
    _ = try await intake().saveValues(
      .init(election: .pilkada2024, region: Self.sragen, requestID: "a", values: values)
    )
    _ = try await intake().saveValues(
      .init(
        election: .pilkada2024,
        region: try RegionCode("35.78"),
        requestID: "b",
        values: catalogue.completeValues
      )
    )
    let export = try await intake().exportCSV(.init(election: .pilkada2024, format: .semicolon))
    #expect(export.rows == 60)
    let lines = export.csv.split(separator: "\n")
    #expect(lines[0].hasPrefix("region;region_name;indicator;value;"))
    #expect(lines.contains { $0.hasPrefix("33.14;Kabupaten Sragen;") })
    #expect(export.csv.contains("'=HYPERLINK"))
    #expect(export.csv.contains("2026-12-10T10:00:00+07:00"))

    let back = try await intake().importCSV(
      importing(export.csv.replacingOccurrences(of: "'=", with: "="), dryRun: true)
    )
    #expect(back.problems.isEmpty && back.changes == 0)
    #expect(back.ignoredColumns == ["region_name", "state", "changed_by", "changed_at"])

    // A province exports its own; the revisions and the trail too.
    let jateng = try await intake(as: .testProvince).exportCSV(.init(election: .pilkada2024))
    #expect(jateng.rows == 30)
    let otherProvince = Intake.ExportCSVRequest(election: .pilkada2024, province: try RegionCode("35"))
    #expect(
      await status(of: { try await intake(as: .testProvince).exportCSV(otherProvince) }) == .permissionDenied
    )
    let revisions = try await intake(as: .testProvince).exportCSV(
      .init(election: .pilkada2024, content: .revisions)
    )
    #expect(revisions.rows == 30)
    let events = try await intake().exportCSV(.init(election: .pilkada2024, content: .events))
    #expect(events.csv.contains("SetFillingWindow"))
  }
}
