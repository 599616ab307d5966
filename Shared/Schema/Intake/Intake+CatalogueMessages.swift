public import IPPSchema

extension Intake {
  /// `Catalogue`: which election's.
  public struct CatalogueRequest: Codable, Sendable {
    public var election: ElectionID

    public init(election: ElectionID) {
      self.election = election
    }
  }

  /// The indicators a region files for an election: what each is, how it is checked, and the
  /// rules across values. Versioned: every filed value names the catalogue version it was
  /// checked against.
  public struct Catalogue: Codable, Sendable, Equatable {
    /// What a value is.
    public enum ValueType: String, Codable, Sendable {
      /// A whole number: `3` events.
      case count
      /// A percentage, 0 to 100: `78.5`.
      case percent
      /// A ratio or a rate, a decimal number: `2.4` per 10,000 voters.
      case ratio
      /// 1 for yes, 0 for no.
      case yesNo
      /// A judgement on a scale of 1 to 5.
      case scale1to5
    }

    /// One indicator.
    public struct Indicator: Codable, Sendable, Equatable {
      /// Its code, the same in the methodology that scores it: `PEM-1`.
      public var code: String
      /// Its dimension's code: `pemungutan`.
      public var dimension: String
      /// Its name in Indonesian, as on the form.
      public var name: String
      public var type: ValueType
      /// The unit shown beside the field: `%`, `per 10.000 pemilih`, `kegiatan`.
      public var unit: String
      /// The smallest value accepted.
      public var minimum: Double
      /// The largest value accepted.
      public var maximum: Double
      /// Whether a submission needs it (a missing required value needs a reason).
      public var required: Bool
      /// How to fill it in, in Indonesian: where the figure comes from.
      public var help: String
      /// Whether the value comes with evidence (a link and a note): the qualitative indicators.
      public var evidence: Bool

      public init(
        code: String,
        dimension: String,
        name: String,
        type: ValueType,
        unit: String,
        minimum: Double,
        maximum: Double,
        required: Bool,
        help: String,
        evidence: Bool
      ) {
        self.code = code
        self.dimension = dimension
        self.name = name
        self.type = type
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.required = required
        self.help = help
        self.evidence = evidence
      }
    }

    /// A rule across values, checked when all its indicators have a value.
    public struct Rule: Codable, Sendable, Equatable {
      /// How the values relate.
      public enum Kind: String, Codable, Sendable {
        /// `indicators[0]` lies between `indicators[1]` and `indicators[2]` (either order).
        case between
        /// `indicators[0]` is at most `indicators[1]`.
        case atMost
      }

      /// Its code: `R-1`.
      public var code: String
      public var kind: Kind
      /// The indicators it relates, in the order `kind` reads them.
      public var indicators: [String]
      /// What it means, in Indonesian, for the error message.
      public var message: String

      public init(code: String, kind: Kind, indicators: [String], message: String) {
        self.code = code
        self.kind = kind
        self.indicators = indicators
        self.message = message
      }
    }

    /// `pilkada-2024.catalogue-1`.
    public var version: String
    /// What it is and where it comes from.
    public var description: String
    /// The dimensions' codes and names, in form order.
    public var dimensions: [Dimension]
    public var indicators: [Indicator]
    public var rules: [Rule]

    /// A dimension of the form.
    public struct Dimension: Codable, Sendable, Equatable {
      /// `pemungutan`.
      public var code: String
      /// `Pemungutan suara`.
      public var name: String

      public init(code: String, name: String) {
        self.code = code
        self.name = name
      }
    }

    public init(
      version: String,
      description: String,
      dimensions: [Dimension],
      indicators: [Indicator],
      rules: [Rule]
    ) {
      self.version = version
      self.description = description
      self.dimensions = dimensions
      self.indicators = indicators
      self.rules = rules
    }
  }
}
