internal import IntakeAPI
internal import IPPSchema
public import RPCCore
public import ServiceRuntime

/// `ipp-intake`'s handlers: one method per RPC of ``Intake`` (regions in
/// `IntakeService+Regions.swift`, elections, filling windows and extensions in
/// `IntakeService+Elections.swift`, the audit trail in `IntakeService+AuditTrail.swift`, the
/// catalogue in `IntakeService+Catalogue.swift`), over intake's own database, its catalogues and
/// a clock.
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

  /// Registers every method with who may call it: reading is open to any caller with a token,
  /// setting a window to KPU RI's admins.
  public func register(in router: inout RPCRouter) {
    router.register(Intake.Method.regions, access: .authenticated, handler: regions)
    router.register(Intake.Method.elections, access: .authenticated, handler: elections)
    router.register(Intake.Method.setFillingWindow, access: .roles([.admin]), handler: setFillingWindow)
    router.register(Intake.Method.fillingWindow, access: .authenticated, handler: fillingWindow)
    router.register(Intake.Method.grantExtension, access: .roles([.admin]), handler: grantExtension)
    router.register(Intake.Method.auditTrail, access: .authenticated, handler: auditTrail)
    router.register(Intake.Method.catalogue, access: .authenticated, handler: catalogue)
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
