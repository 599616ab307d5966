import Foundation
import IPPScoring
import IPPSchema
import ScoringAPI
import Testing

/// Hand-computed examples for every normalisation and aggregation, the category boundaries, and
/// missing data both ways.
struct ScorerTests {
  /// A methodology of two dimensions (0.6, 0.4) with one indicator per normalisation.
  static func methodology(
    aggregation: Methodology.Aggregation = .arithmetic,
    missingData: Methodology.MissingData = .reweight
  ) -> Methodology {
    Methodology(
      version: "test-1",
      description: "test",
      dimensions: [
        .init(
          code: "a",
          name: "A",
          weight: 0.6,
          indicators: [
            .init(
              code: "MINMAX",
              name: "",
              direction: .higherIsBetter,
              normalisation: .minMax(min: 10, max: 30),
              weight: 0.5
            ),
            .init(
              code: "TARGET",
              name: "",
              direction: .higherIsBetter,
              normalisation: .target(8),
              weight: 0.25
            ),
            .init(
              code: "LOWTARGET",
              name: "",
              direction: .lowerIsBetter,
              normalisation: .target(2),
              weight: 0.25
            ),
          ]
        ),
        .init(
          code: "b",
          name: "B",
          weight: 0.4,
          indicators: [
            .init(code: "RATIO", name: "", direction: .higherIsBetter, normalisation: .ratio, weight: 0.4),
            .init(code: "YESNO", name: "", direction: .higherIsBetter, normalisation: .yesNo, weight: 0.2),
            .init(
              code: "SCALE",
              name: "",
              direction: .higherIsBetter,
              normalisation: .scale1to5,
              weight: 0.2
            ),
            .init(
              code: "LOWMINMAX",
              name: "",
              direction: .lowerIsBetter,
              normalisation: .minMax(min: 0, max: 10),
              weight: 0.2
            ),
          ]
        ),
      ],
      aggregation: aggregation,
      missingData: missingData,
      thresholds: .published
    )
  }

  static let values: [IndicatorValue] = [
    .init(indicator: "MINMAX", value: 25),  // (25-10)/20 = 75
    .init(indicator: "TARGET", value: 6),  // 6/8 = 75
    .init(indicator: "LOWTARGET", value: 3),  // 1 - (3-2)/2 = 50
    .init(indicator: "RATIO", value: 0.8),  // 80
    .init(indicator: "YESNO", value: 1),  // 100
    .init(indicator: "SCALE", value: 4),  // (4-1)/4 = 75
    .init(indicator: "LOWMINMAX", value: 2.5),  // 1 - 0.25 = 75
  ]

  @Test func eachNormalisationByHand() throws {
    let score = try Scorer(methodology: Self.methodology()).score(Self.values, explain: true)
    let normalised = Dictionary(uniqueKeysWithValues: score.explanation.map { ($0.indicator, $0.normalised) })
    #expect(
      normalised == [
        "MINMAX": 75, "TARGET": 75, "LOWTARGET": 50, "RATIO": 80, "YESNO": 100, "SCALE": 75, "LOWMINMAX": 75,
      ]
    )
  }

  @Test func weightedArithmeticMeanByHand() throws {
    let score = try Scorer(methodology: Self.methodology()).score(Self.values, explain: true)
    // a = 0.5*75 + 0.25*75 + 0.25*50 = 68.75; b = 0.4*80 + 0.2*100 + 0.2*75 + 0.2*75 = 82
    #expect(score.dimensions.map(\.score) == [68.75, 82])
    // total = 0.6*68.75 + 0.4*82 = 74.05
    #expect(score.total == 74.05)
    #expect(score.category == .engagement)
    #expect(score.methodologyVersion == "test-1")
    // Contributions add up to the total.
    #expect(abs(score.explanation.compactMap(\.contribution).reduce(0, +) - 74.05) < 1e-9)
  }

  @Test func weightedGeometricMeanByHandCopesWithZero() throws {
    let scorer = Scorer(methodology: Self.methodology(aggregation: .geometric))
    var values = Self.values
    values[4] = .init(indicator: "YESNO", value: 0)  // a zero that would sink a plain geometric mean
    let score = try scorer.score(values)
    // b = exp(0.4 ln 81 + 0.2 ln 1 + 0.2 ln 76 + 0.2 ln 76) - 1
    let b = exp(0.4 * log(81.0) + 0.2 * log(1.0) + 0.4 * log(76.0)) - 1
    let a = exp(0.5 * log(76.0) + 0.25 * log(76.0) + 0.25 * log(51.0)) - 1
    #expect(abs(score.dimensions[0].score! - a) < 1e-9)
    #expect(abs(score.dimensions[1].score! - b) < 1e-9)
    let total = exp(0.6 * log(a + 1) + 0.4 * log(b + 1)) - 1
    #expect(score.total == (total * 100).rounded() / 100)
    #expect(score.total! > 0)
  }

  @Test(arguments: [
    (59.99, Category.involvement), (60, .engagement), (77.5, .engagement), (77.51, .participatory),
    (0, .involvement), (100, .participatory), (59.994, .involvement), (59.995, .engagement),
    (77.504, .engagement),
  ])
  func categoryBoundaries(score: Double, category: Category) {
    #expect(Scorer(methodology: Self.methodology()).category(of: score) == category)
  }

  @Test func missingValuesReweightWithinTheDimension() throws {
    let values = Self.values.filter { $0.indicator != "TARGET" }
    let score = try Scorer(methodology: Self.methodology()).score(values, explain: true)
    // a = (0.5*75 + 0.25*50) / 0.75 = 66.666...; total = 0.6*66.667 + 0.4*82 = 72.8
    #expect(score.total == 72.8)
    #expect(score.missing == ["TARGET"])
    #expect(score.isComplete)
    #expect(score.explanation.first { $0.indicator == "MINMAX" }?.weight == 0.6 * 0.5 / 0.75)
  }

  @Test func aDimensionWithNoValueIsLeftOutUnderReweight() throws {
    let values = Self.values.filter { ["RATIO", "YESNO", "SCALE", "LOWMINMAX"].contains($0.indicator) }
    let score = try Scorer(methodology: Self.methodology()).score(values)
    #expect(score.dimensions[0].score == nil)
    #expect(score.total == 82)
  }

  @Test func missingValuesMarkTheScoreIncomplete() throws {
    var values = Self.values
    values[0] = .init(indicator: "MINMAX", value: nil)
    let score = try Scorer(methodology: Self.methodology(missingData: .markIncomplete)).score(values)
    #expect(!score.isComplete)
    #expect(score.total == nil)
    #expect(score.category == nil)
    #expect(score.missing == ["MINMAX"])
  }

  @Test(arguments: [
    ([IndicatorValue(indicator: "NOPE", value: 1)], "unknown indicator NOPE in methodology test-1"),
    (
      [.init(indicator: "YESNO", value: 1), .init(indicator: "YESNO", value: 0)],
      "indicator YESNO is given twice"
    ),
    ([.init(indicator: "SCALE", value: 6)], "indicator SCALE is 6.0; its normalisation takes 1.0 to 5.0"),
    ([.init(indicator: "RATIO", value: 78)], "indicator RATIO is 78.0; its normalisation takes 0.0 to 1.0"),
    ([.init(indicator: "MINMAX", value: .infinity)], "indicator MINMAX is not a finite number"),
  ])
  func badValuesAreRefused(values: [IndicatorValue], message: String) {
    #expect(throws: ScoringInputError(message: message)) {
      try Scorer(methodology: Self.methodology()).score(values)
    }
  }

  @Test func valuesOutsideTheGoalpostsAreClamped() throws {
    let score = try Scorer(methodology: Self.methodology()).score(
      [.init(indicator: "MINMAX", value: 50), .init(indicator: "RATIO", value: 0)],
      explain: true
    )
    #expect(score.explanation.first { $0.indicator == "MINMAX" }?.normalised == 100)
    #expect(score.total == 0.6 * 100 + 0.4 * 0)
  }
}
