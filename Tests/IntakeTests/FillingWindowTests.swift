import Foundation
import IPPIntake
import IPPSchema
import IntakeAPI
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// Regions, elections and the filling window, through intake's real router in process, on a
/// clock the test moves.
struct FillingWindowTests {
  let clock = ManualClock(try! ZonedTime("2026-12-01 08:00 WIB").instant)
  let service: InProcessService

  init() throws {
    service = try InProcessService(IntakeService.definition(clock: clock))
  }

  func intake(as principal: Principal? = .testAdmin) -> Intake.Client<InProcessCaller> {
    Intake.Client(service.caller(as: principal))
  }

  static func time(_ text: String) -> ZonedTime { try! ZonedTime(text) }
  static func code(_ text: String) -> RegionCode { try! RegionCode(text) }

  /// KPU RI's window for Pilkada 2024 in this test: 1 to 15 December 2026, 23:59 WIB.
  func setWindow() async throws {
    _ = try await intake().setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: Self.time("2026-12-01 00:00 WIB"),
        closesAt: Self.time("2026-12-15 23:59 WIB"),
        reason: "Surat Dinas KPU RI tentang pengisian IPP"
      )
    )
  }

  @Test func regionsOfTheCountryAnElectionAndAProvince() async throws {
    let client = intake(as: .testViewer)
    #expect(try await client.regions().regions.count == 552)
    let pilkada = try await client.regions(.init(election: .pilkada2024)).regions
    #expect(pilkada.filter { $0.kind == .provinsi }.count == 37)
    #expect(pilkada.filter { $0.kind != .provinsi }.count == 508)
    #expect(!pilkada.contains { $0.code.rawValue == "34" })
    #expect(pilkada.contains { $0.code.rawValue == "34.71" })
    #expect(!pilkada.contains { $0.code.province.rawValue == "31" && $0.kind != .provinsi })
    let jateng = try await client.regions(.init(province: Self.code("33"))).regions
    #expect(jateng.count == 36)
    #expect(jateng.first?.name == "Jawa Tengah")
    let sragen = try #require(jateng.first { $0.code.rawValue == "33.14" })
    #expect(sragen.province == Self.code("33"))
    #expect(sragen.zone == .wib && sragen.timeZone == "Asia/Jakarta")
    let papua = try await client.regions(.init(province: Self.code("91"))).regions
    #expect(papua.allSatisfy { $0.zone == .wit })
  }

  @Test func regionsRefuseWhatIsNotThere() async throws {
    let client = intake()
    #expect(
      await status { try await client.regions(.init(province: Self.code("33.14"))) } == .invalidArgument
    )
    #expect(
      await status { try await client.regions(.init(election: try ElectionID("pilkada-2029"))) } == .notFound
    )
    #expect(await status { try await intake(as: nil).regions() } == .unauthenticated)
  }

  @Test func electionsListTheRegionsTakingPartAndTheirWindows() async throws {
    var elections = try await intake(as: .testRegency).elections().elections
    #expect(elections.map(\.id) == [.pemilu2024, .pilkada2024])
    #expect(elections.map(\.provinces) == [38, 37])
    #expect(elections.map(\.kabKota) == [514, 508])
    #expect(elections.allSatisfy { $0.closesAt == nil })
    try await setWindow()
    elections = try await intake(as: .testRegency).elections().elections
    #expect(elections[1].closesAt?.rawValue == "2026-12-15 23:59 WIB")
    #expect(elections[0].closesAt == nil)
  }

  @Test(arguments: [Principal.testService, .testProvince, .testRegency, .testViewer])
  func onlyKPURIAdminsSetTheWindow(principal: Principal) async throws {
    let refused = await status {
      try await intake(as: principal).setFillingWindow(
        .init(
          election: .pilkada2024,
          opensAt: Self.time("2026-12-01 00:00 WIB"),
          closesAt: Self.time("2026-12-15 23:59 WIB"),
          reason: "x"
        )
      )
    }
    #expect(refused == .permissionDenied)
  }

  @Test func aWindowIsCheckedAndAudited() async throws {
    let client = intake()
    let backwards = await status {
      try await client.setFillingWindow(
        .init(
          election: .pilkada2024,
          opensAt: Self.time("2026-12-15 00:00 WIB"),
          closesAt: Self.time("2026-12-01 00:00 WIB"),
          reason: "x"
        )
      )
    }
    #expect(backwards == .invalidArgument)
    let noReason = await status {
      try await client.setFillingWindow(
        .init(
          election: .pilkada2024,
          opensAt: Self.time("2026-12-01 00:00 WIB"),
          closesAt: Self.time("2026-12-15 23:59 WIB"),
          reason: "  "
        )
      )
    }
    #expect(noReason == .invalidArgument)
    try await setWindow()
    let trail = try await intake(as: .testRegency).auditTrail(
      .init(election: .pilkada2024, region: Self.code("33.14"))
    ).events
    #expect(trail.count == 1)
    #expect(trail.first?.principal == "kpu-ri.admin")
    #expect(trail.first?.action == "SetFillingWindow")
    #expect(trail.first?.region == nil)
    #expect(trail.first?.detail == "opens 2026-12-01 00:00 WIB, closes 2026-12-15 23:59 WIB")
    #expect(trail.first?.reason == "Surat Dinas KPU RI tentang pengisian IPP")
    #expect(trail.first?.at == clock.now)
  }

  @Test func aTimeWithoutItsZoneIsRefusedNamingTheForm() async throws {
    struct LooseRequest: Codable, Sendable {
      var election = "pilkada-2024"
      var opensAt = "2026-12-01 00:00 WIB"
      var closesAt: String
      var reason = "x"
    }
    let loose = RPCMethod<LooseRequest, Intake.FillingWindow>(
      service: "Intake",
      name: "SetFillingWindow",
      isIdempotent: true
    )
    for text in ["2026-12-15 23:59", "2026-12-15 23.59 WIB", "2026-02-30 10:00 WIB", "2026-12-15 24:00 WIB"] {
      do {
        _ = try await service.caller(as: .testAdmin).unary(loose, LooseRequest(closesAt: text))
        Issue.record("accepted \(text)")
      } catch let error as RPCError {
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("is not a time with its zone"), "\(error.message)")
      }
    }
  }

  /// 23:59 WIB on 15 December is 00:59 WITA and 01:59 WIT on the 16th: each region is told its own.
  @Test(arguments: [
    ("33.14", "2026-12-15 23:59 WIB"), ("73.71", "2026-12-16 00:59 WITA"), ("91.71", "2026-12-16 01:59 WIT"),
  ])
  func eachRegionSeesTheDeadlineInItsOwnZone(region: String, deadline: String) async throws {
    try await setWindow()
    let window = try await intake(as: .testRegency).fillingWindow(
      .init(election: .pilkada2024, region: Self.code(region))
    )
    #expect(window.closesAt?.rawValue == "2026-12-15 23:59 WIB")
    #expect(window.closesAtInRegion?.rawValue == deadline)
    #expect(window.state == .open)
  }

  @Test func theWindowOpensAndClosesWithTheClock() async throws {
    clock.set(Self.time("2026-11-30 23:59:59 WIB").instant)
    try await setWindow()
    let sragen = Intake.FillingWindowRequest(election: .pilkada2024, region: Self.code("33.14"))
    #expect(try await intake().fillingWindow(sragen).state == .notYetOpen)
    clock.set(Self.time("2026-12-01 00:00 WIB").instant)
    #expect(try await intake().fillingWindow(sragen).state == .open)
    // An operator filing at 23:59:30 WIB is still inside "pukul 23.59".
    clock.set(Self.time("2026-12-15 23:59:30 WIB").instant)
    let late = try await intake().fillingWindow(sragen)
    #expect(late.state == .open)
    #expect(late.secondsLeft == 30)
    // The same instant in Makassar is 00:59:30 WITA on the 16th, and also still open.
    #expect(
      try await intake().fillingWindow(.init(election: .pilkada2024, region: Self.code("73.71"))).state
        == .open
    )
    clock.set(Self.time("2026-12-16 00:00 WIB").instant)
    let closed = try await intake().fillingWindow(sragen)
    #expect(closed.state == .closed)
    #expect(closed.secondsLeft == nil)
  }

  @Test func aRegionOutsideTheElectionIsToldSo() async throws {
    // Kota Administrasi Jakarta Pusat had no Pilkada in 2024.
    let error = await #expect(throws: RPCError.self) {
      try await intake().fillingWindow(.init(election: .pilkada2024, region: Self.code("31.71")))
    }
    #expect(error?.code == .failedPrecondition)
    #expect(error?.message == "31.71 (Kota Administrasi Jakarta Pusat) does not take part in pilkada-2024")
    #expect(
      try await intake().fillingWindow(.init(election: .pilkada2024, region: Self.code("31"))).state
        == .notSet
    )
  }

  @Test func anExtensionKeepsOneRegionOpenAfterTheDeadline() async throws {
    try await setWindow()
    let papua = Self.code("91.71")
    let granted = try await intake().grantExtension(
      .init(
        election: .pilkada2024,
        region: papua,
        until: Self.time("2026-12-17 23:59 WIT"),
        reason: "Gangguan jaringan di Kota Jayapura"
      )
    )
    #expect(granted.extendedUntil?.rawValue == "2026-12-17 23:59 WIT")
    #expect(granted.extendedUntilInRegion?.rawValue == "2026-12-17 23:59 WIT")
    clock.set(Self.time("2026-12-16 12:00 WIB").instant)
    let extended = try await intake(as: .testRegency).fillingWindow(
      .init(election: .pilkada2024, region: papua)
    )
    #expect(extended.state == .open)
    #expect(extended.closesAtInRegion?.rawValue == "2026-12-16 01:59 WIT")
    // Until the end of 23:59 WIT on the 17th, which is 22:00 WIB: 34 hours from noon WIB on the 16th.
    #expect(extended.secondsLeft == 34 * 3600)
    // Another region is closed; the extension is not national.
    let makassar = try await intake().fillingWindow(.init(election: .pilkada2024, region: Self.code("73.71")))
    #expect(makassar.state == .closed)
    #expect(makassar.extendedUntil == nil)
    clock.set(Self.time("2026-12-18 00:00 WIT").instant)
    #expect(try await intake().fillingWindow(.init(election: .pilkada2024, region: papua)).state == .closed)
    // The trail of Jayapura shows the window and its extension; Makassar's only the window.
    let trail = try await intake(as: .testViewer).auditTrail(.init(election: .pilkada2024, region: papua))
      .events
    #expect(trail.map(\.action) == ["SetFillingWindow", "GrantExtension"])
    #expect(trail.last?.detail == "may file until 2026-12-17 23:59 WIT")
    #expect(trail.last?.reason == "Gangguan jaringan di Kota Jayapura")
    let other = try await intake().auditTrail(.init(election: .pilkada2024, region: Self.code("73.71")))
      .events
    #expect(other.map(\.action) == ["SetFillingWindow"])
  }

  @Test func extensionsAreCheckedAndOnlyForAdmins() async throws {
    let request = Intake.GrantExtensionRequest(
      election: .pilkada2024,
      region: Self.code("33.14"),
      until: Self.time("2026-12-17 23:59 WIB"),
      reason: "x"
    )
    // No window yet.
    #expect(await status { try await intake().grantExtension(request) } == .failedPrecondition)
    try await setWindow()
    for principal in [Principal.testService, .testProvince, .testRegency, .testViewer] {
      #expect(await status { try await intake(as: principal).grantExtension(request) } == .permissionDenied)
    }
    var early = request
    early.until = Self.time("2026-12-15 12:00 WIB")
    #expect(await status { try await intake().grantExtension(early) } == .invalidArgument)
    var jakarta = request
    jakarta.region = Self.code("31.71")
    #expect(await status { try await intake().grantExtension(jakarta) } == .failedPrecondition)
  }

  @Test func aTrailIsReadWithinScope() async throws {
    try await setWindow()
    let jatim = Intake.AuditTrailRequest(election: .pilkada2024, region: Self.code("35.78"))
    #expect(await status { try await intake(as: .testRegency).auditTrail(jatim) } == .permissionDenied)
    #expect(await status { try await intake(as: .testProvince).auditTrail(jatim) } == .permissionDenied)
    #expect(await status { try await intake(as: .testOtherProvince).auditTrail(jatim) } == nil)
    #expect(
      await status {
        try await intake(as: .testProvince).auditTrail(
          .init(election: .pilkada2024, region: Self.code("33.10"))
        )
      } == nil
    )
  }
}
