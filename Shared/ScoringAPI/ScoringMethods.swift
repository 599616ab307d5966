public import RPC

/// `ipp.Scoring`: the stateless methods any authenticated caller may use.
public enum ScoringMethods {
  /// Indicator values to score, with the methodology version to use (nil: the default).
  public struct ScoreRequest: Codable, Sendable {
    /// The values; an indicator not listed, or listed with no value, is missing.
    public var values: [IndicatorValue]
    /// The methodology version; nil uses the service's default.
    public var methodologyVersion: String?

    /// A request.
    public init(values: [IndicatorValue], methodologyVersion: String? = nil) {
      self.values = values
      self.methodologyVersion = methodologyVersion
    }
  }

  /// A score to categorize.
  public struct CategorizeRequest: Codable, Sendable {
    /// 0-100.
    public var score: Double
    /// The methodology whose thresholds apply; nil uses the default.
    public var methodologyVersion: String?

    /// A request.
    public init(score: Double, methodologyVersion: String? = nil) {
      self.score = score
      self.methodologyVersion = methodologyVersion
    }
  }

  /// A score's category.
  public struct CategorizeResponse: Codable, Sendable, Equatable {
    /// The category.
    public var category: IndexCategory
    /// Its name in KPU's publications: keterlibatan, keterikatan, partisipatif.
    public var name: String

    /// A value with every field given.
    public init(category: IndexCategory, name: String) {
      self.category = category
      self.name = name
    }
  }

  /// Asks which methodologies exist.
  public struct MethodologiesRequest: Codable, Sendable {
    /// A request.
    public init() {}
  }

  /// The methodologies, in full, and which is the default.
  public struct MethodologiesResponse: Codable, Sendable {
    /// Every methodology the service loaded.
    public var methodologies: [Methodology]
    /// The default version.
    public var defaultVersion: String

    /// A value with every field given.
    public init(methodologies: [Methodology], defaultVersion: String) {
      self.methodologies = methodologies
      self.defaultVersion = defaultVersion
    }
  }

  /// Values in, total, dimension scores, category and methodology version out. Stateless.
  public static let score = RPCMethod<ScoreRequest, IndexScore>(
    service: "Scoring", name: "Score", isIdempotent: true)
  /// The same as `Score`, with each indicator's raw and normalised value, weight and contribution.
  public static let explain = RPCMethod<ScoreRequest, IndexScore>(
    service: "Scoring", name: "Explain", isIdempotent: true)
  /// A score's category under a methodology's thresholds.
  public static let categorize = RPCMethod<CategorizeRequest, CategorizeResponse>(
    service: "Scoring", name: "Categorize", isIdempotent: true)
  /// The methodologies loaded.
  public static let methodologies = RPCMethod<MethodologiesRequest, MethodologiesResponse>(
    service: "Scoring", name: "Methodologies", isIdempotent: true)
}
