extension Methodology.Normalisation {
  private enum CodingKeys: String, CodingKey { case kind, min, max, target }

  /// Written as `{"kind": "minMax", "min": 0, "max": 100}`, `{"kind": "target", "target": 0.8}`,
  /// `{"kind": "ratio"}`, `{"kind": "yesNo"}` or `{"kind": "scale1to5"}`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "minMax":
      self = .minMax(
        min: try container.decode(Double.self, forKey: .min),
        max: try container.decode(Double.self, forKey: .max))
    case "target": self = .target(try container.decode(Double.self, forKey: .target))
    case "ratio": self = .ratio
    case "yesNo": self = .yesNo
    case "scale1to5": self = .scale1to5
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container,
        debugDescription: "unknown normalisation \"\(kind)\": use minMax, target, ratio, yesNo or scale1to5")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .minMax(let min, let max):
      try container.encode("minMax", forKey: .kind)
      try container.encode(min, forKey: .min)
      try container.encode(max, forKey: .max)
    case .target(let target):
      try container.encode("target", forKey: .kind)
      try container.encode(target, forKey: .target)
    case .ratio: try container.encode("ratio", forKey: .kind)
    case .yesNo: try container.encode("yesNo", forKey: .kind)
    case .scale1to5: try container.encode("scale1to5", forKey: .kind)
    }
  }

  /// The raw values this normalisation accepts, when it limits them.
  var acceptedRange: ClosedRange<Double>? {
    switch self {
    case .ratio: 0...1
    case .yesNo: 0...1
    case .scale1to5: 1...5
    case .minMax, .target: nil
    }
  }

  /// The 0-100 score of a raw value, 100 being best in the given direction.
  func score(_ value: Double, direction: Methodology.Direction) -> Double {
    let higherIsBetter = direction == .higherIsBetter
    let score: Double
    switch self {
    case .minMax(let min, let max):
      let position = (value - min) / (max - min)
      score = (higherIsBetter ? position : 1 - position) * 100
    case .target(let target):
      if higherIsBetter {
        score = value / target * 100
      } else {
        score = value <= target ? 100 : (1 - (value - target) / target) * 100
      }
    case .ratio:
      score = (higherIsBetter ? value : 1 - value) * 100
    case .yesNo:
      score = (higherIsBetter ? value : 1 - value) * 100
    case .scale1to5:
      let position = (value - 1) / 4
      score = (higherIsBetter ? position : 1 - position) * 100
    }
    return Swift.min(100, Swift.max(0, score))
  }
}
