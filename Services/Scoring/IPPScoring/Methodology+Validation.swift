public import ScoringAPI

extension Methodology {
  /// How far a sum of weights may be from 1, for weights written with a few decimals.
  static let weightTolerance = 1e-6

  /// Checks that the methodology can be used; the error names what is wrong.
  public func validate(source: String) throws(MethodologyError) {
    func fail(_ problem: String) -> MethodologyError { MethodologyError(source: source, problem: problem) }
    guard !version.isEmpty else { throw fail("the version is empty") }
    guard !dimensions.isEmpty else { throw fail("there are no dimensions") }
    let dimensionWeights = dimensions.map(\.weight).reduce(0, +)
    guard abs(dimensionWeights - 1) <= Self.weightTolerance else {
      throw fail("the dimension weights add up to \(dimensionWeights), not 1")
    }
    var seenDimensions = Set<String>()
    var seenIndicators = Set<String>()
    for dimension in dimensions {
      guard seenDimensions.insert(dimension.code).inserted else {
        throw fail("dimension \(dimension.code) appears twice")
      }
      guard dimension.weight > 0 else {
        throw fail("dimension \(dimension.code) has weight \(dimension.weight); weights are positive")
      }
      guard !dimension.indicators.isEmpty else { throw fail("dimension \(dimension.code) has no indicators") }
      let indicatorWeights = dimension.indicators.map(\.weight).reduce(0, +)
      guard abs(indicatorWeights - 1) <= Self.weightTolerance else {
        throw fail(
          "the indicator weights of dimension \(dimension.code) add up to \(indicatorWeights), not 1"
        )
      }
      for indicator in dimension.indicators {
        guard seenIndicators.insert(indicator.code).inserted else {
          throw fail("indicator \(indicator.code) appears twice")
        }
        guard indicator.weight > 0 else {
          throw fail("indicator \(indicator.code) has weight \(indicator.weight); weights are positive")
        }
        switch indicator.normalisation {
        case .minMax(let min, let max) where !(min < max):
          throw fail(
            "indicator \(indicator.code) has goalposts min \(min) and max \(max); min must be below max"
          )
        case .target(let target) where !(target > 0):
          throw fail("indicator \(indicator.code) has target \(target); a target is positive")
        default: break
        }
      }
    }
    guard thresholds.engagementFrom > 0, thresholds.engagementFrom <= thresholds.participatoryAbove,
      thresholds.participatoryAbove < 100
    else {
      throw fail(
        "the thresholds are out of order: engagement from \(thresholds.engagementFrom), participatory above \(thresholds.participatoryAbove)"
      )
    }
  }
}
