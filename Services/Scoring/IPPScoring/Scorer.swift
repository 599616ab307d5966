internal import Foundation

/// Computes index scores with one methodology. Pure and stateless: the same values give the
/// same score.
public struct Scorer: Sendable {
  /// The methodology applied.
  public let methodology: Methodology

  /// A scorer for a validated methodology.
  public init(methodology: Methodology) {
    self.methodology = methodology
  }

  /// The category of a score under this methodology's thresholds, decided on the score rounded
  /// to two decimals, as KPU publishes scores.
  public func category(of score: Double) -> IndexCategory {
    let rounded = Self.round(score)
    if rounded < methodology.thresholds.engagementFrom { return .involvement }
    if rounded <= methodology.thresholds.participatoryAbove { return .engagement }
    return .participatory
  }

  /// The score of a set of indicator values. Throws ``ScoringInputError`` for an unknown
  /// indicator, a value given twice, or a value outside what its normalisation accepts.
  public func score(_ values: [IndicatorValue], explain: Bool = false) throws(ScoringInputError) -> IndexScore
  {
    var raw: [String: Double] = [:]
    for value in values {
      guard let (_, indicator) = methodology.indicator(value.indicator) else {
        throw ScoringInputError(
          message: "unknown indicator \(value.indicator) in methodology \(methodology.version)")
      }
      guard raw[value.indicator] == nil else {
        throw ScoringInputError(message: "indicator \(value.indicator) is given twice")
      }
      guard let number = value.value else { continue }
      guard number.isFinite else {
        throw ScoringInputError(message: "indicator \(value.indicator) is not a finite number")
      }
      if let range = indicator.normalisation.acceptedRange, !range.contains(number) {
        throw ScoringInputError(
          message:
            "indicator \(value.indicator) is \(number); its normalisation takes \(range.lowerBound) to \(range.upperBound)"
        )
      }
      raw[value.indicator] = number
    }

    var missing: [String] = []
    var dimensionScores:
      [(dimension: Methodology.Dimension, score: Double?, indicatorWeights: [String: Double])] = []
    for dimension in methodology.dimensions {
      let present = dimension.indicators.filter { raw[$0.code] != nil }
      missing += dimension.indicators.filter { raw[$0.code] == nil }.map(\.code)
      let presentWeight = present.map(\.weight).reduce(0, +)
      var weights: [String: Double] = [:]
      for indicator in present { weights[indicator.code] = indicator.weight / presentWeight }
      let parts = present.map {
        (indicator: $0, score: $0.normalisation.score(raw[$0.code]!, direction: $0.direction))
      }
      let score = parts.isEmpty ? nil : aggregate(parts.map { ($0.score, weights[$0.indicator.code]!) })
      dimensionScores.append((dimension, score, weights))
    }

    let isComplete = missing.isEmpty || methodology.missingData == .reweight
    let scored = dimensionScores.filter { $0.score != nil }
    let scoredWeight = scored.map(\.dimension.weight).reduce(0, +)
    let dimensionWeight: (Methodology.Dimension) -> Double = { dimension in
      scored.contains { $0.dimension.code == dimension.code } ? dimension.weight / scoredWeight : 0
    }
    var total: Double? = nil
    if isComplete && !scored.isEmpty {
      total = Self.round(aggregate(scored.map { ($0.score!, dimensionWeight($0.dimension)) }))
    }

    var explanation: [IndicatorExplanation] = []
    if explain {
      for (dimension, _, weights) in dimensionScores {
        for indicator in dimension.indicators {
          let normalised = raw[indicator.code].map {
            indicator.normalisation.score($0, direction: indicator.direction)
          }
          let weight = (weights[indicator.code] ?? 0) * dimensionWeight(dimension)
          explanation.append(
            IndicatorExplanation(
              indicator: indicator.code, dimension: dimension.code, raw: raw[indicator.code],
              normalised: normalised,
              weight: weight,
              contribution: methodology.aggregation == .arithmetic && isComplete
                ? normalised.map { $0 * weight } : nil))
        }
      }
    }
    return IndexScore(
      methodologyVersion: methodology.version, total: total, category: total.map(category(of:)),
      dimensions: dimensionScores.map {
        DimensionScore(dimension: $0.dimension.code, score: $0.score, weight: dimensionWeight($0.dimension))
      },
      isComplete: isComplete, missing: missing, explanation: explanation)
  }

  /// The weighted mean of scores whose weights add up to 1, as the methodology aggregates.
  private func aggregate(_ parts: [(score: Double, weight: Double)]) -> Double {
    switch methodology.aggregation {
    case .arithmetic:
      return parts.map { $0.score * $0.weight }.reduce(0, +)
    case .geometric:
      return exp(parts.map { log($0.score + 1) * $0.weight }.reduce(0, +)) - 1
    }
  }

  /// Rounds to two decimals, half away from zero.
  static func round(_ score: Double) -> Double {
    (score * 100).rounded(.toNearestOrAwayFromZero) / 100
  }
}

/// Indicator values that cannot be scored, with why: INVALID_ARGUMENT for callers.
public struct ScoringInputError: Error, Sendable, Equatable {
  /// What is wrong.
  public var message: String

  /// An error saying `message`.
  public init(message: String) {
    self.message = message
  }
}
