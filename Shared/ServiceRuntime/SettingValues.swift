public import Foundation

/// A service's own settings (``ServiceDefinition/settings``, defaults included) read as what each
/// must be: a value that cannot be used is a ``ConfigurationError`` naming its key, so the service
/// stops at start with one line (exit 78).
public struct SettingValues: Sendable {
  public let values: [String: String]

  public init(_ values: [String: String]) {
    self.values = values
  }

  public subscript(key: String) -> String? { values[key] }

  /// The error for `key`'s value.
  public func refuse(_ key: String, _ problem: String) -> ConfigurationError {
    ConfigurationError(key: key, source: "configuration", problem: problem)
  }

  /// A whole number in `range`.
  public func whole(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
    guard let value = Int(values[key] ?? ""), range.contains(value) else {
      let bound = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
      throw refuse(key, "\"\(values[key] ?? "")\" is not a whole number from \(range.lowerBound)\(bound)")
    }
    return value
  }

  /// A finite number no less than `lowest`.
  public func number(_ key: String, atLeast lowest: Double) throws(ConfigurationError) -> Double {
    guard let value = Double(values[key] ?? ""), value.isFinite, value >= lowest else {
      throw refuse(key, "\"\(values[key] ?? "")\" is not a number from \(lowest)")
    }
    return value
  }

  /// `true` or `false`.
  public func flag(_ key: String) throws(ConfigurationError) -> Bool {
    switch values[key] {
    case "true": return true
    case "false": return false
    default: throw refuse(key, "\"\(values[key] ?? "")\" is not true or false")
    }
  }

  /// The file `path` names, else systemd's credential `credential` when the unit loaded it, else
  /// nil: how a secret is found without ever being a value.
  public static func fileOrCredential(_ path: String?, credential: String) -> String? {
    path
      ?? ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"].map { "\($0)/\(credential)" }
      .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
  }
}
