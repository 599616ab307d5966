import Foundation
import IPPSchema
import IPPScoring
import RPCCore
import ScoringAPI
import ServiceTestSupport
import TestSupport
import Testing

/// Every `ipp.Scoring` method called in process, through the service's real router (CBOR both
/// ways, access checks, handlers, SQLite), as each kind of caller: who may call what, what each
/// answers, and how each refuses bad input.
struct ScoringMethodTests {
  let service: InProcessService

  init() throws {
    service = try InProcessService(ScoringService.definition)
  }

  func scoring(as principal: Principal? = .testAdmin) -> Scoring.Client<InProcessCaller> {
    Scoring.Client(service.caller(as: principal))
  }

  static let election = ElectionID.pilkada2024
  static func code(_ text: String) -> RegionCode { try! RegionCode(text) }

  func defaultMethodology() async throws -> Methodology {
    let response = try await scoring().methodologies()
    return try #require(response.methodologies.first { $0.version == response.defaultVersion })
  }

  /// Values for every indicator of the default methodology, `fraction` of the way from the worst
  /// end of each indicator's range to the best: 0 scores 0, 1 scores 100.
  func values(_ fraction: Double) async throws -> [IndicatorValue] {
    let methodology = try await defaultMethodology()
    return methodology.dimensions.flatMap(\.indicators).map { indicator in
      let higher = indicator.direction == .higherIsBetter
      let (low, high): (Double, Double) =
        switch indicator.normalisation {
        case .minMax(let min, let max): (min, max)
        case .target(let target): higher ? (0, target) : (target, 2 * target)
        case .ratio, .yesNo: (0, 1)
        case .scale1to5: (1, 5)
        }
      var value = higher ? low + (high - low) * fraction : high - (high - low) * fraction
      if case .yesNo = indicator.normalisation { value = value.rounded() }
      return IndicatorValue(indicator: indicator.code, value: value)
    }
  }

  /// Publishes values for Jawa Tengah (33), Sragen (33.14), Klaten (33.10) and Surabaya (35.78)
  /// as ipp-intake would, Sragen best and Klaten worst of the kab/kota; returns each total.
  @discardableResult
  func publishSample() async throws -> [String: Double] {
    let publisher = scoring(as: .testService)
    var totals: [String: Double] = [:]
    for (region, fraction) in [("33", 0.95), ("33.14", 0.9), ("33.10", 0.2), ("35.78", 0.6)] {
      let score = try await publisher.publish(
        .init(election: Self.election, region: Self.code(region), values: try await values(fraction))
      )
      let total = try #require(score.total)
      totals[region] = total
    }
    return totals
  }

  // MARK: Calculation methods

  @Test(arguments: [Principal.testAdmin, .testService, .testProvince, .testRegency, .testViewer])
  func anyoneWithATokenMayScore(principal: Principal) async throws {
    let score = try await scoring(as: principal).score(.init(values: try await values(1)))
    #expect(score.total == 100)
    #expect(score.category == .participatory)
    #expect(score.explanation.isEmpty)
  }

  @Test func withoutATokenOnlyHealthAnswers() async throws {
    let caller = service.caller(as: nil)
    #expect(try await Health.Client(caller).check() == "SERVING")
    #expect(await status { try await Scoring.Client(caller).score(.init(values: [])) } == .unauthenticated)
    #expect(await status { try await Scoring.Client(caller).methodologies() } == .unauthenticated)
  }

  @Test func explainSaysWhatEachIndicatorAdded() async throws {
    let score = try await scoring(as: .testViewer).explain(.init(values: try await values(0.5)))
    let methodology = try await defaultMethodology()
    #expect(score.explanation.count == methodology.dimensions.flatMap(\.indicators).count)
    let contributions = score.explanation.compactMap(\.contribution).reduce(0, +)
    #expect(abs(contributions - score.total!) < 0.01)
  }

  @Test func scoreRefusesWhatTheMethodologyDoesNotKnow() async throws {
    let client = scoring()
    let unknown = await status {
      try await client.score(.init(values: [.init(indicator: "NOPE", value: 1)]))
    }
    #expect(unknown == .invalidArgument)
    let twice = await status {
      try await client.score(
        .init(values: [.init(indicator: "PEM-1", value: 0.5), .init(indicator: "PEM-1", value: 0.6)])
      )
    }
    #expect(twice == .invalidArgument)
    let version = await status { try await client.score(.init(values: [], methodologyVersion: "2019")) }
    #expect(version == .notFound)
  }

  @Test func categorizeUsesThePublishedThresholds() async throws {
    let client = scoring(as: .testRegency)
    #expect(try await client.categorize(.init(score: 59.99)).category == .involvement)
    #expect(
      try await client.categorize(.init(score: 77.5)) == .init(category: .engagement, name: "keterikatan")
    )
    #expect(try await client.categorize(.init(score: 77.51)).name == "partisipatif")
    for score in [-1, 100.01, .nan, .infinity] {
      #expect(await status { try await client.categorize(.init(score: score)) } == .invalidArgument)
    }
  }

  @Test func methodologiesListTheDefault() async throws {
    let response = try await scoring(as: .testViewer).methodologies()
    #expect(response.defaultVersion == "pilkada-2024.default-2")
    #expect(response.methodologies.map(\.version) == ["pilkada-2024.default-1", "pilkada-2024.default-2"])
  }

  // MARK: Election-score methods

  @Test(arguments: [
    (Principal.testAdmin, nil), (.testService, nil), (.testProvince, RPCError.Code.permissionDenied),
    (.testRegency, .permissionDenied), (.testViewer, .permissionDenied),
  ])
  func onlyServicesAndAdminsPublish(principal: Principal, refusal: RPCError.Code?) async throws {
    let values = try await values(0.6)
    let result = await status {
      try await scoring(as: principal).publish(
        .init(election: Self.election, region: Self.code("33.14"), values: values)
      )
    }
    #expect(result == refusal)
  }

  @Test(arguments: [
    (#"{"election": "pilkada-2024", "region": "33.99", "values": []}"#, "33.99 is not on the official list"),
    (#"{"election": "pilkada-2024", "region": "3314", "values": []}"#, "\"3314\" is not a region code"),
    (#"{"election": "Pilkada 2024", "region": "33.14", "values": []}"#, "is not an election id"),
    (#"{"election": "pilkada-2024", "values": []}"#, "region"),
  ])
  func publishRefusesMalformedRequests(json: String, expected: String) async throws {
    // A loosely typed twin of Publish, to send what the typed request cannot hold.
    let loose = RPCMethod<[String: LooseValue], IndexScore>(
      service: "Scoring",
      name: "Publish",
      isIdempotent: true
    )
    let request = try JSONDecoder().decode([String: LooseValue].self, from: Data(json.utf8))
    do {
      _ = try await service.caller(as: .testAdmin).unary(loose, request)
      Issue.record("accepted \(json)")
    } catch let error as RPCError {
      #expect(error.code == .invalidArgument)
      #expect(error.message.contains(expected), "\(error.message)")
    }
  }

  @Test(arguments: [
    (Principal.testAdmin, "33.14", nil), (.testViewer, "33.14", nil), (.testProvince, "33.14", nil),
    (.testRegency, "33.14", nil), (.testRegency, "33.10", RPCError.Code.permissionDenied),
    (.testRegency, "33", .permissionDenied), (.testOtherProvince, "33.14", .permissionDenied),
    (.testAdmin, "33.01", .notFound),
  ])
  func regionScoreFollowsScope(principal: Principal, region: String, refusal: RPCError.Code?) async throws {
    let totals = try await publishSample()
    let result = await status {
      try await scoring(as: principal).regionScore(.init(election: Self.election, region: Self.code(region)))
    }
    #expect(result == refusal)
    if refusal == nil {
      let response = try await scoring(as: principal).regionScore(
        .init(election: Self.election, region: Self.code(region))
      )
      #expect(response.region == Self.code(region))
      #expect(response.score.total == totals[region])
    }
  }

  @Test func provinceScoresAggregateTheKabKota() async throws {
    let totals = try await publishSample()
    let response = try await scoring(as: .testProvince).provinceScores(
      .init(election: Self.election, province: Self.code("33"))
    )
    #expect(response.ownScore?.total == totals["33"])
    #expect(response.kabKotaCount == 2)
    let mean = ((totals["33.14"]! + totals["33.10"]!) / 2 * 100).rounded() / 100
    #expect(response.kabKotaAggregate == mean)
    #expect(
      response.kabKotaAggregateCategory == (try await scoring().categorize(.init(score: mean)).category)
    )
    let kabKota = await status {
      try await scoring().provinceScores(.init(election: Self.election, province: Self.code("33.14")))
    }
    #expect(kabKota == .invalidArgument)
    let otherProvince = await status {
      try await scoring(as: .testOtherProvince).provinceScores(
        .init(election: Self.election, province: Self.code("33"))
      )
    }
    #expect(otherProvince == .permissionDenied)
    let regency = await status {
      try await scoring(as: .testRegency).provinceScores(
        .init(election: Self.election, province: Self.code("33"))
      )
    }
    #expect(regency == .permissionDenied)
  }

  @Test func distributionCountsALevelNationallyOrInAProvince() async throws {
    let totals = try await publishSample()
    let client = scoring(as: .testViewer)
    let national = try await client.distribution(.init(election: Self.election, level: .kabkota))
    #expect(national.scored == 3)
    #expect(national.shares.map(\.category) == [.participatory, .engagement, .involvement])
    var expected: [Category: Int] = [:]
    for region in ["33.14", "33.10", "35.78"] {
      expected[try await scoring().categorize(.init(score: totals[region]!)).category, default: 0] += 1
    }
    #expect(national.shares.map(\.count) == national.shares.map { expected[$0.category, default: 0] })
    #expect(national.shares.map(\.percent).reduce(0, +) > 99.8)
    let jateng = try await client.distribution(
      .init(election: Self.election, level: .kabkota, province: Self.code("33"))
    )
    #expect(jateng.scored == 2)
    let provinces = try await client.distribution(.init(election: Self.election, level: .province))
    #expect(provinces.scored == 1)
    let notAProvince = await status {
      try await client.distribution(
        .init(election: Self.election, level: .kabkota, province: Self.code("33.14"))
      )
    }
    #expect(notAProvince == .invalidArgument)
    let otherElection = try await client.distribution(.init(election: .pemilu2024, level: .kabkota))
    #expect(otherElection.scored == 0)
  }

  @Test func rankingPutsTheBestFirst() async throws {
    let totals = try await publishSample()
    let ranking = try await scoring(as: .testRegency).ranking(.init(election: Self.election, level: .kabkota))
    #expect(ranking.places.map(\.region.rawValue) == ["33.14", "35.78", "33.10"])
    #expect(ranking.places.map(\.rank) == [1, 2, 3])
    #expect(ranking.places.map(\.total) == [totals["33.14"], totals["35.78"], totals["33.10"]])
    let jateng = try await scoring().ranking(
      .init(election: Self.election, level: .kabkota, province: Self.code("33"))
    )
    #expect(jateng.places.map(\.region.rawValue) == ["33.14", "33.10"])
  }

  @Test func historyKeepsEachPublishedVersionAndFollowsScope() async throws {
    let totals = try await publishSample()
    let second = try await scoring(as: .testService).publish(
      .init(election: Self.election, region: Self.code("33.14"), values: try await values(0.7))
    )
    let history = try await scoring(as: .testRegency).history(
      .init(election: Self.election, region: Self.code("33.14"))
    )
    #expect(history.entries.map(\.score.total) == [totals["33.14"], second.total])
    let other = await status {
      try await scoring(as: .testRegency).history(.init(election: Self.election, region: Self.code("33.10")))
    }
    #expect(other == .permissionDenied)
  }

  @Test func onlyAdminsRecompute() async throws {
    try await publishSample()
    let response = try await scoring().recompute(.init(election: Self.election))
    #expect(response == .init(regions: 4, newScores: 0))
    for principal in [Principal.testService, .testProvince, .testRegency, .testViewer] {
      #expect(
        await status { try await scoring(as: principal).recompute(.init(election: Self.election)) }
          == .permissionDenied
      )
    }
    let unknown = await status {
      try await scoring().recompute(.init(election: Self.election, methodologyVersion: "nope"))
    }
    #expect(unknown == .notFound)
  }

  @Test func sensitivityChecksItsBoundsAndIsRepeatable() async throws {
    try await publishSample()
    let client = scoring(as: .testViewer)
    let request = Scoring.SensitivityRequest(
      election: Self.election,
      level: .kabkota,
      runs: 50,
      perturbation: 0.2,
      seed: 9
    )
    let first = try await client.sensitivity(request)
    #expect(first.runs == 50)
    #expect(first.regions.map(\.region.rawValue) == ["33.14", "35.78", "33.10"])
    #expect(try await client.sensitivity(request) == first)
    for (runs, perturbation) in [(0, 0.2), (10_001, 0.2), (10, 0), (10, 1), (10, .nan)] {
      let refused = await status {
        try await client.sensitivity(
          .init(election: Self.election, level: .kabkota, runs: runs, perturbation: perturbation)
        )
      }
      #expect(refused == .invalidArgument, "runs \(runs), perturbation \(perturbation)")
    }
  }

  @Test func everyScoringMethodIsRegistered() {
    let registered = Set(service.router.paths.filter { $0.hasPrefix("/ipp.Scoring/") })
    #expect(
      registered == [
        "/ipp.Scoring/Score", "/ipp.Scoring/Explain", "/ipp.Scoring/Categorize", "/ipp.Scoring/Methodologies",
        "/ipp.Scoring/Publish", "/ipp.Scoring/RegionScore", "/ipp.Scoring/ProvinceScores",
        "/ipp.Scoring/Distribution", "/ipp.Scoring/Ranking", "/ipp.Scoring/History", "/ipp.Scoring/Recompute",
        "/ipp.Scoring/Sensitivity",
      ]
    )
  }

  @Test func adminsBackUpTheDatabaseWhileItServes() async throws {
    try await publishSample()
    let admin = Admin.Client(service.caller(as: .testAdmin))
    let backup = try await admin.backup()
    #expect(backup.bytes > 0)
    #expect(FileManager.default.fileExists(atPath: backup.path))
    #expect(try await admin.listBackups().backups == [backup])
    #expect(
      await status { try await Admin.Client(service.caller(as: .testViewer)).backup() } == .permissionDenied
    )
  }
}

/// A JSON value as a request field, for requests the typed messages cannot express.
enum LooseValue: Codable, Sendable {
  case text(String)
  case list([String])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      self = .text(text)
    } else {
      self = .list(try container.decode([String].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .text(let text): try container.encode(text)
    case .list(let list): try container.encode(list)
    }
  }
}
