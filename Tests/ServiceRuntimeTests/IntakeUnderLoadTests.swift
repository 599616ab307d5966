import Foundation
import IPPSchema
import IntakeAPI
import RPC
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// The real ipp-intake under the filing deadline's load and under kill -9: 514 operators with
/// issued tokens each file 60 values at once (two saves of the 30 indicators, and a retry), with
/// no revision lost or doubled; a national CSV import killed part way leaves all of it or none.
struct IntakeUnderLoadTests {
  /// The regions taking part in Pilkada 2024, as intake lists them.
  static func pilkadaRegions(_ intake: Intake.Client<RPCClient>) async throws -> [RegionCode] {
    try await intake.regions(.init(election: .pilkada2024)).regions.map(\.code)
  }

  static func client(port: Int, token: String) -> Intake.Client<RPCClient> {
    Intake.Client(RPCClient(configuration: .init(host: "127.0.0.1", port: port, token: token)))
  }

  @Test func fiveHundredFourteenOperatorsFileAtOnce() async throws {
    let (intake, port, _) = try await ServiceProcess.ready("ipp-intake")
    let admin = Self.client(port: port, token: intake.adminToken)
    try await admin.openPilkadaWindowAroundNow()
    let catalogue = try await admin.catalogue(.init(election: .pilkada2024))
    // The 514 filing: the 508 kab/kota and six provinces' own data.
    let taking = try await Self.pilkadaRegions(admin)
    let filers = taking.filter { $0.level != .province } + taking.filter { $0.level == .province }.prefix(6)
    #expect(filers.count == 514)
    var tokens: [RegionCode: String] = [:]
    for region in filers {
      tokens[region] =
        try await admin.issueToken(
          .init(name: "operator.\(region)", role: "regency", region: region, requestID: "token-\(region)")
        )
        .token
    }
    let first = catalogue.completeValues
    let second = first.map { value in
      var changed = value
      if catalogue.indicators.first(where: { $0.code == value.indicator })?.type == .percent {
        changed.value = 80
      } else {
        changed.comment = "diperiksa ulang"
      }
      return changed
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for region in filers {
        let filer = Self.client(port: port, token: tokens[region]!)
        group.addTask {
          let firstSave = Intake.SaveValuesRequest(
            election: .pilkada2024,
            region: region,
            requestID: "first-\(region)",
            values: first
          )
          _ = try await filer.saveValues(firstSave)
          _ = try await filer.saveValues(
            .init(election: .pilkada2024, region: region, requestID: "second-\(region)", values: second)
          )
          // A late retry of the first save (its answer lost, say) writes nothing.
          _ = try await filer.saveValues(firstSave)
        }
      }
      try await group.waitForAll()
    }
    let revisions = try await admin.exportCSV(.init(election: .pilkada2024, content: .revisions))
    #expect(revisions.rows == 514 * 60)
    let perRegion = Dictionary(grouping: revisions.csv.split(separator: "\n").dropFirst()) {
      $0.prefix { $0 != "," }
    }
    #expect(perRegion.count == 514)
    #expect(perRegion.values.allSatisfy { $0.count == 60 })
    let values = try await admin.exportCSV(.init(election: .pilkada2024))
    #expect(values.rows == 514 * 30)
    #expect(!values.csv.contains(",75,"))
    let sragen = try await admin.listTokens(.init(region: try RegionCode("33.14"))).tokens
    #expect(sragen.count == 1)
    intake.signal(SIGTERM)
    #expect(await intake.waitForExit() == 0)
  }

  @Test func aNationalImportKilledPartWayLeavesAllOrNothing() async throws {
    var (intake, port, _) = try await ServiceProcess.ready("ipp-intake")
    var admin = Self.client(port: port, token: intake.adminToken)
    try await admin.openPilkadaWindowAroundNow()
    let catalogue = try await admin.catalogue(.init(election: .pilkada2024))
    let regions = try await Self.pilkadaRegions(admin).filter { $0.level != .province }
    var lines = ["region,indicator,value,evidence_url"]
    for region in regions {
      for value in catalogue.completeValues {
        lines.append("\(region),\(value.indicator),\(value.value!),\(value.evidence?.url ?? "")")
      }
    }
    let request = Intake.ImportCSVRequest(
      election: .pilkada2024,
      csv: lines.joined(separator: "\n"),
      dryRun: false,
      requestID: "national-import"
    )
    let wal = intake.directory.appendingPathComponent("state/ipp-intake.sqlite-wal")
    let walBefore = (try? FileManager.default.attributesOfItem(atPath: wal.path)[.size] as? Int) ?? 0
    let call = Task { [admin] in try await admin.importCSV(request) }
    // Killed as soon as the transaction starts spilling pages to the WAL (or when the call ends).
    while (try? FileManager.default.attributesOfItem(atPath: wal.path)[.size] as? Int) ?? 0 <= walBefore
      + 4096
    {
      try await Task.sleep(for: .milliseconds(5))
    }
    intake.signal(SIGKILL)
    _ = await intake.waitForExit()
    _ = await call.result

    (intake, port, _) = try await ServiceProcess.ready(
      "ipp-intake",
      folder: intake.folder,
      adminToken: intake.adminToken,
      arguments: ["--rpc.port", String(port)]
    )
    admin = Self.client(port: port, token: intake.adminToken)
    let kept = try await admin.exportCSV(.init(election: .pilkada2024, content: .revisions)).rows
    #expect(kept == 0 || kept == 508 * 30, "\(kept) of \(508 * 30) values survived: a half import")
    // The client retries with the same request id: the import is done exactly once either way.
    let report = try await admin.importCSV(request)
    #expect(report.committed && report.rows == 508 * 30)
    #expect(try await admin.exportCSV(.init(election: .pilkada2024, content: .revisions)).rows == 508 * 30)
    print("kill -9 during the national import left \(kept == 0 ? "nothing" : "all of it") committed")
    intake.signal(SIGTERM)
    #expect(await intake.waitForExit() == 0)
  }
}
