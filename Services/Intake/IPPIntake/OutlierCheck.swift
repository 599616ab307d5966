internal import Foundation
internal import IntakeAPI
internal import IPPSchema

/// DHIS2's outlier check, with a robust spread: a value is far from its peers (the other kab/kota
/// of its province, or for a province's own data the other provinces) when its modified z-score
/// (0.6745 (x - median) / MAD) is beyond 3.5, as Iglewicz and Hoaglin advise. Only counts,
/// percentages and ratios are checked, only against at least 5 peers with some spread. An outlier
/// is accepted; the warning asks for a comment and shows the verifier what was said.
enum OutlierCheck {
  static let minimumPeers = 5
  static let threshold = 3.5

  /// The outliers among `values`, given each indicator's peer values.
  static func outliers(
    _ values: [String: Intake.Submission.Value],
    peers: [String: [Double]],
    region: RegionCode,
    in catalogue: Intake.Catalogue
  ) -> [Intake.Submission.Outlier] {
    let peerName =
      region.level == .province ? "the other provinces" : "\(region.province.region.name)'s other kab/kota"
    return catalogue.indicators.compactMap { indicator in
      guard [.count, .percent, .ratio].contains(indicator.type), let stored = values[indicator.code],
        let value = stored.value, let others = peers[indicator.code], others.count >= minimumPeers
      else { return nil }
      let median = Self.median(others)
      let spread = Self.median(others.map { abs($0 - median) })
      guard spread > 0, abs(0.6745 * (value - median) / spread) > threshold else { return nil }
      let reach = threshold * spread / 0.6745
      let usual = (max(indicator.minimum, median - reach), min(indicator.maximum, median + reach))
      let commented = !(stored.comment ?? "").trimmingCharacters(in: .whitespaces).isEmpty
      return Intake.Submission.Outlier(
        indicator: indicator.code,
        value: value,
        median: median,
        usualLow: usual.0,
        usualHigh: usual.1,
        peers: others.count,
        commented: commented,
        message:
          "\(indicator.code) = \(format(value)) is far from what \(peerName) filed (median \(format(median)), "
          + "usually \(format(usual.0)) to \(format(usual.1))): "
          + (commented ? "explained in its comment" : "check it, and if it is right say why in a comment")
      )
    }
  }

  private static func median(_ numbers: [Double]) -> Double {
    let sorted = numbers.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  private static func format(_ value: Double) -> String {
    value.rounded() == value ? String(Int64(value)) : String(format: "%.1f", value)
  }
}
