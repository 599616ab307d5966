internal import Foundation
internal import Hummingbird
internal import IntakeAPI
internal import MonitorAPI
internal import NotifyAPI
internal import ScoringAPI
internal import UnixSignals
internal import Logging
internal import RPC
internal import ServiceLifecycle
internal import ServiceRuntime

/// How ipp-web starts, serves and stops: its settings read like every service's, the token file
/// and ipp-intake's key for signing in, one RPC connection to each service, the HTTP server in a
/// service group that drains on SIGTERM, READY=1 to systemd once it listens.
public enum WebMain {
  /// Runs until SIGTERM or SIGINT: exit 0 after a clean stop, 78 for bad configuration, 1 when it
  /// cannot start.
  public static func run() async -> Never {
    let name = "ipp-web"
    let configuration: ServiceConfiguration
    let settings: WebSettings
    var authenticator: Authenticator
    do {
      configuration = try ServiceConfiguration(
        service: name,
        defaultRPCPort: 0,
        defaultAdminPort: 0,
        settings: WebSettings.keys,
        arguments: Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment
      )
      settings = try WebSettings(configuration.settings)
      authenticator = try TokenFile.load(configuration.tokensFile)
      if let keyFile = configuration.issuerKeyFile {
        authenticator.issuedTokens = IssuedTokenVerifier(issuerKey: try TokenIssuerKey.read(keyFile))
      }
    } catch {
      FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
      exit(78)
    }
    LoggingSystem.bootstrap { label in PlainLogHandler(label: label, level: configuration.logLevel) }
    let logger = Logger(label: name)
    do {
      try await serve(settings, authenticator, logger)
      logger.notice("stopped")
      exit(0)
    } catch let error as ConfigurationError {
      logger.critical("cannot run: \(error)")
      exit(78)
    } catch {
      logger.critical("cannot run: \(error)")
      exit(1)
    }
  }

  private static func serve(
    _ settings: WebSettings,
    _ authenticator: Authenticator,
    _ logger: Logger
  ) async throws {
    let clients = ServiceClients(
      intake: try client(settings.intakeAddress, key: "intake.address"),
      scoring: try client(settings.scoringAddress, key: "scoring.address"),
      monitor: try client(settings.monitorAddress, key: "monitor.address"),
      notify: try client(settings.notifyAddress, key: "notify.address")
    )
    let site = try WebSite(
      clients: clients,
      sessions: SessionStore(lifetime: settings.sessionLifetime, capacity: settings.maxSessions),
      authenticator: authenticator,
      secureCookies: settings.secureCookies,
      election: settings.election,
      logger: logger
    )
    let notifier = SystemdNotifier()
    let application = Application(
      router: site.router(),
      configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "ipp-web"),
      onServerRunning: { channel in
        let address = channel.localAddress.map {
          "\($0.ipAddress ?? settings.host):\($0.port ?? settings.port)"
        }
        let status = "serving HTTP on \(address ?? "?")"
        logger.notice("\(status)")
        notifier.ready(status: status)
      },
      logger: logger
    )
    var services: [any Service] = [application]
    if let interval = SystemdNotifier.watchdogInterval() {
      services.append(WatchdogService(interval: interval, notifier: notifier))
    }
    let group = ServiceGroup(
      configuration: .init(
        services: services.map { .init(service: $0) },
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
      )
    )
    try await group.run()
    notifier.stopping(status: "stopped")
    for client in [
      clients.intake.caller, clients.scoring.caller, clients.monitor.caller, clients.notify.caller,
    ] {
      await client.close()
    }
  }

  /// A client of the service at `address` (`HOST:PORT`), with no token of its own: each call
  /// carries the viewer's.
  private static func client(_ address: String, key: String) throws(ConfigurationError) -> RPCClient {
    let (host, port) = try PeerClient.hostAndPort(address, key: key)
    return RPCClient(configuration: .init(host: host, port: port))
  }
}
