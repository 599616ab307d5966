public import Foundation
internal import IntakeAPI
internal import MonitorAPI
internal import NotifyAPI
internal import ScoringAPI
public import IPPSchema
public import ServiceRuntime

/// ipp-web's own settings, read like every service's (configuration file, `IPP_*` variable,
/// flag). The runtime's `tokens.file` and `tokens.issuer_key_file` say which tokens sign in;
/// its `rpc.*`, `admin.*` and `state.directory` keys do not apply (ipp-web serves HTTP/1.1 and
/// keeps nothing on disk).
public struct WebSettings: Sendable {
  /// The keys, with their defaults.
  public static let keys: [ServiceSetting] = [
    ServiceSetting("http.host", meaning: "an address to bind", defaultValue: "127.0.0.1"),
    ServiceSetting("http.port", meaning: "a port number (0-65535)", defaultValue: "8400"),
    ServiceSetting("intake.address", meaning: "HOST:PORT", defaultValue: "127.0.0.1:\(Intake.defaultPort)"),
    ServiceSetting("scoring.address", meaning: "HOST:PORT", defaultValue: "127.0.0.1:\(Scoring.defaultPort)"),
    ServiceSetting("monitor.address", meaning: "HOST:PORT", defaultValue: "127.0.0.1:\(Monitor.defaultPort)"),
    ServiceSetting("notify.address", meaning: "HOST:PORT", defaultValue: "127.0.0.1:\(Notify.defaultPort)"),
    ServiceSetting("session.hours", meaning: "hours a sign-in lasts, 1 to 24", defaultValue: "12"),
    ServiceSetting("session.max", meaning: "sessions kept at once, 1 to 1000000", defaultValue: "10000"),
    ServiceSetting(
      "http.secure_cookies",
      meaning: "true when browsers reach ipp-web over HTTPS (a TLS proxy in front)",
      defaultValue: "false"
    ),
    ServiceSetting("web.election", meaning: "an election id (pilkada-2024); unset: the one filling now"),
  ]

  public var host: String
  public var port: Int
  /// Where each service answers, `HOST:PORT`.
  public var intakeAddress: String
  public var scoringAddress: String
  public var monitorAddress: String
  public var notifyAddress: String
  /// How long a sign-in lasts (never past the token's own expiry).
  public var sessionLifetime: TimeInterval
  /// Sessions kept at once; signing in beyond ends the oldest.
  public var maxSessions: Int
  /// Whether the session cookie says `Secure`.
  public var secureCookies: Bool
  /// The election shown; nil shows the one whose filling window is open, else the latest.
  public var election: ElectionID?

  /// The settings from `values` (``keys``' defaults included).
  public init(_ values: [String: String]) throws(ConfigurationError) {
    let settings = SettingValues(values)
    host = values["http.host"] ?? "127.0.0.1"
    port = try settings.whole("http.port", in: 0...65535)
    intakeAddress = values["intake.address"] ?? ""
    scoringAddress = values["scoring.address"] ?? ""
    monitorAddress = values["monitor.address"] ?? ""
    notifyAddress = values["notify.address"] ?? ""
    sessionLifetime = TimeInterval(try settings.whole("session.hours", in: 1...24) * 3600)
    maxSessions = try settings.whole("session.max", in: 1...1_000_000)
    secureCookies = try settings.flag("http.secure_cookies")
    if let text = values["web.election"] {
      do {
        election = try ElectionID(text)
      } catch {
        throw settings.refuse("web.election", "\"\(text)\" is not an election id: \(error)")
      }
    }
  }
}
