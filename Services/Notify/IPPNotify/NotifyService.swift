internal import AsyncHTTPClient
public import Foundation
internal import IntakeAPI
public import IPPSchema
public import NotifyAPI
internal import NIOPosix
public import RPCCore
public import GRDB
internal import RPC
public import ServiceRuntime

/// `ipp-notify`'s handlers: one method per RPC of ``Notify`` (recipients in
/// `NotifyService+Recipients.swift`, events, alerts and silences in `NotifyService+Alerts.swift`,
/// the reminder schedule in `NotifyService+Deadlines.swift`, the outbox in
/// `NotifyService+Outbox.swift`), over notify's own database and a clock.
public struct NotifyService: Sendable {
  public let directory: RecipientDirectory
  public let ledger: AlertLedger
  public let deadlines: DeadlineBook
  public let outbox: NotificationOutbox
  public let planner: NotificationPlanner
  public let clock: any WallClock

  public init(storage: ServiceStorage, clock: any WallClock, groupWait: TimeInterval = 30) {
    directory = RecipientDirectory(storage: storage)
    ledger = AlertLedger(storage: storage)
    deadlines = DeadlineBook(storage: storage)
    outbox = NotificationOutbox(storage: storage)
    planner = NotificationPlanner(
      deadlines: deadlines,
      recipients: directory,
      alerts: ledger,
      outbox: outbox,
      clock: clock,
      groupWait: groupWait
    )
    self.clock = clock
  }

  /// Every table, in order.
  public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    NotificationOutbox.registerMigrations(&migrator)
    RecipientDirectory.registerMigrations(&migrator)
    AlertLedger.registerMigrations(&migrator)
    DeadlineBook.registerMigrations(&migrator)
  }

  /// Registers every method with who may call it: ipp-monitor (a service token) and admins raise
  /// events; admins and province admins manage recipients, silences and acknowledgements within
  /// their scope; KPU RI's admins set schedules; reading is open to any token, within its scope.
  public func register(in router: inout RPCRouter) {
    let managers = RPCRouter.Access.roles([.admin, .province])
    router.register(Notify.Method.raiseEvent, access: .roles([.service, .admin]), handler: raiseEvent)
    router.register(Notify.Method.acknowledge, access: managers, handler: acknowledge)
    router.register(Notify.Method.silence, access: managers, handler: silence)
    router.register(Notify.Method.silences, access: .authenticated, handler: silences)
    router.register(Notify.Method.endSilence, access: managers, handler: endSilence)
    router.register(Notify.Method.alerts, access: .authenticated, handler: alerts)
    router.register(Notify.Method.setDeadline, access: .roles([.admin]), handler: setDeadline)
    router.register(Notify.Method.deadline, access: .authenticated, handler: deadline)
    router.register(Notify.Method.preview, access: .authenticated, handler: preview)
    router.register(Notify.Method.pending, access: .authenticated, handler: pending)
    router.register(Notify.Method.history, access: .authenticated, handler: history)
    router.register(Notify.Method.deadLetters, access: .authenticated, handler: deadLetters)
    router.register(Notify.Method.resend, access: managers, handler: resend)
    router.register(Notify.Method.recipients, access: .authenticated, handler: recipients)
    router.register(Notify.Method.setRecipient, access: managers, handler: setRecipient)
    router.register(Notify.Method.removeRecipient, access: managers, handler: removeRecipient)
  }

  /// Whether the caller sees what concerns `region` (nil: KPU RI's own, for unscoped callers).
  static func sees(_ context: RPCContext, _ region: RegionCode?) -> Bool {
    guard let principal = context.principal else { return false }
    guard let region else { return principal.scope == nil }
    return principal.covers(region: region.rawValue)
  }

  /// Throws PERMISSION_DENIED unless the caller may act on `region` (nil: KPU RI's own).
  static func requireAccess(_ context: RPCContext, to region: RegionCode?) throws(RPCError) {
    guard sees(context, region) else {
      throw RPCError(
        code: .permissionDenied,
        message: "You may not act on \(region.map { "region \($0)" } ?? "KPU RI's own notifications")"
      )
    }
  }

  /// The definition `ipp-notify`'s main runs, reading the time from `clock`. Beside the RPC
  /// server it reads filling progress from ipp-intake, writes what is due, and delivers it.
  public static func definition(clock: any WallClock) -> ServiceDefinition {
    ServiceDefinition(
      name: "ipp-notify",
      defaultRPCPort: Notify.defaultPort,
      defaultAdminPort: Notify.defaultAdminPort,
      settings: NotifySettings.keys,
      registerMigrations: { registerMigrations(&$0) },
      registerMethods: { router, context in
        let settings = try NotifySettings(context.settings)
        NotifyService(storage: context.storage, clock: clock, groupWait: settings.groupWait).register(
          in: &router
        )
      },
      backgroundWork: { context in
        let settings = try NotifySettings(context.settings)
        let service = NotifyService(storage: context.storage, clock: clock, groupWait: settings.groupWait)
        let intake = Intake.Client(
          try PeerClient.make(
            address: context.settings["intake.address"] ?? "",
            addressKey: "intake.address",
            tokenFile: context.settings["intake.token_file"],
            tokenKey: "intake.token_file",
            credential: "intake.token",
            consequence: "intake refuses notify's reads, so no deadline reminders are written",
            logger: context.logger
          )
        )
        let reader = ProgressReader(intake: intake, deadlines: service.deadlines, clock: clock)
        let retry = DeliveryRetry(
          outbox: service.outbox,
          clock: clock,
          maxAttempts: settings.maxAttempts,
          logger: context.logger
        )
        let http = WebhookDelivery.makeClient()
        let worker = NotifyWorker(
          readProgress: { try await reader.read() },
          planner: service.planner,
          email: EmailDelivery(
            outbox: service.outbox,
            settings: settings.smtp,
            sender: settings.sender,
            clock: clock,
            group: MultiThreadedEventLoopGroup.singleton,
            maxAttempts: settings.maxAttempts,
            logger: context.logger
          ),
          webhook: WebhookDelivery(
            outbox: service.outbox,
            recipients: service.directory,
            client: http,
            clock: clock,
            retry: retry
          ),
          settings: settings,
          clock: clock,
          logger: context.logger
        )
        return [
          {
            await worker.run()
            try? await http.shutdown()
          }
        ]
      }
    )
  }

  /// The definition on the system's clock.
  public static let definition = definition(clock: SystemClock())
}
