internal import AsyncHTTPClient
public import Foundation
public import GRDB
internal import IPPSchema
internal import NotifyAPI
internal import Logging
public import MonitorAPI
public import RPCCore
public import ServiceRuntime

/// `ipp-monitor`'s handlers, over its database, a prober and a clock.
public struct MonitorService: Sendable {
  public let store: MonitorStore
  /// Nil when probing is off (``MonitorSettings/probes``).
  public let checker: AvailabilityChecker?
  public let clock: any WallClock

  public init(store: MonitorStore, checker: AvailabilityChecker?, clock: any WallClock) {
    self.store = store
    self.checker = checker
    self.clock = clock
  }

  /// Registers every method with who may call it: reading is open to any token; checking now
  /// and correcting a site to KPU RI's admins, and to a province's admins within its province.
  public func register(in router: inout RPCRouter) {
    let managers = RPCRouter.Access.roles([.admin, .province])
    router.register(Monitor.Method.site, access: .authenticated, handler: site)
    router.register(Monitor.Method.sites, access: .authenticated, handler: sites)
    router.register(Monitor.Method.checkNow, access: managers, handler: checkNow)
    router.register(Monitor.Method.updateSite, access: managers, handler: updateSite)
  }

  /// `Site`: one site, by host.
  public func site(_ request: Monitor.SiteRequest, context: RPCContext) throws -> Monitor.Site {
    try requireSite(request.host)
  }

  /// `Sites`: a province's, or all in the caller's scope, narrowed by availability.
  public func sites(_ request: Monitor.SitesRequest, context: RPCContext) throws -> Monitor.SitesResponse {
    if let province = request.province {
      guard province.level == .province else {
        throw RPCError(
          code: .invalidArgument,
          message: "province is a province code such as 33, not \(province)"
        )
      }
      try context.requireAccess(toRegion: province.rawValue)
    }
    let scope = request.province?.rawValue ?? context.principal?.scope.map { String($0.prefix(2)) }
    return Monitor.SitesResponse(
      sites: try store.sites(at: clock.now).filter { site in
        (scope.map { scope in
          site.region.map { $0.rawValue == scope || $0.rawValue.hasPrefix(scope + ".") } ?? false
        }
          ?? true)
          && (request.availability.map { $0 == site.availability } ?? true)
      }
    )
  }

  /// `CheckNow`: checks a site at once and answers what was found.
  public func checkNow(_ request: Monitor.SiteRequest, context: RPCContext) async throws -> Monitor.Site {
    guard let target = try store.target(request.host) else {
      throw RPCError(code: .notFound, message: "There is no site \(request.host)")
    }
    try requireManager(context, of: target.region)
    guard let checker else {
      throw RPCError(
        code: .failedPrecondition,
        message: "Probing is off on this server (probe.real_hosts is false and there is no probe.resolve)"
      )
    }
    try await checker.check(target)
    return try requireSite(request.host)
  }

  /// `UpdateSite`: corrects the page checked or the pages watched; logged with the reason.
  public func updateSite(_ request: Monitor.UpdateSiteRequest, context: RPCContext) throws -> Monitor.Site {
    guard let target = try store.target(request.host) else {
      throw RPCError(code: .notFound, message: "There is no site \(request.host)")
    }
    try requireManager(context, of: target.region)
    var problems: [String] = []
    if let url = request.url, let problem = Self.urlProblem(url) {
      problems.append("url \"\(url)\": \(problem)")
    }
    if let pages = request.pages {
      if pages.count > 10 { problems.append("at most 10 pages, not \(pages.count)") }
      for page in pages {
        if let problem = Self.urlProblem(page) { problems.append("page \"\(page)\": \(problem)") }
      }
    }
    if request.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      problems.append("say why in reason")
    }
    guard problems.isEmpty else {
      throw RPCError(code: .invalidArgument, message: problems.joined(separator: "; "))
    }
    _ = try store.update(request.host, url: request.url, pages: request.pages)
    context.logger.notice(
      "site updated",
      metadata: [
        "ipp.host": "\(request.host)", "ipp.url": "\(request.url ?? "-")",
        "ipp.pages": "\(request.pages?.count ?? -1)",
        "ipp.reason": "\(request.reason)",
      ]
    )
    return try requireSite(request.host)
  }

  private func requireSite(_ host: String) throws -> Monitor.Site {
    guard let site = try store.site(host, at: clock.now) else {
      throw RPCError(code: .notFound, message: "There is no site \(host)")
    }
    return site
  }

  /// Throws PERMISSION_DENIED unless the caller manages `region`'s site (KPU RI's: unscoped only).
  private func requireManager(_ context: RPCContext, of region: RegionCode?) throws(RPCError) {
    guard let principal = context.principal,
      region.map({ principal.covers(region: $0.rawValue) }) ?? (principal.scope == nil)
    else {
      throw RPCError(code: .permissionDenied, message: "You may not act on this site")
    }
  }

  /// Why `text` cannot be a page to check: an absolute http(s) URL without credentials.
  static func urlProblem(_ text: String) -> String? {
    guard text.utf8.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty
    else { return "not an absolute http or https URL" }
    return url.user == nil && url.password == nil ? nil : "credentials do not belong in the URL"
  }

  /// The definition `ipp-monitor`'s main runs, reading the time from `clock`. Beside the RPC
  /// server it checks every site when due, and sends state changes to ipp-notify at
  /// `notify.address` with the service token in `notify.token_file`.
  public static func definition(clock: any WallClock) -> ServiceDefinition {
    ServiceDefinition(
      name: "ipp-monitor",
      defaultRPCPort: Monitor.defaultPort,
      defaultAdminPort: Monitor.defaultAdminPort,
      settings: MonitorSettings.keys,
      registerMigrations: { MonitorStore.registerMigrations(&$0) },
      registerMethods: { router, context in
        let store = MonitorStore(storage: context.storage)
        try store.seed(at: clock.now)
        let settings = try MonitorSettings(context.settings)
        let checker = settings.probes ? try checker(context, store: store, clock: clock).0 : nil
        MonitorService(store: store, checker: checker, clock: clock).register(in: &router)
      },
      backgroundWork: { context in
        let publisher = NotifyPublisher(
          store: MonitorStore(storage: context.storage),
          notify: Notify.Client(
            try PeerClient.make(
              address: context.settings["notify.address"] ?? "",
              addressKey: "notify.address",
              tokenFile: context.settings["notify.token_file"],
              tokenKey: "notify.token_file",
              credential: "notify.token",
              consequence: "ipp-notify refuses monitor's events, which wait in the outbox",
              logger: context.logger
            )
          ),
          clock: clock,
          logger: context.logger
        )
        let publishing: @Sendable () async -> Void = { await publisher.run(every: .seconds(2)) }
        guard try MonitorSettings(context.settings).probes else {
          context.logger.notice(
            "probing is off: set probe.real_hosts = true to check the KPU sites, or probe.resolve for local stand-ins"
          )
          return [publishing]
        }
        let (checker, prober) = try checker(
          context,
          store: MonitorStore(storage: context.storage),
          clock: clock
        )
        return [
          publishing,
          {
            while !Task.isCancelled {
              do {
                try await checker.checkDue()
              } catch {
                context.logger.error("sites cannot be checked", metadata: ["ipp.error": "\(error)"])
              }
              try? await Task.sleep(for: .seconds(1))
            }
            try? await prober.0.client.shutdown()
            await prober.1?.stop()
          },
        ]
      }
    )
  }

  /// A checker as the settings say, with the prober (and proxy) it uses.
  private static func checker(
    _ context: ServiceContext,
    store: MonitorStore,
    clock: any WallClock
  ) throws
    -> (AvailabilityChecker, (SiteProber, ResolvingProxy?))
  {
    let settings = try MonitorSettings(context.settings)
    let prober = try settings.makeProber()
    if !settings.overrides.isEmpty {
      context.logger.notice(
        "probing through resolve overrides",
        metadata: ["ipp.resolve": "\(settings.overrides)"]
      )
    }
    let checker = AvailabilityChecker(
      store: store,
      prober: prober.0,
      clock: clock,
      interval: settings.interval,
      thresholds: settings.thresholds,
      concurrency: settings.concurrency,
      logger: context.logger
    )
    return (checker, prober)
  }

  /// The definition on the system's clock.
  public static let definition = definition(clock: SystemClock())
}
