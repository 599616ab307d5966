internal import AsyncHTTPClient
public import Foundation
public import GRDB
internal import IPPSchema
internal import NotifyAPI
internal import Logging
public import MonitorAPI
public import RPCCore
public import ServiceRuntime

/// `ipp-monitor`'s handlers, over its database, its checkers and a clock.
public struct MonitorService: Sendable {
  public let store: MonitorStore
  /// Nil when probing is off (``MonitorSettings/probes``).
  public let checker: AvailabilityChecker?
  public let freshness: FreshnessChecker?
  public let rules: FreshnessRules
  public let clock: any WallClock

  public init(
    store: MonitorStore,
    checker: AvailabilityChecker?,
    freshness: FreshnessChecker?,
    rules: FreshnessRules = FreshnessRules(),
    clock: any WallClock
  ) {
    self.store = store
    self.checker = checker
    self.freshness = freshness
    self.rules = rules
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
    router.register(Monitor.Method.provinceActivity, access: .authenticated, handler: provinceActivity)
    router.register(Monitor.Method.history, access: .authenticated, handler: history)
    router.register(Monitor.Method.maintenance, access: managers, handler: maintenance)
    router.register(Monitor.Method.maintenanceWindows, access: .authenticated, handler: maintenanceWindows)
    router.register(Monitor.Method.endMaintenance, access: managers, handler: endMaintenance)
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
    if let days = request.certificateExpiringWithinDays, !(0...365).contains(days) {
      throw RPCError(
        code: .invalidArgument,
        message: "certificateExpiringWithinDays is 0 to 365 days, not \(days)"
      )
    }
    let scope = request.province?.rawValue ?? context.principal?.scope.map { String($0.prefix(2)) }
    return Monitor.SitesResponse(
      sites: try store.sites(at: clock.now, rules: rules).filter {
        Self.site($0, within: scope, matches: request)
      }
    )
  }

  /// Whether `site` is in `scope` (a province's code, or nil for all) and passes every filter.
  static func site(_ site: Monitor.Site, within scope: String?, matches request: Monitor.SitesRequest) -> Bool
  {
    if let scope {
      guard let region = site.region?.rawValue, region == scope || region.hasPrefix(scope + ".") else {
        return false
      }
    }
    if let availability = request.availability, availability != site.availability { return false }
    if let activity = request.activity, activity != site.activity { return false }
    if let stale = request.stale, stale != site.stale { return false }
    if let days = request.certificateExpiringWithinDays {
      guard let left = site.certificateDaysLeft, left < days else { return false }
    }
    return true
  }

  /// `CheckNow`: checks a site at once, reads its pages and certificate, and answers what was
  /// found.
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
    try await freshness?.read(target.host)
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

  func requireSite(_ host: String) throws -> Monitor.Site {
    guard let site = try store.site(host, at: clock.now, rules: rules) else {
      throw RPCError(code: .notFound, message: "There is no site \(host)")
    }
    return site
  }

  /// Throws PERMISSION_DENIED unless the caller manages `region`'s site (KPU RI's: unscoped only).
  func requireManager(_ context: RPCContext, of region: RegionCode?) throws(RPCError) {
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
        let checkers = settings.probes ? try checkers(context, store: store, clock: clock) : nil
        // The background work runs the same checkers and shuts their prober down at the end.
        if let checkers { context.shelf.put(checkers, as: Checkers.shelfKey) }
        MonitorService(
          store: store,
          checker: checkers?.availability,
          freshness: checkers?.freshness,
          rules: settings.rules,
          clock: clock
        )
        .register(in: &router)
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
        let settings = try MonitorSettings(context.settings)
        let store = MonitorStore(storage: context.storage)
        let publishing: @Sendable () async -> Void = { await publisher.run(every: .seconds(2)) }
        let pruning: @Sendable () async -> Void = {
          while !Task.isCancelled {
            do {
              let deleted = try store.prune(at: clock.now, retention: settings.retention)
              context.logger.info("history pruned", metadata: ["ipp.rows": "\(deleted)"])
            } catch {
              context.logger.error("history cannot be pruned", metadata: ["ipp.error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(86_400))
          }
        }
        guard settings.probes else {
          context.logger.notice(
            "probing is off: set probe.real_hosts = true to check the KPU sites, or probe.resolve for local stand-ins"
          )
          return [publishing, pruning]
        }
        let checkers =
          try context.shelf.item(Checkers.shelfKey, as: Checkers.self)
          ?? checkers(context, store: store, clock: clock)
        return [
          publishing,
          pruning,
          {
            // Both share the prober, shut down once neither uses it.
            await withDiscardingTaskGroup { group in
              group.addTask {
                await repeatEverySecond(context.logger, "sites cannot be checked") {
                  try await checkers.availability.checkDue()
                }
              }
              group.addTask {
                await repeatEverySecond(context.logger, "sites' pages cannot be read") {
                  try await checkers.freshness.readDue()
                }
              }
            }
            try? await checkers.prober.client.shutdown()
            await checkers.proxy?.stop()
          },
        ]
      }
    )
  }

  /// Runs `work` every second until cancelled, logging what it throws.
  private static func repeatEverySecond(
    _ logger: Logger,
    _ failure: Logger.Message,
    _ work: () async throws -> Void
  ) async {
    while !Task.isCancelled {
      do {
        try await work()
      } catch {
        logger.error(failure, metadata: ["ipp.error": "\(error)"])
      }
      try? await Task.sleep(for: .seconds(1))
    }
  }

  /// What checks the sites, as the settings say: one per run, shared by CheckNow and the
  /// background work (which shuts the prober down, or its client would trap when released).
  private struct Checkers: Sendable {
    static let shelfKey = "ipp-monitor.checkers"

    var availability: AvailabilityChecker
    var freshness: FreshnessChecker
    var prober: SiteProber
    var proxy: ResolvingProxy?
  }

  /// The checkers as the settings say, with the prober (and proxy) they use.
  private static func checkers(
    _ context: ServiceContext,
    store: MonitorStore,
    clock: any WallClock
  ) throws -> Checkers {
    let settings = try MonitorSettings(context.settings)
    let (prober, proxy) = try settings.makeProber()
    if !settings.overrides.isEmpty {
      context.logger.notice(
        "probing through resolve overrides",
        metadata: ["ipp.resolve": "\(settings.overrides)"]
      )
    }
    return Checkers(
      availability: AvailabilityChecker(
        store: store,
        prober: prober,
        clock: clock,
        schedule: CheckSchedule(interval: settings.interval, concurrency: settings.concurrency),
        thresholds: settings.thresholds,
        logger: context.logger
      ),
      freshness: FreshnessChecker(
        store: store,
        prober: prober,
        certificates: try settings.makeCertificateReader(),
        clock: clock,
        rules: settings.rules,
        schedule: CheckSchedule(interval: settings.readInterval, concurrency: settings.readConcurrency),
        logger: context.logger
      ),
      prober: prober,
      proxy: proxy
    )
  }

  /// The definition on the system's clock.
  public static let definition = definition(clock: SystemClock())
}
