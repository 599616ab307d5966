import Foundation
import IPPIntake
import IPPSchema
import IntakeAPI
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// Filing through intake's real router in process: drafts, submission, verification, return,
/// reopening; every check on values; scope; retries; the window.
struct FilingTests {
  let clock = ManualClock(try! ZonedTime("2026-12-10 10:00 WIB").instant)
  let service: InProcessService
  let catalogue = try! CatalogueLibrary().catalogues["pilkada-2024.catalogue-1"]!

  init() async throws {
    service = try InProcessService(IntakeService.definition(clock: clock))
    _ = try await Intake.Client(service.caller(as: .testAdmin)).setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: try ZonedTime("2026-12-01 00:00 WIB"),
        closesAt: try ZonedTime("2026-12-15 23:59 WIB"),
        reason: "Surat Dinas KPU RI"
      )
    )
  }

  static let sragen = try! RegionCode("33.14")
  static let makassar = try! RegionCode("73.71")
  static let makassarOperator = Principal(name: "makassar.operator", role: .regency, scope: "73.71")

  func intake(as principal: Principal? = .testRegency) -> Intake.Client<InProcessCaller> {
    Intake.Client(service.caller(as: principal))
  }

  var completeValues: [Intake.FiledValue] { catalogue.completeValues }

  func save(
    _ values: [Intake.FiledValue],
    as principal: Principal = .testRegency,
    region: RegionCode = sragen
  )
    async throws -> Intake.Submission
  {
    try await intake(as: principal).saveValues(
      .init(election: .pilkada2024, region: region, requestID: UUID().uuidString, values: values)
    )
  }

  func transition(_ region: RegionCode = sragen, comment: String? = nil) -> Intake.TransitionRequest {
    .init(election: .pilkada2024, region: region, requestID: UUID().uuidString, comment: comment)
  }

  @Test func aRegionFilesIsVerifiedAndReopened() async throws {
    let draft = try await save(completeValues)
    #expect(draft.state == .draft)
    #expect(draft.values.count == 30)
    #expect(draft.missingRequired.isEmpty && draft.ruleViolations.isEmpty)
    #expect(draft.catalogue == "pilkada-2024.catalogue-1")
    #expect(try await intake().submit(transition()).state == .submitted)
    // Submitted values are locked for the operator.
    #expect(await status { try await save([.init(indicator: "PEM-1", value: 70)]) } == .failedPrecondition)
    #expect(try await intake(as: .testProvince).verify(transition()).state == .verified)
    let locked = await #expect(throws: RPCError.self) {
      try await save([.init(indicator: "PEM-1", value: 70)])
    }
    #expect(locked?.message == "33.14's values are verified and locked; a KPU RI admin may reopen them")
    // Only KPU RI reopens, and says why.
    #expect(
      await status { try await intake(as: .testProvince).reopen(transition(comment: "x")) }
        == .permissionDenied
    )
    #expect(await status { try await intake(as: .testAdmin).reopen(transition()) } == .invalidArgument)
    let reopened = try await intake(as: .testAdmin).reopen(transition(comment: "Koreksi data DPT"))
    #expect(reopened.state == .draft)
    #expect(reopened.lastComment == "Koreksi data DPT")
    let trail = try await intake().auditTrail(.init(election: .pilkada2024, region: Self.sragen)).events
    #expect(
      trail.map(\.action) == [
        "SetFillingWindow", "draft -> submitted", "submitted -> verified", "verified -> draft",
      ]
    )
    #expect(trail.map(\.principal) == ["kpu-ri.admin", "sragen.operator", "jateng.admin", "kpu-ri.admin"])
  }

  @Test func aReturnedSubmissionComesBackWithWhatToFix() async throws {
    _ = try await save(completeValues)
    _ = try await intake().submit(transition())
    #expect(
      await status { try await intake(as: .testProvince).returnSubmission(transition()) } == .invalidArgument
    )
    let returned = try await intake(as: .testProvince).returnSubmission(
      transition(comment: "KAM-1 terlalu tinggi, periksa laporan")
    )
    #expect(returned.state == .returned)
    #expect(returned.lastComment == "KAM-1 terlalu tinggi, periksa laporan")
    let fixed = try await save([.init(indicator: "KAM-1", value: 4, comment: "Diperbaiki sesuai laporan")])
    #expect(fixed.state == .returned)
    #expect(try await intake().submit(transition()).state == .submitted)
  }

  @Test func aDraftMaySaveSomeValuesButSubmittingNeedsEveryRequiredOne() async throws {
    let partial = try await save(Array(completeValues.prefix(3)))
    #expect(partial.state == .draft)
    #expect(partial.values.map(\.indicator) == ["REG-1", "REG-2", "REG-3"])
    #expect(partial.missingRequired.count == catalogue.indicators.filter(\.required).count - 3)
    let refused = await #expect(throws: RPCError.self) { try await intake().submit(transition()) }
    #expect(refused?.code == .failedPrecondition)
    #expect(refused?.message.hasPrefix("Fill in or give a reason for: REG-4, REG-5, REG-6, CAL-1") == true)
    // A required value may be missing with a reason; evidence is asked where the form asks for it.
    var values = completeValues
    values[0] = .init(indicator: "REG-1", value: nil, missingReason: "DP4 belum diterima dari Dukcapil")
    values[2].evidence = nil
    let almost = try await save(values)
    #expect(almost.missingRequired == ["REG-3 (evidence)"])
    values[2].evidence = .init(url: "https://kab-sragen.kpu.go.id/coklit", note: "Rekap coklit")
    _ = try await save(values)
    #expect(try await intake().submit(transition()).state == .submitted)
  }

  @Test(arguments: [
    (
      Intake.FiledValue(indicator: "PEM-1", value: 120),
      "PEM-1 = 120: Partisipasi pemilih is a percentage from 0 to 100"
    ),
    (
      .init(indicator: "CAL-1", value: 2.5),
      "CAL-1 = 2.5: Jumlah pasangan calon is a whole number from 1 to 10"
    ),
    (.init(indicator: "REG-3", value: 2), "REG-3 = 2: Coklit selesai tepat waktu is 1 for yes or 0 for no"),
    (
      .init(indicator: "REG-6", value: 6),
      "REG-6 = 6: Kualitas pemutakhiran data pemilih (penilaian 1-5) is a whole number from 1 to 5"
    ),
    (.init(indicator: "NOPE", value: 1), "NOPE is not an indicator of catalogue pilkada-2024.catalogue-1"),
    (
      .init(indicator: "CAL-2", value: 1, missingReason: "x"),
      "CAL-2 has both a value and a reason it is missing"
    ),
    (
      .init(indicator: "PEM-1", value: 70, evidence: .init(url: "https://x.id", note: "")),
      "PEM-1 takes no evidence"
    ),
    (
      .init(indicator: "KAM-2", value: 1, evidence: .init(url: "javascript:alert(1)", note: "")),
      "KAM-2: evidence is an http(s) link of at most 2,000 characters and a note of at most 1,000"
    ),
  ])
  func aBadValueIsRefusedNamingTheIndicatorTheValueAndTheRule(
    value: Intake.FiledValue,
    message: String
  ) async throws {
    let error = await #expect(throws: RPCError.self) { try await save([value]) }
    #expect(error?.code == .invalidArgument)
    #expect(error?.message == message)
    #expect(try IntakeStore(storage: service.storage).revisionCount(.pilkada2024, region: Self.sragen) == 0)
  }

  @Test func everyProblemIsNamedAtOnce() async throws {
    let error = await #expect(throws: RPCError.self) {
      try await save([
        .init(indicator: "PEM-1", value: -1), .init(indicator: "PEM-1", value: 2),
        .init(indicator: "X", value: 1),
      ])
    }
    #expect(
      error?.message
        == "PEM-1 = -1: Partisipasi pemilih is a percentage from 0 to 100; PEM-1 is given twice; X is not an indicator of catalogue pilkada-2024.catalogue-1"
    )
  }

  @Test func aBrokenRuleAcrossValuesStopsTheSubmission() async throws {
    var values = completeValues
    values[values.firstIndex { $0.indicator == "PEM-1" }!].value = 90
    let draft = try await save(values)
    #expect(draft.ruleViolations.count == 1)
    let error = await #expect(throws: RPCError.self) { try await intake().submit(transition()) }
    #expect(error?.code == .failedPrecondition)
    #expect(error?.message.hasPrefix("R-1: Partisipasi pemilih keseluruhan (PEM-1) berada di antara") == true)
  }

  @Test(arguments: [
    (Principal.testRegency, "33.10"), (.testProvince, "33.14"), (.testService, "33.14"),
    (.testViewer, "33.14"),
    (.testOtherProvince, "33"),
  ])
  func filingOutsideOnesOwnRegionIsRefused(principal: Principal, region: String) async throws {
    let code = await status {
      try await save([.init(indicator: "PEM-1", value: 70)], as: principal, region: try RegionCode(region))
    }
    #expect(code == .permissionDenied)
  }

  @Test func aProvinceFilesItsOwnDataAndVerifiesOnlyItsKabKota() async throws {
    let jateng = try RegionCode("33")
    var values = completeValues
    values.removeAll { $0.indicator == "CAL-1" }
    _ = try await save(values + [.init(indicator: "CAL-1", value: 2)], as: .testProvince, region: jateng)
    #expect(try await intake(as: .testProvince).submit(transition(jateng)).state == .submitted)
    // The province's own data is verified by KPU RI, not by itself.
    #expect(
      await status { try await intake(as: .testProvince).verify(transition(jateng)) } == .permissionDenied
    )
    #expect(try await intake(as: .testAdmin).verify(transition(jateng)).state == .verified)
    _ = try await save(completeValues)
    _ = try await intake().submit(transition())
    #expect(
      await status { try await intake(as: .testOtherProvince).verify(transition()) } == .permissionDenied
    )
    #expect(await status { try await intake(as: .testRegency).verify(transition()) } == .permissionDenied)
  }

  @Test func aRetryWithTheSameRequestIDWritesNothingTwice() async throws {
    let request = Intake.SaveValuesRequest(
      election: .pilkada2024,
      region: Self.sragen,
      requestID: "retry-1",
      values: Array(completeValues.prefix(5))
    )
    let first = try await intake().saveValues(request)
    clock.advance(by: 30)
    let second = try await intake().saveValues(request)
    #expect(second == first)
    let store = IntakeStore(storage: service.storage)
    #expect(try store.revisionCount(.pilkada2024, region: Self.sragen) == 5)
    var other = request
    other.values = [.init(indicator: "PEM-1", value: 10)]
    let reused = await #expect(throws: RPCError.self) { try await intake().saveValues(other) }
    #expect(reused?.code == .invalidArgument)
    // Saving the same values under a new id changes nothing, so no new revision.
    var again = request
    again.requestID = "retry-2"
    _ = try await intake().saveValues(again)
    #expect(try store.revisionCount(.pilkada2024, region: Self.sragen) == 5)
    // Each change is one revision.
    _ = try await save([.init(indicator: "REG-1", value: 90)])
    #expect(try store.revisionCount(.pilkada2024, region: Self.sragen) == 6)
  }

  @Test func afterTheDeadlineFilingIsRefusedUnlessTheRegionHasAnExtension() async throws {
    clock.set(try ZonedTime("2026-12-16 00:30 WIB").instant)
    let error = await #expect(throws: RPCError.self) {
      try await save([.init(indicator: "PEM-1", value: 70)], as: Self.makassarOperator, region: Self.makassar)
    }
    #expect(error?.code == .failedPrecondition)
    #expect(
      error?.message
        == "Filling for pilkada-2024 closed at 2026-12-16 00:59 WITA for 73.71 (Kota Makassar); ask KPU RI for an extension"
    )
    _ = try await intake(as: .testAdmin).grantExtension(
      .init(
        election: .pilkada2024,
        region: Self.makassar,
        until: try ZonedTime("2026-12-17 12:00 WITA"),
        reason: "Banjir"
      )
    )
    let saved = try await save(
      [.init(indicator: "PEM-1", value: 70)],
      as: Self.makassarOperator,
      region: Self.makassar
    )
    #expect(saved.state == .draft)
    // Sragen has no extension.
    #expect(await status { try await save([.init(indicator: "PEM-1", value: 70)]) } == .failedPrecondition)
  }

  @Test func aSubmissionIsReadWithinScope() async throws {
    _ = try await save(Array(completeValues.prefix(2)))
    let read = try await intake(as: .testProvince).submission(
      .init(election: .pilkada2024, region: Self.sragen)
    )
    #expect(read.values.map(\.changedBy) == ["sragen.operator", "sragen.operator"])
    #expect(read.values.first?.changedAt == clock.now)
    #expect(
      await status {
        try await intake(as: .testOtherProvince).submission(
          .init(election: .pilkada2024, region: Self.sragen)
        )
      } == .permissionDenied
    )
    #expect(
      try await intake(as: .testViewer).submission(.init(election: .pilkada2024, region: Self.makassar)).state
        == .notStarted
    )
  }
}

/// DHIS2's outlier check: a value far from the province's other kab/kota is accepted with a
/// warning that asks for a comment, and the comment is shown to the verifier.
struct OutlierTests {
  let filing: FilingTests

  init() async throws {
    filing = try await FilingTests()
  }

  /// Six other Jawa Tengah kab/kota file turnout (PEM-1) between 68 and 76.
  func fileTheNeighbours(count: Int = 6) async throws {
    let neighbours = ["33.01", "33.02", "33.03", "33.04", "33.05", "33.06"].prefix(count)
    for (index, code) in neighbours.enumerated() {
      var values = filing.completeValues
      values[values.firstIndex { $0.indicator == "PEM-1" }!].value = 68 + Double(index) * 1.6
      _ = try await filing.save(values, as: .testAdmin, region: try RegionCode(code))
    }
  }

  func sragenWithTurnout(_ turnout: Double, comment: String? = nil) -> [Intake.FiledValue] {
    var values = filing.completeValues
    let index = values.firstIndex { $0.indicator == "PEM-1" }!
    values[index].value = turnout
    values[index].comment = comment
    // Men's and women's turnout around it, as rule R-1 asks.
    values[values.firstIndex { $0.indicator == "PEM-2" }!].value = turnout - 2
    values[values.firstIndex { $0.indicator == "PEM-3" }!].value = turnout + 2
    return values
  }

  @Test func aValueFarFromTheProvinceIsAcceptedWithAWarning() async throws {
    try await fileTheNeighbours()
    let saved = try await filing.save(sragenWithTurnout(12))
    let outlier = try #require(saved.outliers?.first)
    #expect(saved.outliers?.count == 1)
    #expect(outlier.indicator == "PEM-1" && outlier.value == 12 && outlier.peers == 6)
    #expect(outlier.usualLow > 12 && outlier.usualLow < 72 && outlier.usualHigh > 72)
    #expect(!outlier.commented)
    #expect(outlier.message.contains("Jawa Tengah's other kab/kota"))
    #expect(outlier.message.contains("say why in a comment"))

    let explained = try await filing.save(sragenWithTurnout(12, comment: "Banjir: TPS dipindah"))
    #expect(explained.outliers?.first?.commented == true)
    // Accepted: the region submits with it.
    #expect(try await filing.intake().submit(filing.transition()).state == .submitted)
    let seenByProvince = try await filing.intake(as: .testProvince).submission(
      .init(election: .pilkada2024, region: FilingTests.sragen)
    )
    #expect(seenByProvince.outliers?.first?.commented == true)
  }

  @Test func usualValuesAndTooFewPeersGiveNoWarning() async throws {
    try await fileTheNeighbours(count: 4)
    #expect(try await filing.save(sragenWithTurnout(12)).outliers == [])
    try await fileTheNeighbours()
    #expect(try await filing.save(sragenWithTurnout(73)).outliers == [])
  }
}
