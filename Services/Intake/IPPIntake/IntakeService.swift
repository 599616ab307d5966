internal import IntakeAPI
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
  }

  /// The definition `ipp-intake`'s main runs, reading the time from `clock`.
  public static func definition(clock: any WallClock) -> ServiceDefinition {
    ServiceDefinition(
      name: "ipp-intake",
      defaultRPCPort: Intake.defaultPort,
      defaultAdminPort: Intake.defaultAdminPort,
      registerMigrations: { IntakeStore.registerMigrations(&$0) },
      registerMethods: { router, context in
        let service = IntakeService(
          store: IntakeStore(storage: context.storage),
          catalogues: try CatalogueLibrary(),
          clock: clock
        )
        service.register(in: &router)
      }
    )
  }

  /// The definition on the system's clock.
  public static let definition = definition(clock: SystemClock())
}
