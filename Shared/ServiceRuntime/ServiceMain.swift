public import GRDB
internal import NIOCore
internal import RPC
public import RPCCore
internal import IPPSchema
internal import IntakeAPI
internal import Foundation
public import Logging
internal import Metrics
internal import Prometheus
internal import ServiceLifecycle
internal import UnixSignals

/// What makes one executable a particular IPP service: its name, default ports, tables, methods,
/// its own settings and any work it does in the background.
public struct ServiceDefinition: Sendable {
  /// The executable's name: `ipp-intake`.
  public var name: String
  /// The RPC port when none is configured.
  public var defaultRPCPort: Int
  /// The admin port when none is configured.
  public var defaultAdminPort: Int
  /// Registers the service's migrations, after the runtime's own.
  public var registerMigrations: @Sendable (inout DatabaseMigrator) -> Void
  /// Registers the service's methods, given its open storage and state directory; throwing
  /// stops the service at start with the error as the reason (a bad data file, say).
  public var registerMethods: @Sendable (inout RPCRouter, ServiceContext) throws -> Void
  /// Configuration keys of the service's own, beside the runtime's.
  public var settings: [ServiceSetting]
  /// Work that runs beside the RPC server until shutdown (an outbox being drained), each until
  /// its task is cancelled; made once the methods are registered.
  public var backgroundWork: @Sendable (ServiceContext) throws -> [@Sendable () async -> Void]

  public init(
    name: String,
    defaultRPCPort: Int,
    defaultAdminPort: Int,
    settings: [ServiceSetting] = [],
    registerMigrations: @escaping @Sendable (inout DatabaseMigrator) -> Void,
    registerMethods: @escaping @Sendable (inout RPCRouter, ServiceContext) throws -> Void,
    backgroundWork: @escaping @Sendable (ServiceContext) throws -> [@Sendable () async -> Void] = { _ in [] }
  ) {
    self.name = name
    self.defaultRPCPort = defaultRPCPort
    self.defaultAdminPort = defaultAdminPort
    self.settings = settings
    self.registerMigrations = registerMigrations
    self.registerMethods = registerMethods
    self.backgroundWork = backgroundWork
  }
}

extension ServiceDefinition {
  /// Every method the service answers: `ipp.Health/Check` (open), `ipp.Admin` (admin role) and
  /// its own. What the RPC server serves, and what tests call in process.
  public func router(_ context: ServiceContext) throws -> RPCRouter {
    var router = RPCRouter()
    router.register(Health.check, access: .open, execution: .eventLoop) { _, _ in
      Health.CheckResponse(status: "SERVING")
    }
    Admin.register(
      in: &router,
      storage: context.storage,
      service: name,
      directory: "\(context.stateDirectory)/backups"
    )
    try registerMethods(&router, context)
    return router
  }

  /// The migrations of the runtime's own tables, then the service's.
  public var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    Admin.registerMigrations(&migrator)
    registerMigrations(&migrator)
    return migrator
  }
}

/// What a service's methods may use: its database, its state directory, its logger.
public struct ServiceContext: Sendable {
  /// The service's database, open and migrated.
  public let storage: ServiceStorage
  /// Where the service keeps its files.
  public let stateDirectory: String
  /// The values of the service's own settings (``ServiceDefinition/settings``), defaults included.
  public let settings: [String: String]
  /// The service's logger.
  public let logger: Logger
  /// What accepts the tokens ipp-intake issues (intake gives it its key and revocations).
  public let issuedTokens: IssuedTokenVerifier
  /// What the service's methods and background work share in this run.
  public let shelf = ServiceShelf()

  public init(
    storage: ServiceStorage,
    stateDirectory: String,
    settings: [String: String] = [:],
    logger: Logger,
    issuedTokens: IssuedTokenVerifier = IssuedTokenVerifier()
  ) {
    self.storage = storage
    self.stateDirectory = stateDirectory
    self.settings = settings
    self.logger = logger
    self.issuedTokens = issuedTokens
  }
}

/// How every IPP service starts, serves and stops: configuration, logging, metrics, database,
/// RPC and admin ports, sd_notify, and a service group that shuts down gracefully on SIGTERM.
public enum ServiceMain {
  /// Exit status for a configuration that cannot be used (sysexits' EX_CONFIG).
  static let configurationExitCode: Int32 = 78

  /// Runs the service until SIGTERM or SIGINT, then exits: 0 after a clean stop, 78 for bad
  /// configuration, 1 when it cannot start.
  public static func run(_ definition: ServiceDefinition) async -> Never {
    let environment = ProcessInfo.processInfo.environment
    let configuration: ServiceConfiguration
    let authenticator: Authenticator
    do {
      configuration = try ServiceConfiguration(
        service: definition.name,
        defaultRPCPort: definition.defaultRPCPort,
        defaultAdminPort: definition.defaultAdminPort,
        settings: definition.settings,
        arguments: Array(CommandLine.arguments.dropFirst()),
        environment: environment
      )
      authenticator = try TokenFile.load(configuration.tokensFile)
    } catch {
      FileHandle.standardError.write(Data("\(definition.name): \(error)\n".utf8))
      exit(configurationExitCode)
    }
    LoggingSystem.bootstrap { label in PlainLogHandler(label: label, level: configuration.logLevel) }
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    let logger = Logger(label: definition.name)
    do {
      try await serve(definition, configuration, authenticator, registry, logger)
      logger.notice("stopped")
      exit(0)
    } catch let error as ConfigurationError {
      logger.critical("cannot run: \(error)")
      exit(configurationExitCode)
    } catch {
      logger.critical("cannot run: \(error)")
      exit(1)
    }
  }

  private static func serve(
    _ definition: ServiceDefinition,
    _ configuration: ServiceConfiguration,
    _ authenticator: Authenticator,
    _ registry: PrometheusCollectorRegistry,
    _ logger: Logger
  ) async throws {
    let notifier = SystemdNotifier()
    notifier.status("opening the database")
    let storage = try ServiceStorage(
      directory: configuration.stateDirectory,
      name: definition.name,
      migrator: definition.migrator
    )
    defer { try? storage.close() }
    logger.info("database ready", metadata: ["ipp.path": "\(storage.path)"])

    let context = ServiceContext(
      storage: storage,
      stateDirectory: configuration.stateDirectory,
      settings: configuration.settings,
      logger: logger
    )
    var authenticator = authenticator
    authenticator.issuedTokens = context.issuedTokens
    let router = try definition.router(context)
    let feed = try revocationFeed(configuration, context)
    var rpcConfiguration = configuration.rpc
    rpcConfiguration.plainTextNotice =
      "\(definition.name): this port serves gRPC over HTTP/2 with prior knowledge (POST /ipp.<Service>/<Method>, "
      + "content-type application/grpc+cbor; try ippctl). /healthz, /readyz and /metrics are on "
      + "http://\(configuration.adminHost):\(configuration.adminPort)/."
    rpcConfiguration.listeningSocket = SocketActivation.takeRPCListener(
      from: ProcessInfo.processInfo.environment
    )
    if let descriptor = rpcConfiguration.listeningSocket {
      logger.info("serving RPC on the socket systemd passed", metadata: ["ipp.descriptor": "\(descriptor)"])
    }
    let server = RPCServer(
      configuration: rpcConfiguration,
      router: router,
      authenticator: authenticator,
      logger: logger
    )
    let rpcAddress = try await server.start()

    let stopping = StoppingFlag()
    let admin = try await AdminHTTPServer.start(
      host: configuration.adminHost,
      port: configuration.adminPort,
      readiness: {
        if stopping.isSet { return (false, "shutting down") }
        do {
          _ = try storage.pool.read { try Int.fetchOne($0, sql: "SELECT 1") }
        } catch {
          return (false, "database unavailable: \(error)")
        }
        return (true, "ready")
      },
      registry: registry
    )
    let status =
      "serving RPC on \(rpcAddress.hostAndPort), admin on \(admin.localAddress?.hostAndPort ?? "?")"
    logger.notice("\(status)")

    // Made once both ports are open: work holding a client that must be shut down (notify's
    // webhook client, monitor's prober) is never dropped unrun by a port that could not be had.
    var backgroundWork = try definition.backgroundWork(context)
    if let feed { backgroundWork.append { await feed.run(every: configuration.revocationRefresh) } }
    var services: [any Service] = [AdminHTTPService(server: admin)]
    if let interval = SystemdNotifier.watchdogInterval() {
      services.append(WatchdogService(interval: interval, notifier: notifier))
    }
    services.append(ReadinessService(status: status, notifier: notifier, stopping: stopping))
    services.append(RPCServerService(server: server, notifier: notifier))
    services += backgroundWork.map(BackgroundWorkService.init)
    let group = ServiceGroup(
      configuration: .init(
        services: services.map { .init(service: $0) },
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
      )
    )
    try await group.run()
  }

  /// When `tokens.issuer_key_file` is set: trusts that key and returns the feed of revocations
  /// from ipp-intake, starting from the list the last run kept.
  private static func revocationFeed(
    _ configuration: ServiceConfiguration,
    _ context: ServiceContext
  ) throws(ConfigurationError) -> TokenRevocationFeed<RPCClient>? {
    guard let keyFile = configuration.issuerKeyFile else { return nil }
    context.issuedTokens.trust(try TokenIssuerKey.read(keyFile))
    let intake = try PeerClient.make(
      address: configuration.intakeAddress,
      addressKey: "tokens.intake_address",
      tokenFile: configuration.intakeTokenFile,
      tokenKey: "tokens.intake_token_file",
      credential: "intake.token",
      consequence: "ipp-intake will refuse to send token revocations, and revoked tokens stay accepted",
      logger: context.logger
    )
    let feed = TokenRevocationFeed(
      verifier: context.issuedTokens,
      intake: Intake.Client(intake),
      file: "\(context.stateDirectory)/token-revocations",
      logger: context.logger
    )
    feed.loadKept()
    context.logger.info(
      "accepting tokens issued by ipp-intake",
      metadata: [
        "ipp.intake": "\(configuration.intakeAddress)", "ipp.refresh_s": "\(configuration.revocationRefresh)",
      ]
    )
    return feed
  }
}
