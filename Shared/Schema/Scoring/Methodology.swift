/// How indicator values become an IPP score: the dimensions and their weights, each indicator's
/// direction, normalisation and weight, how scores are aggregated, what happens to missing data,
/// and the category thresholds. Data, not code: loaded from a versioned JSON file and validated
/// (``validate()``) before use, so a new methodology is a new file, and every score names the
/// version it used.
public struct Methodology: Codable, Sendable, Equatable {
  /// Identifies this methodology in every score computed with it: `pilkada-2024.default-1`.
  public var version: String
  /// What the version is, and where its weights come from.
  public var description: String
  /// The dimensions, with weights that add up to 1.
  public var dimensions: [Dimension]
  /// How indicator scores become a dimension score, and dimension scores a total.
  public var aggregation: Aggregation
  /// What a missing indicator value does to the score.
  public var missingData: MissingData
  /// Where the categories begin.
  public var thresholds: CategoryThresholds

  /// A methodology; check it with ``validate(source:)`` before use.
  public init(
    version: String,
    description: String,
    dimensions: [Dimension],
    aggregation: Aggregation,
    missingData: MissingData,
    thresholds: CategoryThresholds
  ) {
    self.version = version
    self.description = description
    self.dimensions = dimensions
    self.aggregation = aggregation
    self.missingData = missingData
    self.thresholds = thresholds
  }

  /// One dimension (registrasi pemilih, pencalonan, ...).
  public struct Dimension: Codable, Sendable, Equatable {
    /// A short code: `registrasi`.
    public var code: String
    /// Its name as KPU writes it.
    public var name: String
    /// Its weight in the total; the dimensions' weights add up to 1.
    public var weight: Double
    /// Its indicators, with weights that add up to 1 within the dimension.
    public var indicators: [Indicator]

    public init(code: String, name: String, weight: Double, indicators: [Indicator]) {
      self.code = code
      self.name = name
      self.weight = weight
      self.indicators = indicators
    }
  }

  /// One indicator: what is measured, which way is better, how it maps to 0-100, its weight.
  public struct Indicator: Codable, Sendable, Equatable {
    /// A code unique in the methodology: `REG-1`.
    public var code: String
    /// What it measures.
    public var name: String
    /// Whether a higher raw value is better.
    public var direction: Direction
    /// How a raw value maps to 0-100.
    public var normalisation: Normalisation
    /// Its weight within its dimension.
    public var weight: Double

    public init(
      code: String,
      name: String,
      direction: Direction,
      normalisation: Normalisation,
      weight: Double
    ) {
      self.code = code
      self.name = name
      self.direction = direction
      self.normalisation = normalisation
      self.weight = weight
    }
  }

  /// Which way is better.
  public enum Direction: String, Codable, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"
  }

  /// How a raw value maps to 0-100 (before the direction is applied, 100 is the best end).
  public enum Normalisation: Codable, Sendable, Equatable {
    /// Min-max with fixed goalposts: `min` maps to 0, `max` to 100, clamped outside.
    case minMax(min: Double, max: Double)
    /// Distance to a target: reaching `target` is 100; for higher-is-better, `value / target`;
    /// for lower-is-better, 100 at or below the target, falling to 0 at twice the target.
    case target(Double)
    /// A ratio from 0 to 1 (turnout 0.78) scaled to 0-100.
    case ratio
    /// Yes (1) is 100, no (0) is 0.
    case yesNo
    /// A 1-5 scale: 1 is 0, 5 is 100, linear between.
    case scale1to5
  }

  /// How scores are combined.
  public enum Aggregation: String, Codable, Sendable {
    /// Weighted arithmetic mean (the default): compensatory.
    case arithmetic
    /// Weighted geometric mean of (score + 1), minus 1: less compensatory, and copes with zeros.
    case geometric
  }

  /// What a missing indicator value does.
  public enum MissingData: String, Codable, Sendable {
    /// The present indicators of the dimension share its weight; a dimension with none is left
    /// out and the present dimensions share the total.
    case reweight
    /// Any missing value makes the score incomplete: no total, no category, and the list of
    /// what is missing.
    case markIncomplete = "incomplete"
  }

  /// The published category thresholds.
  public struct CategoryThresholds: Codable, Sendable, Equatable {
    /// Engagement (keterikatan) starts at this score, inclusive: 60.
    public var engagementFrom: Double
    /// Participatory (partisipatif) starts above this score: 77.5.
    public var participatoryAbove: Double

    /// KPU's published thresholds: below 60, 60 to 77.5 inclusive, above 77.5.
    public static let published = CategoryThresholds(engagementFrom: 60, participatoryAbove: 77.5)
  }
}
