public import IPPSchema

extension Scoring {
  /// `Score` and `Explain`: indicator values, with the methodology version to use.
  public struct ScoreRequest: Codable, Sendable {
    /// The values; an indicator not listed, or listed with no value, is missing.
    public var values: [IndicatorValue]
    /// The methodology version; nil uses the service's default.
    public var methodologyVersion: String?

    public init(values: [IndicatorValue], methodologyVersion: String? = nil) {
      self.values = values
      self.methodologyVersion = methodologyVersion
    }
  }

  /// `Categorize`: a score.
  public struct CategorizeRequest: Codable, Sendable {
    /// 0-100.
    public var score: Double
    /// The methodology whose thresholds apply; nil uses the default.
    public var methodologyVersion: String?

    public init(score: Double, methodologyVersion: String? = nil) {
      self.score = score
      self.methodologyVersion = methodologyVersion
    }
  }

  /// `Categorize`: the score's category.
  public struct CategorizeResponse: Codable, Sendable, Equatable {
    public var category: Category
    /// Its name in KPU's publications: keterlibatan, keterikatan, partisipatif.
    public var name: String

    public init(category: Category, name: String) {
      self.category = category
      self.name = name
    }
  }

  /// `Methodologies`: no fields.
  public struct MethodologiesRequest: Codable, Sendable {
    public init() {}
  }

  /// `Methodologies`: every methodology, in full, and which is the default.
  public struct MethodologiesResponse: Codable, Sendable {
    /// Every methodology the service loaded, by version.
    public var methodologies: [Methodology]
    /// The default version.
    public var defaultVersion: String

    public init(methodologies: [Methodology], defaultVersion: String) {
      self.methodologies = methodologies
      self.defaultVersion = defaultVersion
    }
  }
}
