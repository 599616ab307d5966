public import ScoringAPI
public import IPPSchema
internal import Foundation
public import RPCCore

/// Computes index scores with one methodology. Pure and stateless: the same values give the
/// same score.
///
/// Values are placed by position (dimension, indicator) once; normalising and combining then
/// work on arrays, and the sensitivity analysis reuses the normalised values under other weights.
public struct Scorer: Sendable {
  /// The methodology applied.
  public let methodology: Methodology
  /// Where each indicator code sits.
  private let positions: [String: (dimension: Int, indicator: Int)]

  /// Weights by position: each dimension's, and each indicator's within its dimension.
  struct Weights {
    var dimensions: [Double]
    var indicators: [[Double]]
  }

  /// A combination of normalised values under some weights.
  struct Combination {
    /// Per dimension; nil when it has no value.
    var dimensionScores: [Double?]
    /// Each dimension's effective weight in the total (0 when left out).
    var dimensionWeights: [Double]
    /// Each indicator's effective weight within its dimension (0 when missing).
    var indicatorWeights: [[Double]]
    /// Rounded to two decimals; nil when incomplete or nothing was given.
    var total: Double?
    var isComplete: Bool
  }

  /// A scorer for a validated methodology.
  public init(methodology: Methodology) {
    self.methodology = methodology
    var positions: [String: (dimension: Int, indicator: Int)] = [:]
    for (dimension, entry) in methodology.dimensions.enumerated() {
      for (indicator, item) in entry.indicators.enumerated() { positions[item.code] = (dimension, indicator) }
    }
    self.positions = positions
  }

  /// The methodology's own weights.
  var weights: Weights {
    Weights(
      dimensions: methodology.dimensions.map(\.weight),
      indicators: methodology.dimensions.map { $0.indicators.map(\.weight) }
    )
  }

  /// The category of a score under this methodology's thresholds, decided on the score rounded
  /// to two decimals, as KPU publishes scores.
  public func category(of score: Double) -> Category {
    let rounded = Self.round(score)
    if rounded < methodology.thresholds.engagementFrom { return .involvement }
    if rounded <= methodology.thresholds.participatoryAbove { return .engagement }
    return .participatory
  }

  /// The score of a set of indicator values. Throws ``ScoringInputError`` for an unknown
  /// indicator, a value given twice, or a value outside what its normalisation accepts.
  public func score(_ values: [IndicatorValue], explain: Bool = false) throws(ScoringInputError) -> IndexScore
  {
    let raw = try rawValues(values)
    let normalised = normalise(raw)
    let combination = combine(normalised, weights: weights)
    var missing: [String] = []
    var explanation: [IndicatorExplanation] = []
    for (dimensionIndex, dimension) in methodology.dimensions.enumerated() {
      for (indicatorIndex, indicator) in dimension.indicators.enumerated() {
        if raw[dimensionIndex][indicatorIndex] == nil { missing.append(indicator.code) }
        guard explain else { continue }
        let weight =
          combination.indicatorWeights[dimensionIndex][indicatorIndex]
          * combination.dimensionWeights[dimensionIndex]
        let value = normalised[dimensionIndex][indicatorIndex]
        explanation.append(
          IndicatorExplanation(
            indicator: indicator.code,
            dimension: dimension.code,
            raw: raw[dimensionIndex][indicatorIndex],
            normalised: value,
            weight: weight,
            contribution: methodology.aggregation == .arithmetic && combination.isComplete
              ? value.map { $0 * weight } : nil
          )
        )
      }
    }
    return IndexScore(
      methodologyVersion: methodology.version,
      total: combination.total,
      category: combination.total.map(category(of:)),
      dimensions: methodology.dimensions.indices.map {
        DimensionScore(
          dimension: methodology.dimensions[$0].code,
          score: combination.dimensionScores[$0],
          weight: combination.dimensionWeights[$0]
        )
      },
      isComplete: combination.isComplete,
      missing: missing,
      explanation: explanation
    )
  }

  /// The raw values by position, checked; nil where missing.
  func rawValues(_ values: [IndicatorValue]) throws(ScoringInputError) -> [[Double?]] {
    var raw: [[Double?]] = methodology.dimensions.map {
      [Double?](repeating: nil, count: $0.indicators.count)
    }
    var seen = Set<String>()
    for value in values {
      guard let position = positions[value.indicator] else {
        throw ScoringInputError(
          message: "unknown indicator \(value.indicator) in methodology \(methodology.version)"
        )
      }
      guard seen.insert(value.indicator).inserted else {
        throw ScoringInputError(message: "indicator \(value.indicator) is given twice")
      }
      guard let number = value.value else { continue }
      guard number.isFinite else {
        throw ScoringInputError(message: "indicator \(value.indicator) is not a finite number")
      }
      let indicator = methodology.dimensions[position.dimension].indicators[position.indicator]
      if let range = indicator.normalisation.acceptedRange, !range.contains(number) {
        throw ScoringInputError(
          message:
            "indicator \(value.indicator) is \(number); its normalisation takes \(range.lowerBound) to \(range.upperBound)"
        )
      }
      raw[position.dimension][position.indicator] = number
    }
    return raw
  }

  /// The 0-100 score of each raw value.
  func normalise(_ raw: [[Double?]]) -> [[Double?]] {
    methodology.dimensions.indices.map { dimension in
      methodology.dimensions[dimension].indicators.indices.map { index in
        let indicator = methodology.dimensions[dimension].indicators[index]
        return raw[dimension][index].map { indicator.normalisation.score($0, direction: indicator.direction) }
      }
    }
  }

  /// Normalised values combined under `weights`, with the methodology's aggregation and
  /// missing-data rule.
  func combine(_ normalised: [[Double?]], weights: Weights) -> Combination {
    var dimensionScores: [Double?] = []
    var indicatorWeights: [[Double]] = []
    var isComplete = true
    for dimension in normalised.indices {
      let values = normalised[dimension]
      var presentWeight = 0.0
      for index in values.indices where values[index] != nil {
        presentWeight += weights.indicators[dimension][index]
      }
      if values.contains(where: { $0 == nil }) { isComplete = false }
      let effective = values.indices.map {
        values[$0] == nil ? 0 : weights.indicators[dimension][$0] / presentWeight
      }
      indicatorWeights.append(effective)
      dimensionScores.append(
        presentWeight == 0
          ? nil
          : aggregate(
            values.indices.lazy.compactMap { index in values[index].map { ($0, effective[index]) } }
          )
      )
    }
    isComplete = isComplete || methodology.missingData == .reweight
    var scoredWeight = 0.0
    for dimension in dimensionScores.indices where dimensionScores[dimension] != nil {
      scoredWeight += weights.dimensions[dimension]
    }
    let dimensionWeights = dimensionScores.indices.map {
      dimensionScores[$0] == nil ? 0 : weights.dimensions[$0] / scoredWeight
    }
    var total: Double? = nil
    if isComplete && scoredWeight > 0 {
      total = Self.round(
        aggregate(
          dimensionScores.indices.lazy.compactMap { index in
            dimensionScores[index].map { ($0, dimensionWeights[index]) }
          }
        )
      )
    }
    return Combination(
      dimensionScores: dimensionScores,
      dimensionWeights: dimensionWeights,
      indicatorWeights: indicatorWeights,
      total: total,
      isComplete: isComplete
    )
  }

  /// The weighted mean of scores whose weights add up to 1, as the methodology aggregates.
  private func aggregate(_ parts: some Sequence<(Double, Double)>) -> Double {
    switch methodology.aggregation {
    case .arithmetic:
      return parts.reduce(0) { $0 + $1.0 * $1.1 }
    case .geometric:
      return exp(parts.reduce(0) { $0 + log($1.0 + 1) * $1.1 }) - 1
    }
  }

  /// Rounds to two decimals, half away from zero.
  static func round(_ score: Double) -> Double {
    (score * 100).rounded(.toNearestOrAwayFromZero) / 100
  }
}

/// Indicator values that cannot be scored, with why: INVALID_ARGUMENT for callers.
public struct ScoringInputError: Error, Sendable, Equatable, RPCErrorConvertible {
  /// What is wrong.
  public var message: String

  public init(message: String) {
    self.message = message
  }

  public var rpcError: RPCError { RPCError(code: .invalidArgument, message: message) }
}
