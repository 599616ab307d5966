public import IPPSchema

/// How one indicator counted in a score.
public struct IndicatorExplanation: Codable, Sendable, Equatable {
  /// The indicator's code.
  public var indicator: String
  /// Its dimension's code.
  public var dimension: String
  /// The raw value; nil when missing.
  public var raw: Double?
  /// The 0-100 score of the raw value; nil when missing.
  public var normalised: Double?
  /// Its weight in the total after any re-weighting: indicator weight times dimension weight.
  public var weight: Double
  /// Points it added to the total (weighted arithmetic aggregation only).
  public var contribution: Double?

  public init(
    indicator: String,
    dimension: String,
    raw: Double? = nil,
    normalised: Double? = nil,
    weight: Double,
    contribution: Double? = nil
  ) {
    self.indicator = indicator
    self.dimension = dimension
    self.raw = raw
    self.normalised = normalised
    self.weight = weight
    self.contribution = contribution
  }
}

/// A dimension's score.
public struct DimensionScore: Codable, Sendable, Equatable {
  /// The dimension's code.
  public var dimension: String
  /// 0-100; nil when the dimension has no value at all.
  public var score: Double?
  /// Its weight in the total after any re-weighting.
  public var weight: Double

  public init(dimension: String, score: Double? = nil, weight: Double) {
    self.dimension = dimension
    self.score = score
    self.weight = weight
  }
}

/// A computed index: total, category, dimension scores, and the methodology that made it.
public struct IndexScore: Codable, Sendable, Equatable {
  /// The methodology version used.
  public var methodologyVersion: String
  /// 0-100, rounded to two decimals as KPU publishes; nil when incomplete.
  public var total: Double?
  /// The category of the rounded total; nil when incomplete.
  public var category: Category?
  /// Per dimension.
  public var dimensions: [DimensionScore]
  /// False when the methodology marks missing data incomplete and some value is missing.
  public var isComplete: Bool
  /// Indicators with no value.
  public var missing: [String]
  /// Per indicator, for `Explain`; empty in a plain `Score`.
  public var explanation: [IndicatorExplanation]

  public init(
    methodologyVersion: String,
    total: Double? = nil,
    category: Category? = nil,
    dimensions: [DimensionScore],
    isComplete: Bool,
    missing: [String],
    explanation: [IndicatorExplanation]
  ) {
    self.methodologyVersion = methodologyVersion
    self.total = total
    self.category = category
    self.dimensions = dimensions
    self.isComplete = isComplete
    self.missing = missing
    self.explanation = explanation
  }
}
