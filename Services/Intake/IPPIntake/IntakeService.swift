internal import CBOR
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
  /// Signs the tokens intake issues and keeps its own server's revocation list.
  public let tokens: TokenIssuer

  public init(store: IntakeStore, catalogues: CatalogueLibrary, clock: any WallClock, tokens: TokenIssuer) {
    self.store = store
    self.catalogues = catalogues
    self.clock = clock
    self.tokens = tokens
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
    // The file is one string: as large as the message may be, not the usual 1 MiB per string.
    var wholeFile = CBORLimits.default
    wholeFile.maxStringLength = wholeFile.maxInputSize
    router.register(Intake.Method.importCSV, access: filers, requestLimits: wholeFile, handler: importCSV)
    router.register(Intake.Method.exportCSV, access: .authenticated, handler: exportCSV)
    let tokenManagers = RPCRouter.Access.roles([.admin, .province])
    router.register(Intake.Method.issueToken, access: tokenManagers, handler: issueToken)
    router.register(Intake.Method.listTokens, access: tokenManagers, handler: listTokens)
    router.register(Intake.Method.rotateToken, access: tokenManagers, handler: rotateToken)
    router.register(Intake.Method.revokeToken, access: tokenManagers, handler: revokeToken)
    router.register(
      Intake.Method.tokenRevocations,
      access: .roles([.service, .admin]),
      handler: tokenRevocations
    )
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
        ServiceSetting(
          "tokens.signing_key_file",
          meaning: "the file with the private key intake signs tokens with (made if missing)"
        ),
      ],
      registerMigrations: { IntakeStore.registerMigrations(&$0) },
      registerMethods: { router, context in
        try service(context, clock: clock).register(in: &router)
      },
      backgroundWork: { context in
        let publisher = ScoringPublisher(
          store: IntakeStore(storage: context.storage),
          scoring: Scoring.Client(try scoringClient(context)),
          clock: clock,
          logger: context.logger
        )
        let service = try service(context, clock: clock)
        return [
          { await publisher.run(every: .seconds(2)) },
          { await service.recordTokenUse(every: .seconds(30), logger: context.logger) },
        ]
      }
    )
  }

  /// The service over `context`'s database, with the token key from its settings (the revocation
  /// list loaded from the database into the context's verifier).
  private static func service(_ context: ServiceContext, clock: any WallClock) throws -> IntakeService {
    let store = IntakeStore(storage: context.storage)
    let issuer = try TokenIssuer(
      keyFile: context.settings["tokens.signing_key_file"] ?? "\(context.stateDirectory)/token-signing.key",
      publicKeyFile: "\(context.stateDirectory)/token-issuer.pub",
      verifier: context.issuedTokens
    )
    context.issuedTokens.replaceRevocations(try store.revokedTokens(at: clock.now))
    return IntakeService(store: store, catalogues: try CatalogueLibrary(), clock: clock, tokens: issuer)
  }

  /// Writes when tokens were last used to the database every `interval`, and once more when
  /// cancelled.
  func recordTokenUse(every interval: Duration, logger: Logger) async {
    while !Task.isCancelled {
      try? await Task.sleep(for: interval)
      do {
        try recordOwnTokenUse()
      } catch {
        logger.error("token use cannot be recorded", metadata: ["ipp.error": "\(error)"])
      }
    }
  }

  /// The RPC client of ipp-scoring that the settings describe.
  private static func scoringClient(_ context: ServiceContext) throws(ConfigurationError) -> RPCClient {
    try PeerClient.make(
      address: context.settings["scoring.address"] ?? "",
      addressKey: "scoring.address",
      tokenFile: context.settings["scoring.token_file"],
      tokenKey: "scoring.token_file",
      credential: "scoring.token",
      consequence: "verified regions wait in the outbox until ipp-scoring accepts intake's calls",
      logger: context.logger
    )
  }

  /// The definition on the system's clock.
  public static let definition = definition(clock: SystemClock())
}
