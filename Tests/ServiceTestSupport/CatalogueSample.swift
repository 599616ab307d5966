public import IntakeAPI

extension Intake.Catalogue {
  /// A valid value for every indicator, keeping the rules across values (turnout between men's
  /// and women's, targeted socialisation within all), with evidence where the form asks for it:
  /// a region's complete filing, for tests.
  public var completeValues: [Intake.FiledValue] {
    let chosen: [String: Double] = [
      "CAL-1": 3, "CAL-3": 1, "KAM-4": 2, "PEM-1": 71, "PEM-2": 68, "PEM-3": 74, "SOS-1": 8, "SOS-4": 1,
    ]
    return indicators.map { indicator in
      let typical: Double =
        switch indicator.type {
        case .count: indicator.minimum
        case .percent: 75
        case .ratio: 2
        case .yesNo: 1
        case .scale1to5: 4
        }
      return Intake.FiledValue(
        indicator: indicator.code,
        value: chosen[indicator.code] ?? typical,
        evidence: indicator.evidence
          ? Intake.Evidence(url: "https://kpu.go.id/berita-acara/\(indicator.code)", note: "Berita acara")
          : nil
      )
    }
  }
}
