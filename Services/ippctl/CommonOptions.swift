internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import MonitorAPI
internal import NotifyAPI
internal import RPC
internal import RPCCore
internal import ScoringAPI

/// Where to call, with what credentials, and how to print: the options every ippctl command takes.
struct CommonOptions: ParsableArguments {
  /// The services and their default RPC ports on the local machine, from the schema's namespaces.
  static let servicePorts = [
    "intake": Intake.defaultPort, "scoring": Scoring.defaultPort, "monitor": Monitor.defaultPort,
    "notify": Notify.defaultPort,
  ]

  @Option(
    name: .shortAndLong,
    help: "intake, scoring, monitor, notify (on 127.0.0.1 and their default ports) or HOST:PORT."
  )
  var target: String?

  @Option(help: "A file holding the bearer token.")
  var tokenFile: String?

  @Option(help: "Seconds to wait for the answer.")
  var timeout: Double = 30

  @Flag(help: "Speak TLS (ALPN h2) instead of cleartext HTTP/2.")
  var tls = false

  @Option(help: "PEM file of the certificates to trust, with --tls; the system's by default.")
  var caFile: String?

  @Flag(help: "Print each response on one line (for jq or a log), not indented.")
  var compact = false

  /// A client for the target: the one given, else the service the method belongs to
  /// (`ipp.Scoring/...` goes to scoring; `ipp.Health` and `ipp.Admin` are on every service) at
  /// `$IPP_SCORING_ADDRESS` (HOST:PORT) or on 127.0.0.1 and its default port.
  func client(forService serviceName: String) throws -> RPCClient {
    let (host, port) = try address(forService: serviceName)
    var configuration = RPCClient.Configuration(host: host, port: port, token: try token())
    if tls || caFile != nil { configuration.tls = ClientTLS(trustRootsPath: caFile) }
    configuration.maxAttempts = 1
    return RPCClient(configuration: configuration)
  }

  var callOptions: CallOptions { CallOptions(timeout: .milliseconds(Int64(timeout * 1000))) }

  /// A region code given on the command line, or a usage error saying why it is not one.
  static func region(_ text: String) throws -> RegionCode {
    do {
      return try RegionCode(text)
    } catch {
      throw ValidationError("\(error)")
    }
  }

  private func address(forService serviceName: String) throws -> (String, Int) {
    let ownService = Self.servicePorts[serviceName.lowercased()] == nil ? nil : serviceName.lowercased()
    let configured = ownService.flatMap {
      ProcessInfo.processInfo.environment["IPP_\($0.uppercased())_ADDRESS"]
    }
    guard let target = target ?? configured ?? ownService else {
      throw ValidationError(
        "Say which service to call: --target scoring (or intake, monitor, notify, HOST:PORT)"
      )
    }
    if let port = Self.servicePorts[target] { return ("127.0.0.1", port) }
    guard let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]),
      (1...65535).contains(port)
    else {
      throw ValidationError(
        "--target \(target) is neither a service (intake, scoring, monitor, notify) nor HOST:PORT"
      )
    }
    return (String(target[..<colon]), port)
  }

  private func token() throws -> String? {
    let path = tokenFile ?? ProcessInfo.processInfo.environment["IPP_TOKEN_FILE"]
    guard let path else {
      let local = "var/admin.token"
      return FileManager.default.fileExists(atPath: local) ? try read(local) : nil
    }
    return try read(path)
  }

  private func read(_ path: String) throws -> String {
    do {
      return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    } catch {
      throw ValidationError("Cannot read the token file \(path): \(error.localizedDescription)")
    }
  }
}
