internal import Foundation
internal import IntakeAPI
internal import Logging
internal import RPC
internal import ScoringAPI
internal import IPPSchema
public import RPCCore
public import ServiceRuntime

/// `ipp-intake`'s handlers: one method per RPC of ``Intake`` (regions in
/// `IntakeService+Regions.swift`, elections, filling windows and extensions in
/// `IntakeService+Elections.swift`, the audit trail in `IntakeService+AuditTrail.swift`, the
/// catalogue in `IntakeService+Catalogue.swift`, filing and verification in
/// `IntakeService+Filing.swift`, progress in `IntakeService+Progress.swift`), over intake's own
/// database, its catalogues and a clock.
public struct IntakeService: Sendable {
  /// Elections, windows and the audit trail.
  public let store: IntakeStore
  /// The indicator catalogues, by version.
  public let catalogues: CatalogueLibrary
  /// What "now" is: the system's clock, or a test's.
  public let clock: any WallClock

  public init(store: IntakeStore, catalogues: CatalogueLibrary, clock: any WallClock) {
    self.store = store
    self.catalogues = catalogues
    self.clock = clock
  }

  /// Registers every method with who may call it: reading is open to any caller with a token
  /// (scope is checked per region), setting windows and extensions to KPU RI's admins.
  public func register(in router: inout RPCRouter) {
    router.register(Intake.Method.regions, access: .authenticated, handler: regions)
    router.register(Intake.Method.elections, access: .authenticated, handler: elections)
    router.register(Intake.Method.setFillingWindow, access: .roles([.admin]), handler: setFillingWindow)
    router.register(Intake.Method.fillingWindow, access: .authenticated, handler: fillingWindow)
    router.register(Intake.Method.grantExtension, access: .roles([.admin]), handler: grantExtension)
    router.register(Intake.Method.auditTrail, access: .authenticated, handler: auditTrail)
    router.register(Intake.Method.catalogue, access: .authenticated, handler: catalogue)
    // Filing: operators (and province admins for their province's own data) save and submit;
    // provinces verify and return; KPU RI reopens. Service and viewer tokens only read.
    let filers = RPCRouter.Access.roles([.regency, .province, .admin])
    router.register(Intake.Method.saveValues, access: filers, handler: saveValues)
    router.register(Intake.Method.submit, access: filers, handler: submit)
    router.register(Intake.Method.verify, access: .roles([.province, .admin]), handler: verify)
    router.register(
      Intake.Method.returnSubmission,
      access: .roles([.province, .admin]),
      handler: returnSubmission
    )
    router.register(Intake.Method.reopen, access: .roles([.admin]), handler: reopen)
    router.register(Intake.Method.submission, access: .authenticated, handler: submission)
    router.register(Intake.Method.progress, access: .authenticated, handler: progress)
    router.register(Intake.Method.provinceSummary, access: .authenticated, handler: provinceSummary)
    router.register(Intake.Method.atRisk, access: .authenticated, handler: atRisk)
    router.register(Intake.Method.publish, access: .roles([.admin]), handler: publish)
    router.register(Intake.Method.publishQueue, access: .roles([.admin, .service]), handler: publishQueue)
  }

  /// The definition `ipp-intake`'s main runs, reading the time from `clock`. Beside the RPC
  /// server it drains the publish outbox to ipp-scoring at `scoring.address`, calling with the
  /// service token in `scoring.token_file`.
  public static func definition(clock: any WallClock) -> ServiceDefinition {
    ServiceDefinition(
      name: "ipp-intake",
      defaultRPCPort: Intake.defaultPort,
      defaultAdminPort: Intake.defaultAdminPort,
      settings: [
        ServiceSetting(
          "scoring.address",
          meaning: "ipp-scoring's HOST:PORT",
          defaultValue: "127.0.0.1:\(Scoring.defaultPort)"
        ),
        ServiceSetting(
          "scoring.token_file",
          meaning: "a file holding intake's service token for ipp-scoring"
        ),
      ],
      registerMigrations: { IntakeStore.registerMigrations(&$0) },
      registerMethods: { router, context in
        let service = IntakeService(
          store: IntakeStore(storage: context.storage),
          catalogues: try CatalogueLibrary(),
          clock: clock
        )
        service.register(in: &router)
      },
      backgroundWork: { context in
        let publisher = ScoringPublisher(
          store: IntakeStore(storage: context.storage),
          scoring: Scoring.Client(try scoringClient(context)),
          clock: clock,
          logger: context.logger
        )
        return [{ await publisher.run(every: .seconds(2)) }]
      }
    )
  }

  /// The RPC client of ipp-scoring that the settings describe.
  private static func scoringClient(_ context: ServiceContext) throws(ConfigurationError) -> RPCClient {
    let address = context.settings["scoring.address"] ?? ""
    guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
      (1...65535).contains(port), colon > address.startIndex
    else {
      throw ConfigurationError(
        key: "scoring.address",
        source: "configuration",
        problem: "\"\(address)\" is not HOST:PORT"
      )
    }
    var token: String? = nil
    // Under systemd a "scoring.token" credential (LoadCredential in a drop-in) is used unless
    // the setting names a file.
    let credential = ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"].map {
      "\($0)/scoring.token"
    }
    .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    if let path = context.settings["scoring.token_file"] ?? credential {
      do {
        token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines
        )
      } catch {
        throw ConfigurationError(
          key: "scoring.token_file",
          source: path,
          problem: "the token file cannot be read"
        )
      }
    } else {
      context.logger.warning(
        "no scoring.token_file: verified regions wait in the outbox until ipp-scoring accepts intake's calls"
      )
    }
    return RPCClient(configuration: .init(host: String(address[..<colon]), port: port, token: token))
  }

  /// The definition on the system's clock.
  public static let definition = definition(clock: SystemClock())
}
