public import Logging
internal import IntakeAPI
public import RPC
internal import Foundation

/// How one service runs: where it listens, where it keeps its state, how it logs, who may call it.
///
/// Read from, in rising precedence: the defaults, a configuration file (`--config PATH` or
/// `IPP_CONFIG`), `IPP_*` environment variables, then command-line flags. The file has one
/// `key = value` per line and `#` comments; the variable for `rpc.port` is `IPP_RPC_PORT`; the flag
/// is `--rpc.port 7401` or `--rpc.port=7401`. Secrets are never values: tokens come from the file
/// that `tokens.file` names (under systemd, a credential in `$CREDENTIALS_DIRECTORY`).
public struct ServiceConfiguration: Sendable {
  /// The RPC server: address, limits, optional TLS.
  public var rpc = RPCServer.Configuration()
  /// The admin HTTP/1.1 port's address (`/healthz`, `/readyz`, `/metrics`).
  public var adminHost = "127.0.0.1"
  /// The admin port.
  public var adminPort: Int
  /// The lowest level logged.
  public var logLevel: Logger.Level = .info
  /// Where the service keeps its database and backups.
  public var stateDirectory: String
  /// The token file: one `<sha256 hex> <role> <name> [region]` per line.
  public var tokensFile: String
  /// The values of the service's own settings, defaults included.
  public var settings: [String: String] = [:]
  /// The file with ipp-intake's public key for the tokens it issues; nil accepts only the token
  /// file's tokens (and ipp-intake, which holds the key, sets this itself).
  public var issuerKeyFile: String?
  /// Where ipp-intake answers `TokenRevocations`.
  public var intakeAddress = "127.0.0.1:\(Intake.defaultPort)"
  /// The file with this service's token for ipp-intake (else the `intake.token` credential).
  public var intakeTokenFile: String?
  /// How often the revocation list is taken from ipp-intake: the longest a revoked token is
  /// still accepted by this service while intake is up.
  public var revocationRefresh: Duration = .seconds(30)

  /// Every key, with what it takes.
  static let keys: [String: String] = [
    "rpc.host": "an address to bind", "rpc.port": "a port number (0-65535)",
    "rpc.max_connections": "a positive whole number", "rpc.max_concurrent_streams": "a positive whole number",
    "rpc.max_message_bytes": "a positive whole number", "rpc.idle_timeout": "seconds, a positive number",
    "rpc.drain_time": "seconds, a positive number", "rpc.tls_certificate": "a PEM file path",
    "rpc.tls_key": "a PEM file path", "admin.host": "an address to bind",
    "admin.port": "a port number (0-65535)",
    "log.level": "trace, debug, info, notice, warning, error or critical",
    "state.directory": "a directory path",
    "tokens.file": "a file path",
    "tokens.issuer_key_file": "a file path", "tokens.intake_address": "HOST:PORT",
    "tokens.intake_token_file": "a file path", "tokens.refresh_interval": "seconds, a positive number",
  ]

  /// The configuration of service `name`, from `arguments` (without the program name) and
  /// `environment`, over defaults of the given ports.
  public init(
    service name: String,
    defaultRPCPort: Int,
    defaultAdminPort: Int,
    settings serviceSettings: [ServiceSetting] = [],
    arguments: [String],
    environment: [String: String]
  ) throws(ConfigurationError) {
    rpc.port = defaultRPCPort
    let serviceKeys = Dictionary(uniqueKeysWithValues: serviceSettings.map { ($0.key, $0.meaning) })
    for setting in serviceSettings { settings[setting.key] = setting.defaultValue }
    adminPort = defaultAdminPort
    stateDirectory =
      environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init) ?? "var/\(name)"
    tokensFile = environment["CREDENTIALS_DIRECTORY"].map { "\($0)/tokens" } ?? "var/tokens"

    let flags = try Self.parseFlags(arguments)
    var values: [String: (value: String, source: String)] = [:]
    if let path = flags["config"]?.value ?? environment["IPP_CONFIG"] {
      for (key, entry) in try Self.readFile(path) { values[key] = entry }
    }
    for key in Array(Self.keys.keys) + Array(serviceKeys.keys) {
      let variable = "IPP_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
      if let value = environment[variable] { values[key] = (value, "environment \(variable)") }
    }
    for (key, entry) in flags where key != "config" { values[key] = entry }
    for (key, entry) in values.sorted(by: { $0.key < $1.key }) {
      if serviceKeys[key] != nil {
        guard !entry.value.isEmpty else {
          throw ConfigurationError(
            key: key,
            source: entry.source,
            problem: "\"\" is not \(serviceKeys[key]!)"
          )
        }
        settings[key] = entry.value
      } else {
        try apply(key, entry.value, source: entry.source)
      }
    }
    if let tls = rpc.tls, tls.certificateChainPath.isEmpty || tls.privateKeyPath.isEmpty {
      throw ConfigurationError(
        key: tls.certificateChainPath.isEmpty ? "rpc.tls_certificate" : "rpc.tls_key",
        source: "configuration",
        problem: "rpc.tls_certificate and rpc.tls_key go together"
      )
    }
  }

  private mutating func apply(_ key: String, _ value: String, source: String) throws(ConfigurationError) {
    func fail() -> ConfigurationError {
      ConfigurationError(
        key: key,
        source: source,
        problem: "\"\(value)\" is not \(Self.keys[key] ?? "valid")"
      )
    }
    func port() throws(ConfigurationError) -> Int {
      guard let port = Int(value), (0...65535).contains(port) else { throw fail() }
      return port
    }
    func positive() throws(ConfigurationError) -> Int {
      guard let number = Int(value), number > 0 else { throw fail() }
      return number
    }
    func seconds() throws(ConfigurationError) -> Duration {
      guard let number = Double(value), number > 0, number.isFinite else { throw fail() }
      return .milliseconds(Int64(number * 1000))
    }
    func text() throws(ConfigurationError) -> String {
      guard !value.isEmpty else { throw fail() }
      return value
    }
    switch key {
    case "rpc.host": rpc.host = try text()
    case "rpc.port": rpc.port = try port()
    case "rpc.max_connections": rpc.maxConnections = try positive()
    case "rpc.max_concurrent_streams": rpc.maxConcurrentStreams = try positive()
    case "rpc.max_message_bytes": rpc.maxMessageSize = try positive()
    case "rpc.idle_timeout": rpc.idleTimeout = try seconds()
    case "rpc.drain_time": rpc.drainTime = try seconds()
    case "rpc.tls_certificate":
      rpc.tls = ServerTLS(certificateChainPath: try text(), privateKeyPath: rpc.tls?.privateKeyPath ?? "")
    case "rpc.tls_key":
      rpc.tls = ServerTLS(
        certificateChainPath: rpc.tls?.certificateChainPath ?? "",
        privateKeyPath: try text()
      )
    case "admin.host": adminHost = try text()
    case "admin.port": adminPort = try port()
    case "log.level":
      guard let level = Logger.Level(rawValue: value.lowercased()) else { throw fail() }
      logLevel = level
    case "state.directory": stateDirectory = try text()
    case "tokens.file": tokensFile = try text()
    case "tokens.issuer_key_file": issuerKeyFile = try text()
    case "tokens.intake_address": intakeAddress = try text()
    case "tokens.intake_token_file": intakeTokenFile = try text()
    case "tokens.refresh_interval": revocationRefresh = try seconds()
    default:
      let secret = ["token", "password", "secret"].contains { key.contains($0) }
      throw ConfigurationError(
        key: key,
        source: source,
        problem: secret
          ? "there is no such setting: secrets are read from files (tokens.file), never given as values"
          : "there is no such setting"
      )
    }
  }

  private static func parseFlags(
    _ arguments: [String]
  ) throws(ConfigurationError) -> [String: (
    value: String, source: String
  )] {
    var flags: [String: (value: String, source: String)] = [:]
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      guard argument.hasPrefix("--") else {
        throw ConfigurationError(
          key: argument,
          source: "command line",
          problem: "expected a --key value flag"
        )
      }
      var key = String(argument.dropFirst(2))
      var value: String
      if let equals = key.firstIndex(of: "=") {
        value = String(key[key.index(after: equals)...])
        key = String(key[..<equals])
      } else {
        guard let next = remaining.popFirst() else {
          throw ConfigurationError(key: key, source: "flag --\(key)", problem: "the flag has no value")
        }
        value = next
      }
      flags[key] = (value, "flag --\(key)")
    }
    return flags
  }

  private static func readFile(
    _ path: String
  ) throws(ConfigurationError) -> [String: (
    value: String, source: String
  )] {
    var values: [String: (value: String, source: String)] = [:]
    for line in try CommentedLines.read(path, key: "config", what: "the file") {
      let parts = line.text.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else {
        throw ConfigurationError(
          key: line.text,
          source: "\(path):\(line.number)",
          problem: "expected key = value"
        )
      }
      let key = parts[0].trimmingCharacters(in: .whitespaces)
      values[key] = (parts[1].trimmingCharacters(in: .whitespaces), "\(path):\(line.number)")
    }
    return values
  }
}
