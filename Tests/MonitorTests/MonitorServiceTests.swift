import AsyncHTTPClient
import Foundation
import GRDB
import IPPMonitor
import IPPNotify
import NotifyAPI
import RPC
import ServiceTestSupport
import IPPSchema
import Logging
import MonitorAPI
import NIOPosix
import RPCCore
import ServiceRuntime
import TestSupport
import Testing

/// ipp-monitor's methods in process, its checker probing a web farm on loopback through the
/// resolving proxy, on a clock the test moves: 553 sites seeded, listed by province and state,
/// corrected by their admins, taken down after three failed rounds and back after two good ones.
@Suite(.serialized) struct MonitorServiceTests {
  let clock = ManualClock(try! ZonedTime("2026-12-08 09:00 WIB").instant)

  static let province = Principal(name: "jateng.admin", role: .province, scope: "33")
  static let otherProvince = Principal(name: "jatim.admin", role: .province, scope: "35")
  static let admin = Principal(name: "kpu-ri.admin", role: .admin)

  func withService(
    rules: FreshnessRules = FreshnessRules(),
    _ body: (MonitorService, RPCRouter, WebFarm) async throws -> Void
  ) async throws {
    let folder = try TemporaryDirectory("ipp-monitor")
    var migrator = DatabaseMigrator()
    MonitorStore.registerMigrations(&migrator)
    let storage = try ServiceStorage(directory: folder.path, name: "ipp-monitor", migrator: migrator)
    let farm = try await WebFarm(now: clock.now)
    defer { farm.stop() }
    var settings = MonitorSettings.keys.reduce(into: [String: String]()) { $0[$1.key] = $1.defaultValue }
    settings["probe.resolve"] =
      "*.kpu.go.id:443=127.0.0.1:\(farm.httpsPort),kpu.go.id:443=127.0.0.1:\(farm.httpsPort)"
    settings["probe.trust_roots_file"] = farm.caPath
    settings["probe.total_timeout"] = "5"
    let parsed = try MonitorSettings(settings)
    let (prober, proxy) = try parsed.makeProber()
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    let store = MonitorStore(storage: storage)
    try store.seed(at: clock.now)
    // Only Jawa Tengah's 36 sites are due; the rest were checked a moment ago (a 553-site sweep is
    // for Benchmarks/, not for every test run).
    let nextYear = clock.now + 86_400 * 365
    try await storage.pool.write { db in
      try db.execute(
        sql:
          "UPDATE site SET next_check_at = ?, next_read_at = ? WHERE region IS NULL OR region NOT LIKE '33%'",
        arguments: [nextYear, nextYear]
      )
    }
    let checker = AvailabilityChecker(
      store: store,
      prober: prober,
      clock: clock,
      schedule: CheckSchedule(interval: parsed.interval, concurrency: 8, random: { 0.5 }),
      thresholds: parsed.thresholds,
      logger: logger
    )
    let freshness = FreshnessChecker(
      store: store,
      prober: prober,
      certificates: try parsed.makeCertificateReader(),
      clock: clock,
      rules: rules,
      schedule: CheckSchedule(interval: 3600, concurrency: 4, random: { 0.5 }),
      logger: logger
    )
    let service = MonitorService(
      store: store,
      checker: checker,
      freshness: freshness,
      rules: rules,
      clock: clock
    )
    var router = RPCRouter()
    service.register(in: &router)
    do {
      try await body(service, router, farm)
    } catch {
      try await prober.client.shutdown()
      await proxy?.stop()
      throw error
    }
    try await prober.client.shutdown()
    await proxy?.stop()
  }

  func client(_ router: RPCRouter, _ principal: Principal = Self.admin) -> Monitor.Client<InProcessCaller> {
    Monitor.Client(InProcessCaller(router: router, principal: principal))
  }

  /// Sends the store's events to ipp-notify: first to a notify that is down (a closed port on
  /// the real wire), then to the real notify's router in process.
  func publishToNotify(_ store: MonitorStore) async throws {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    let unreachable = RPCClient(
      configuration: .init(host: "127.0.0.1", port: try await SiteProberTests.closedPort())
    )
    let down = NotifyPublisher(store: store, notify: Notify.Client(unreachable), clock: clock, logger: logger)
    #expect(try await down.publishDue() == 0)
    await unreachable.close()
    #expect(try store.waitingEvents() == 2)
    #expect(try store.nextEvent()?.nextAttemptAt == clock.now + 5)

    let notify = try InProcessService(NotifyService.definition(clock: clock), clock: clock)
    let up = NotifyPublisher(
      store: store,
      notify: Notify.Client(notify.caller(as: .testService)),
      clock: clock,
      logger: logger
    )
    #expect(try await up.publishDue() == 0)  // its head waits out the backoff
    clock.advance(by: 5)
    #expect(try await up.publishDue() == 2)
    #expect(try store.waitingEvents() == 0)
    let alert = try #require(
      try await Notify.Client(notify.caller(as: .testAdmin)).alerts(.init()).alerts.first
    )
    #expect(alert.fingerprint == "siteDown/33.14/kab-sragen.kpu.go.id" && !alert.firing)
    #expect(alert.summary.hasPrefix("dapat diakses lagi pukul"))
  }

  @Test func sitesAreSeededListedAndCorrectedByTheirAdmins() async throws {
    try await withService { _, router, _ in
      let all = try await client(router).sites(.init()).sites
      #expect(all.count == 553 && all.allSatisfy { $0.availability == .unknown })
      #expect(all.first?.host == "kpu.go.id" && all.first?.name == "KPU RI")
      let jateng = try await client(router, Self.province).sites(.init()).sites
      #expect(jateng.count == 36 && jateng.first?.host == "jateng.kpu.go.id")
      #expect(try await client(router).sites(.init(province: try RegionCode("33"))).sites == jateng)
      #expect(
        await status { try await client(router, Self.province).sites(.init(province: try RegionCode("35"))) }
          == .permissionDenied
      )
      #expect(
        await status { try await client(router).sites(.init(province: try RegionCode("33.14"))) }
          == .invalidArgument
      )

      let sragen = try await client(router).site(.init(host: "kab-sragen.kpu.go.id"))
      #expect(
        sragen.url == "https://kab-sragen.kpu.go.id/" && sragen.hostSeenAt == nil
          && sragen.name == "Kabupaten Sragen"
      )
      #expect(try await client(router).site(.init(host: "kab-jepara.kpu.go.id")).hostSeenAt != nil)
      #expect(await status { try await client(router).site(.init(host: "example.com")) } == .notFound)

      let corrected = try await client(router, Self.province).updateSite(
        .init(
          host: "kab-sragen.kpu.go.id",
          url: "https://kab-sragen.kpu.go.id/index.php",
          pages: ["https://kab-sragen.kpu.go.id/index.php/ppid"],
          reason: "beranda pindah"
        )
      )
      #expect(corrected.url == "https://kab-sragen.kpu.go.id/index.php" && corrected.pages.count == 1)
      #expect(
        await status {
          try await client(router, Self.otherProvince).updateSite(
            .init(host: "kab-sragen.kpu.go.id", reason: "x")
          )
        } == .permissionDenied
      )
      let refused = await #expect(throws: RPCError.self) {
        try await client(router).updateSite(
          .init(
            host: "kab-sragen.kpu.go.id",
            url: "ftp://kab-sragen.kpu.go.id/",
            pages: Array(repeating: "https://kab-sragen.kpu.go.id/", count: 11),
            reason: " "
          )
        )
      }
      #expect(refused?.code == .invalidArgument)
      for problem in ["url \"ftp://", "at most 10 pages", "say why"] {
        #expect(refused?.message.contains(problem) == true, "\(problem)")
      }
    }
  }

  @Test func aSiteGoesDownAfterThreeBadRoundsAndComesBackAfterTwoGoodOnes() async throws {
    try await withService { service, router, farm in
      // Its news listing is current, so CheckNow, which reads it too, finds it fresh.
      try farm.setPage(
        "kab-sragen.kpu.go.id",
        "/index.php/blog/category/104",
        "<a href='/blog/read/rapat-pleno'>Rapat pleno</a> Senin (7/12/2026)"
      )
      let checker = try #require(service.checker)
      // The first round: every site answers (one that failed once, the machine being busy, would
      // still be unknown, not down: it takes three failures in a row).
      #expect(try await checker.checkDue().isEmpty)
      let sites = try await client(router, Self.province).sites(.init()).sites
      #expect(sites.filter { $0.availability == .down }.isEmpty)
      #expect(sites.filter { $0.availability == .up }.count > 30)
      let sragen = try await client(router).site(.init(host: "kab-sragen.kpu.go.id"))
      #expect(sragen.lastStatus == 200)
      // Its home page lists news of 8 and 9 May 2025: the newest is its last post.
      let lastPost = try CalendarDay("2025-05-09")
      #expect(sragen.lastPostDay == lastPost)
      #expect(sragen.daysSinceLastPost == lastPost.days(until: try CalendarDay("2026-12-08")))
      // Nothing is due again before its interval.
      #expect(try await checker.checkDue().isEmpty)
      #expect(try service.store.checkCount("kab-sragen.kpu.go.id") == 1)

      _ = try await client(router).updateSite(
        .init(host: "kab-sragen.kpu.go.id", url: "https://kab-mati.kpu.go.id/", reason: "uji")
      )
      var changes: [AvailabilityChecker.Change] = []
      for _ in 1...3 {
        clock.advance(by: 300)
        changes += try await checker.checkDue().filter { $0.host == "kab-sragen.kpu.go.id" }
      }
      #expect(changes == [.init(host: "kab-sragen.kpu.go.id", change: .wentDown(reason: .httpStatus(503)))])
      let down = try await client(router, Self.province).sites(.init(availability: .down)).sites
      #expect(down.map(\.host).contains("kab-sragen.kpu.go.id"))
      let sragenDown = down.first { $0.host == "kab-sragen.kpu.go.id" }
      // A failed check tells nothing of posts: the last one stays.
      #expect(sragenDown?.lastPostDay == lastPost)
      #expect(sragenDown?.downReason == "HTTP 503" && sragenDown?.downSince == clock.now)

      _ = try await client(router).updateSite(
        .init(host: "kab-sragen.kpu.go.id", url: "https://kab-sragen.kpu.go.id/", reason: "uji selesai")
      )
      // One good check is not enough; CheckNow counts as one.
      let once = try await client(router, Self.province).checkNow(.init(host: "kab-sragen.kpu.go.id"))
      #expect(once.availability == .down)
      clock.advance(by: 300)
      let back = try await checker.checkDue().filter { $0.host == "kab-sragen.kpu.go.id" }
      #expect(back == [.init(host: "kab-sragen.kpu.go.id", change: .recovered(downFor: 300))])

      // Both changes wait for ipp-notify, in order: first while it is down, then it takes them.
      #expect(try service.store.waitingEvents() == 2)
      let first = try #require(try service.store.nextEvent()).request
      #expect(first.kind == .siteDown && first.severity == .warning && first.region?.rawValue == "33.14")
      #expect(first.subject == "kab-sragen.kpu.go.id" && !first.resolved)
      #expect(first.summary == "tidak dapat diakses sejak pukul 09.15 WIB: HTTP 503")
      try await publishToNotify(service.store)
      #expect(
        await status {
          try await client(router, Self.otherProvince).checkNow(.init(host: "kab-sragen.kpu.go.id"))
        }
          == .permissionDenied
      )
    }
  }
}
