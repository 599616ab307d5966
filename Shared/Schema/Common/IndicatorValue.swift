/// One indicator's value for a region: what intake collects and scoring scores. `value` nil (or
/// absent) means the value is missing.
public struct IndicatorValue: Codable, Sendable, Equatable {
  /// The indicator's code in the catalogue and the methodology: `REG-1`.
  public var indicator: String
  /// The raw value: a number, a ratio, 0/1 for yes/no, 1-5 for a scale.
  public var value: Double?

  /// A value for an indicator.
  public init(indicator: String, value: Double?) {
    self.indicator = indicator
    self.value = value
  }
}
