import Foundation
import IPPIntake
import IPPSchema
import IntakeAPI
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// Progress as a province admin reads it before the coordination meeting, and as ipp-notify
/// reads the regions at risk.
struct ProgressTests {
  let clock = ManualClock(try! ZonedTime("2026-12-10 10:00 WIB").instant)
  let service: InProcessService
  let catalogue = try! CatalogueLibrary().catalogues["pilkada-2024.catalogue-1"]!

  init() async throws {
    service = try InProcessService(IntakeService.definition(clock: clock))
    _ = try await intake(as: .testAdmin).setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: try ZonedTime("2026-12-01 00:00 WIB"),
        closesAt: try ZonedTime("2026-12-15 23:59 WIB"),
        reason: "Surat Dinas KPU RI"
      )
    )
  }

  func intake(as principal: Principal) -> Intake.Client<InProcessCaller> {
    Intake.Client(service.caller(as: principal))
  }

  static func code(_ text: String) -> RegionCode { try! RegionCode(text) }

  static func operatorOf(_ region: String) -> Principal {
    Principal(name: "operator.\(region)", role: .regency, scope: region)
  }

  func file(_ region: String, count: Int? = nil) async throws {
    let values = catalogue.completeValues
    _ = try await intake(as: Self.operatorOf(region)).saveValues(
      .init(
        election: .pilkada2024,
        region: Self.code(region),
        requestID: UUID().uuidString,
        values: Array(values.prefix(count ?? values.count))
      )
    )
  }

  func move(
    _ region: String,
    _ step: (Intake.Client<InProcessCaller>, Intake.TransitionRequest) async throws -> Intake.Submission,
    as principal: Principal,
    comment: String? = nil
  ) async throws {
    _ = try await step(
      intake(as: principal),
      .init(election: .pilkada2024, region: Self.code(region), requestID: UUID().uuidString, comment: comment)
    )
  }

  /// Jawa Tengah: Sragen verified, Klaten submitted, Kota Semarang returned, Boyolali a partial
  /// draft, the other 31 kab/kota not started.
  func fileJawaTengah() async throws {
    for region in ["33.14", "33.10", "33.74"] {
      try await file(region)
      try await move(region, { try await $0.submit($1) }, as: Self.operatorOf(region))
    }
    try await move("33.14", { try await $0.verify($1) }, as: .testProvince)
    try await move(
      "33.74",
      { try await $0.returnSubmission($1) },
      as: .testProvince,
      comment: "Periksa PEM-4"
    )
    try await file("33.09", count: 5)
  }

  @Test func theProvinceSummaryAnswersTheMeetingsQuestion() async throws {
    try await fileJawaTengah()
    let summary = try await intake(as: .testProvince).provinceSummary(
      .init(election: .pilkada2024, province: Self.code("33"))
    )
    #expect(summary.name == "Jawa Tengah")
    #expect(summary.kabKota == 35)
    let counts: [Int] = [
      summary.verified, summary.submitted, summary.returned, summary.draft, summary.notStarted,
    ]
    #expect(counts == [1, 1, 1, 1, 31])
    #expect(summary.late.isEmpty)
    #expect(summary.atRisk.count == 33)
    #expect(summary.atRisk.first?.region.rawValue == "33.01")
    #expect(summary.ownData.state == .notStarted)
    let boyolali = try #require(summary.atRisk.first { $0.region.rawValue == "33.09" })
    #expect(boyolali.state == .draft)
    #expect(boyolali.requiredFilled == 5)
    #expect(boyolali.requiredTotal == catalogue.indicators.filter(\.required).count)
    #expect(boyolali.percentFilled == (5.0 / Double(boyolali.requiredTotal) * 1000).rounded() / 10)
    #expect(boyolali.lastActivityBy == "operator.33.09")
    #expect(boyolali.lastActivity == clock.now)
    #expect(boyolali.deadline?.rawValue == "2026-12-15 23:59 WIB")
    #expect(
      boyolali.secondsLeft
        == Int((try ZonedTime("2026-12-16 00:00 WIB")).instant.timeIntervalSince(clock.now))
    )
  }

  @Test func afterTheDeadlineTheLateAreListedAndAnExtensionTakesOneOut() async throws {
    try await fileJawaTengah()
    clock.set(try ZonedTime("2026-12-16 12:00 WIB").instant)
    _ = try await intake(as: .testAdmin).grantExtension(
      .init(
        election: .pilkada2024,
        region: Self.code("33.09"),
        until: try ZonedTime("2026-12-17 23:59 WIB"),
        reason: "Listrik padam"
      )
    )
    let summary = try await intake(as: .testProvince).provinceSummary(
      .init(election: .pilkada2024, province: Self.code("33"))
    )
    #expect(summary.late.count == 32)
    #expect(summary.late.map(\.region.rawValue) == summary.late.map(\.region.rawValue).sorted())
    #expect(!summary.late.contains { ["33.14", "33.10", "33.09"].contains($0.region.rawValue) })
    #expect(summary.late.contains { $0.region.rawValue == "33.74" && $0.state == .returned })
    #expect(summary.atRisk.map(\.region.rawValue) == ["33.09"])
    #expect(summary.atRisk.first?.deadline?.rawValue == "2026-12-17 23:59 WIB")
  }

  @Test func progressFollowsScopeAndTheRegionsZone() async throws {
    try await fileJawaTengah()
    let sragen = try await intake(as: .testRegency).progress(.init(election: .pilkada2024))
    #expect(sragen.regions.map(\.region.rawValue) == ["33.14"])
    #expect(sragen.regions.first?.state == .verified)
    let jateng = try await intake(as: .testProvince).progress(.init(election: .pilkada2024))
    #expect(jateng.regions.count == 36)
    #expect(
      await status {
        try await intake(as: .testProvince).progress(.init(election: .pilkada2024, province: Self.code("35")))
      } == .permissionDenied
    )
    #expect(
      await status {
        try await intake(as: .testProvince).progress(
          .init(election: .pilkada2024, province: Self.code("33.14"))
        )
      } == .invalidArgument
    )
    let sulsel = try await intake(as: .testViewer).progress(
      .init(election: .pilkada2024, province: Self.code("73"))
    )
    #expect(
      sulsel.regions.first { $0.region.rawValue == "73.71" }?.deadline?.rawValue == "2026-12-16 00:59 WITA"
    )
    #expect(try await intake(as: .testAdmin).progress(.init(election: .pilkada2024)).regions.count == 545)
  }

  @Test func atRiskIsEveryRegionThatHasNotSubmittedWhileOpen() async throws {
    try await fileJawaTengah()
    let notify = Principal(name: "ipp-notify", role: .service)
    let atRisk = try await intake(as: notify).atRisk(.init(election: .pilkada2024))
    #expect(atRisk.regions.count == 545 - 2)
    #expect(!atRisk.regions.contains { ["33.14", "33.10"].contains($0.region.rawValue) })
    // One deadline for all: least time left is a tie, broken by code.
    #expect(atRisk.regions.first?.region.rawValue == "11")
    clock.set(try ZonedTime("2026-12-16 00:30 WIB").instant)
    #expect(try await intake(as: notify).atRisk(.init(election: .pilkada2024)).regions.isEmpty)
  }
}
