import Foundation
import GRDB
import IPPSchema
import IPPScoring
import ScoringAPI
import ServiceRuntime
import TestSupport
import Testing

/// Stored scores and what is read off them: distribution, ranking, recompute, history, sensitivity.
struct ElectionScoringTests {
  /// One dimension, one ratio indicator: a region's total is its value × 100.
  static let methodology = Methodology(
    version: "ratio-1",
    description: "test",
    dimensions: [
      .init(
        code: "d",
        name: "D",
        weight: 1,
        indicators: [
          .init(code: "R", name: "", direction: .higherIsBetter, normalisation: .ratio, weight: 0.5),
          .init(code: "S", name: "", direction: .higherIsBetter, normalisation: .ratio, weight: 0.5),
        ]
      )
    ],
    aggregation: .arithmetic,
    missingData: .reweight,
    thresholds: .published
  )

  private let folder = try! TemporaryDirectory("ipp-scores")

  private func store() throws -> ScoreStore {
    var migrator = DatabaseMigrator()
    ScoreStore.registerMigrations(&migrator)
    return ScoreStore(
      storage: try ServiceStorage(directory: folder.path, name: "ipp-scoring", migrator: migrator)
    )
  }

  private let election = try! ElectionID("test-election")

  private func code(_ text: String) -> RegionCode { try! RegionCode(text) }

  private func values(_ total: Double) -> [IndicatorValue] {
    [.init(indicator: "R", value: total / 100), .init(indicator: "S", value: total / 100)]
  }

  @Test func publishedPilkada2024KabKotaDistribution() throws {
    let store = try store()
    let scorer = Scorer(methodology: Self.methodology)
    // 508 kab/kota: 24 above 77.5, 446 from 60 to 77.5, 38 below 60, as KPU published.
    let totals =
      Array(repeating: 80.0, count: 24) + Array(repeating: 70.0, count: 446)
      + Array(repeating: 50.0, count: 38)
    // Every kab/kota but DKI Jakarta's six administrative units held a Pilkada in 2024.
    let regions = Region.all.filter { $0.code.level == .kabkota && $0.code.province.rawValue != "31" }
    try #require(regions.count == 508)
    for (region, total) in zip(regions, totals) {
      try store.publish(
        election: .pilkada2024,
        region: region.code,
        values: values(total),
        score: try scorer.score(values(total))
      )
    }
    let categories = try store.latestScores(
      election: .pilkada2024,
      version: "ratio-1",
      level: .kabkota,
      within: nil
    )
    .compactMap(\.score.category)
    let distribution = ElectionAnalysis.distribution(categories)
    #expect(distribution.scored == 508)
    #expect(distribution.shares.map(\.count) == [24, 446, 38])
    #expect(distribution.shares.map(\.percent) == [4.7, 87.8, 7.5])
  }

  @Test func rankingSharesRanksOnTies() {
    let places = ElectionAnalysis.ranking([
      (code("33.14"), 80.87, .participatory), (code("35"), 80.87, .participatory),
      (code("11"), 70, .engagement),
      (code("12"), 90, .participatory),
    ])
    #expect(places.map(\.rank) == [1, 2, 2, 4])
    #expect(places.map(\.region.rawValue) == ["12", "33.14", "35", "11"])
  }

  @Test func recomputingTheSameInputsChangesNothing() throws {
    let store = try store()
    let scorer = Scorer(methodology: Self.methodology)
    #expect(
      try store.publish(
        election: election,
        region: code("33.14"),
        values: values(70),
        score: try scorer.score(values(70))
      )
    )
    #expect(
      !(try store.publish(
        election: election,
        region: code("33.14"),
        values: values(70),
        score: try scorer.score(values(70))
      ))
    )
    let inputs = try store.inputs(election: election)
    let rescored = try inputs.map { ($0.region, $0.values, try scorer.score($0.values)) }
    #expect(try store.store(election: election, scores: rescored) == 0)
    #expect(try store.history(election: election, region: code("33.14")).count == 1)
  }

  @Test func historyKeepsEveryInputAndVersion() throws {
    let store = try store()
    let scorer = Scorer(methodology: Self.methodology)
    try store.publish(
      election: election,
      region: code("33"),
      values: values(70),
      score: try scorer.score(values(70))
    )
    try store.publish(
      election: election,
      region: code("33"),
      values: values(75),
      score: try scorer.score(values(75))
    )
    var other = Self.methodology
    other.version = "ratio-2"
    let written = try store.store(
      election: election,
      scores: [(code("33"), values(75), try Scorer(methodology: other).score(values(75)))]
    )
    #expect(written == 1)
    let history = try store.history(election: election, region: code("33"))
    #expect(history.map(\.score.total) == [70, 75, 75])
    #expect(history.map(\.score.methodologyVersion) == ["ratio-1", "ratio-1", "ratio-2"])
    // The latest under a version follows the current inputs.
    #expect(
      try store.latestScores(election: election, version: "ratio-1", level: .province, within: nil).map(
        \.score.total
      ) == [75]
    )
  }

  @Test func sensitivityIsRepeatableAndBounded() throws {
    let inputs = Region.kabKota(in: code("33")).prefix(30).enumerated().map { index, region in
      (
        region: region.code,
        values: [
          IndicatorValue(indicator: "R", value: Double(index) / 30),
          .init(indicator: "S", value: Double(29 - index) / 40),
        ]
      )
    }
    let first = try ElectionAnalysis.sensitivity(
      inputs,
      methodology: Self.methodology,
      runs: 200,
      perturbation: 0.3,
      seed: 7
    )
    let second = try ElectionAnalysis.sensitivity(
      inputs,
      methodology: Self.methodology,
      runs: 200,
      perturbation: 0.3,
      seed: 7
    )
    #expect(first.regions == second.regions)
    #expect(first.regions.allSatisfy { $0.bestRank <= $0.rank && $0.rank <= $0.worstRank })
    #expect(first.regions.allSatisfy { (0...1).contains($0.categoryChangeRate) })
    // Two indicators pulling opposite ways: perturbing their weights must move some ranks.
    #expect(first.regions.contains { $0.bestRank < $0.worstRank })
  }
}
