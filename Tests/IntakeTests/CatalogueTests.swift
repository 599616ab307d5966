import Foundation
import IPPIntake
import IPPSchema
import IPPScoring
import IntakeAPI
import RPCCore
import ScoringAPI
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// The indicator catalogue: what it holds, that it is checked, and that ipp-scoring's default
/// methodology scores exactly its indicators.
struct CatalogueTests {
  let catalogue = try! CatalogueLibrary().catalogues["pilkada-2024.catalogue-1"]!

  @Test func pilkada2024HasThirtyIndicatorsInTheFiveDimensions() async throws {
    let service = try InProcessService(IntakeService.definition)
    let served = try await Intake.Client(service.caller(as: .testRegency)).catalogue(
      .init(election: .pilkada2024)
    )
    #expect(served == catalogue)
    #expect(served.indicators.count == 30)
    #expect(
      served.dimensions.map(\.code) == ["registrasi", "pencalonan", "kampanye", "sosialisasi", "pemungutan"]
    )
    for dimension in served.dimensions {
      #expect(served.indicators.filter { $0.dimension == dimension.code }.count == 6, "\(dimension.code)")
    }
    #expect(served.indicators.contains { $0.evidence })
    #expect(served.indicators.contains { !$0.required })
    let noCatalogue = await status {
      try await Intake.Client(service.caller(as: .testRegency)).catalogue(.init(election: .pemilu2024))
    }
    #expect(noCatalogue == .failedPrecondition)
  }

  /// Every indicator filed is one the default methodology scores, in the same dimension, and the
  /// values the form accepts are values the methodology can score.
  @Test func theDefaultMethodologyScoresExactlyTheCatalogue() throws {
    let methodology = try MethodologyLibrary(directory: "/nonexistent").scorer(nil).methodology
    #expect(methodology.version == "pilkada-2024.default-2")
    let scored = Dictionary(
      uniqueKeysWithValues: methodology.dimensions.flatMap { dimension in
        dimension.indicators.map { ($0.code, (dimension: dimension.code, indicator: $0)) }
      }
    )
    #expect(Set(scored.keys) == Set(catalogue.indicators.map(\.code)))
    for indicator in catalogue.indicators {
      let entry = try #require(scored[indicator.code])
      #expect(entry.dimension == indicator.dimension, "\(indicator.code)")
      let range = indicator.minimum...indicator.maximum
      switch entry.indicator.normalisation {
      case .yesNo: #expect(indicator.type == .yesNo, "\(indicator.code)")
      case .scale1to5: #expect(indicator.type == .scale1to5, "\(indicator.code)")
      case .ratio: #expect(range.lowerBound >= 0 && range.upperBound <= 1, "\(indicator.code)")
      case .minMax(let min, let max):
        #expect(
          range.contains(min) && range.contains(max),
          "\(indicator.code): goalposts outside the form's range"
        )
      case .target(let target):
        #expect(range.contains(target), "\(indicator.code): target outside the form's range")
      }
    }
    // The extremes of every field score without error.
    let scorer = try MethodologyLibrary(directory: "/nonexistent").scorer(nil)
    for edge in [\Intake.Catalogue.Indicator.minimum, \.maximum] {
      let values = catalogue.indicators.map { IndicatorValue(indicator: $0.code, value: $0[keyPath: edge]) }
      #expect(try scorer.score(values).total != nil)
    }
  }

  @Test(arguments: [
    ("duplicate", "indicator REG-1 is listed twice"),
    ("dimension", "indicator REG-1 is in dimension nowhere, which is not listed"),
    ("percent", "indicator REG-1: the range 0.0-120.0 does not fit a percent"),
    ("scale", "indicator REG-1: the range 0.0-5.0 does not fit a scale1to5"),
    ("rule", "rule R-1 names indicator NOPE, which is not in the catalogue"),
    ("arity", "rule R-1 (between) relates 3 indicators, not 2"),
  ])
  func aBadCatalogueIsRefusedNamingTheProblem(fault: String, problem: String) {
    var bad = catalogue
    switch fault {
    case "duplicate": bad.indicators.append(bad.indicators[0])
    case "dimension": bad.indicators[0].dimension = "nowhere"
    case "percent": bad.indicators[0].maximum = 120
    case "scale":
      bad.indicators[0].type = .scale1to5
      bad.indicators[0].minimum = 0
      bad.indicators[0].maximum = 5
    case "rule": bad.rules[0].indicators[0] = "NOPE"
    default: bad.rules[0].indicators.removeLast()
    }
    #expect(throws: CatalogueError(source: "test", problem: problem)) {
      try CatalogueLibrary.check(bad, source: "test")
    }
  }
}
