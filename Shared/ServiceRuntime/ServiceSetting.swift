/// A configuration key of one service's own (`scoring.address` for ipp-intake), read like the
/// runtime's keys: configuration file, `IPP_*` variable, flag.
public struct ServiceSetting: Sendable {
  /// The key: `scoring.address`.
  public var key: String
  /// What it takes, for error messages: `HOST:PORT`.
  public var meaning: String
  /// Its value when none is configured; nil for none.
  public var defaultValue: String?

  public init(_ key: String, meaning: String, defaultValue: String? = nil) {
    self.key = key
    self.meaning = meaning
    self.defaultValue = defaultValue
  }
}
