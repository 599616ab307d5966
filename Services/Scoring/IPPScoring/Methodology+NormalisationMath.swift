internal import ScoringAPI

extension Methodology.Normalisation {
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
