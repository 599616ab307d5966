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
        max: try container.decode(Double.self, forKey: .max)
      )
    case "target": self = .target(try container.decode(Double.self, forKey: .target))
    case "ratio": self = .ratio
    case "yesNo": self = .yesNo
    case "scale1to5": self = .scale1to5
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind,
        in: container,
        debugDescription: "unknown normalisation \"\(kind)\": use minMax, target, ratio, yesNo or scale1to5"
      )
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
}
