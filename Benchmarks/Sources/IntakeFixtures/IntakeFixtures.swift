import Foundation
import GRDB
import IPPIntake
import IPPSchema
import IntakeAPI
import Logging
import RPCCore
import ServiceRuntime

/// A real ipp-intake router over a new database in a temporary directory, with Pilkada 2024's
/// filling window open around now: what the intake benchmarks measure.
public final class BenchIntake: @unchecked Sendable {
  public let directory: URL
  public let storage: ServiceStorage
  public let router: RPCRouter
  /// KPU RI's admin, who may file anywhere.
  public static let admin = Principal(name: "kpu-ri.admin", role: .admin)

  public init() async throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipp-intake-bench-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let definition = IntakeService.definition
    storage = try ServiceStorage(
      directory: directory.path,
      name: definition.name,
      migrator: definition.migrator
    )
    var logger = Logger(label: "bench")
    logger.logLevel = .critical
    router = try definition.router(
      ServiceContext(storage: storage, stateDirectory: directory.path, logger: logger)
    )
    let now = Date()
    _ = try await admin.setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: ZonedTime(now - 86_400, in: .wib),
        closesAt: ZonedTime(now + 30 * 86_400, in: .wib),
        reason: "benchmark"
      )
    )
  }

  /// The typed client of the router, as KPU RI's admin.
  public var admin: Intake.Client<InProcessCaller> {
    Intake.Client(InProcessCaller(router: router, principal: Self.admin))
  }

  deinit {
    try? storage.close()
    try? FileManager.default.removeItem(at: directory)
  }
}

public enum IntakeFixtures {
  /// A new intake, with Pilkada 2024's 508 kab/kota and its catalogue.
  public static func national() async throws -> (
    intake: BenchIntake, regions: [RegionCode], catalogue: Intake.Catalogue
  ) {
    let intake = try await BenchIntake()
    let regions = try await intake.admin.regions(.init(election: .pilkada2024)).regions.map(\.code)
      .filter { $0.level != .province }
    return (intake, regions, try await intake.admin.catalogue(.init(election: .pilkada2024)))
  }

  /// Typical values for every indicator of `catalogue`, with evidence where it is asked for.
  public static func values(_ catalogue: Intake.Catalogue, variant: Int = 0) -> [Intake.FiledValue] {
    catalogue.indicators.map { indicator in
      let value: Double =
        switch indicator.type {
        case .count: indicator.minimum + Double(variant % 7)
        case .percent: 70 + Double(variant % 9)
        case .ratio: 2 + Double(variant % 5) / 10
        case .yesNo: 1
        case .scale1to5: 4
        }
      return Intake.FiledValue(
        indicator: indicator.code,
        value: indicator.code == "PEM-2" ? value - 1 : indicator.code == "PEM-3" ? value + 1 : value,
        evidence: indicator.evidence
          ? Intake.Evidence(url: "https://kpu.example/berita-acara/\(indicator.code)", note: "Berita acara")
          : nil
      )
    }
  }

  /// Every kab/kota of Pilkada 2024 (508) by every indicator, as a spreadsheet set to Indonesian
  /// saves it: `;` and a decimal comma.
  public static func nationalCSV(_ catalogue: Intake.Catalogue, regions: [RegionCode]) -> String {
    var lines = ["wilayah;indikator;nilai;keterangan;tautan_bukti"]
    for (index, region) in regions.enumerated() {
      for value in values(catalogue, variant: index) {
        let number = String(value.value!).replacingOccurrences(of: ".", with: ",")
        lines.append("\(region);\(value.indicator);\(number);;\(value.evidence?.url ?? "")")
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// The floor: the same rows written straight into intake's two value tables in one
  /// transaction with prepared statements, no parsing, checking or RPC.
  public static func insertRaw(
    _ rows: [(region: RegionCode, value: Intake.FiledValue)],
    into storage: ServiceStorage
  ) throws {
    let now = Date()
    try storage.pool.write { db in
      let current = try db.makeStatement(
        sql: """
          INSERT INTO current_value (election, region, indicator, value, missing_reason, comment, evidence_url,
            evidence_note, changed_by, changed_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)
          """
      )
      let revision = try db.makeStatement(
        sql: """
          INSERT INTO value_revision (election, region, indicator, old_value, new_value, old_missing_reason,
            new_missing_reason, comment, changed_by, changed_at, request_id)
          VALUES (?, ?, ?, NULL, ?, NULL, NULL, NULL, ?, ?, ?)
          """
      )
      for row in rows {
        try current.execute(arguments: [
          "pilkada-2024", row.region.rawValue, row.value.indicator, row.value.value, row.value.evidence?.url,
          row.value.evidence?.note, "kpu-ri.admin", now,
        ])
        try revision.execute(arguments: [
          "pilkada-2024", row.region.rawValue, row.value.indicator, row.value.value, "kpu-ri.admin", now,
          "raw",
        ])
      }
    }
  }
}
