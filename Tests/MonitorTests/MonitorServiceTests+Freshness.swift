import Foundation
import IPPMonitor
import IPPSchema
import MonitorAPI
import NotifyAPI
import RPCCore
import ServiceRuntime
import TestSupport
import Testing

/// Reading the sites' pages for posts: activity from the days posts are dated, staleness when
/// nothing changes (posts or watched pages), certificates about to expire, the province's
/// meeting report, and each start and end told to ipp-notify once.
extension MonitorServiceTests {
  /// A CMS listing of posts dated on `days` (`YYYY-MM-DD`), written as KPU's sites write them.
  static func listing(_ days: [String], prefix: String = "berita") throws -> String {
    try days.enumerated().map { index, text in
      let day = try CalendarDay(text)
      return
        "<div class='post'><a href='/blog/read/\(prefix)-\(index)'>Berita</a> Senin (\(day.day)/\(day.month)/\(day.year))</div>"
    }
    .joined()
  }

  /// The events waiting for ipp-notify, by subject.
  func waiting(_ service: MonitorService) throws -> [String: [Notify.RaiseEventRequest]] {
    var events: [String: [Notify.RaiseEventRequest]] = [:]
    while let event = try service.store.nextEvent() {
      events[event.request.subject, default: []].append(event.request)
      try service.store.markEvent(event.id, sent: true)
    }
    return events
  }

  @Test func postsMakeASiteActiveSlowingOrInactiveAndNoChangeMakesItStale() async throws {
    try await withService { service, router, farm in
      let freshness = try #require(service.freshness)
      let sragen = "kab-sragen.kpu.go.id"
      let category = "/index.php/blog/category/104"
      try farm.setPage(
        sragen,
        category,
        try Self.listing(["2026-12-08", "2026-12-07", "2026-12-05", "2026-12-04", "2026-12-02", "2026-11-20"])
      )
      try farm.setPage("kab-boyolali.kpu.go.id", category, try Self.listing(["2026-12-01", "2026-11-20"]))
      // Klaten's listing dates nothing; its newest post's own page does.
      try farm.setPage(
        "kab-klaten.kpu.go.id",
        category,
        "<a href='/index.php/blog/read/rapat-koordinasi'>Rapat koordinasi</a><a href='/blog/read/lama'>Lama</a>"
      )
      try farm.setPage(
        "kab-klaten.kpu.go.id",
        "/blog/read/rapat-koordinasi",
        "<h1>Rapat koordinasi</h1><p>Klaten, Kamis (26/11/2026) - KPU Kabupaten Klaten...</p>"
      )
      // Blora has no news in its listings: its sitemap says when it last changed.
      for category in FreshnessChecker.listings {
        try farm.setPage("kab-blora.kpu.go.id", category, "<p>Belum ada berita</p>")
      }
      try farm.setPage(
        "kab-blora.kpu.go.id",
        "/sitemap.xml",
        "<urlset><url><loc>https://kab-blora.kpu.go.id/blog/read/a</loc><lastmod>2026-10-01</lastmod></url></urlset>"
      )
      // Rembang's page moved to a host whose certificate expires in five and a half days.
      _ = try await client(router).updateSite(
        .init(host: "kab-rembang.kpu.go.id", url: "https://kab-hampirhabis.kpu.go.id/", reason: "pindah")
      )

      // Sukoharjo's site answers nothing but 503: it is not read, so nothing is known of it.
      _ = try await client(router).updateSite(
        .init(host: "kab-sukoharjo.kpu.go.id", url: "https://kab-mati.kpu.go.id/", reason: "uji")
      )
      #expect(try await freshness.readDue() == 36)
      let sites = try await client(router, Self.province).sites(.init()).sites
      func site(_ host: String) throws -> Monitor.Site { try #require(sites.first { $0.host == host }) }
      #expect(try site(sragen).activity == .active && site(sragen).postsLast7Days == 5)
      #expect(try site(sragen).postsLast30Days == 6 && !site(sragen).stale)
      #expect(try site(sragen).lastPostDay == CalendarDay("2026-12-08"))
      #expect(try site("kab-boyolali.kpu.go.id").activity == .slowing)
      #expect(try site("kab-klaten.kpu.go.id").activity == .inactive)
      #expect(try site("kab-klaten.kpu.go.id").lastPostDay == CalendarDay("2026-11-26"))
      #expect(try site("kab-blora.kpu.go.id").lastPostDay == CalendarDay("2026-10-01"))
      #expect(try site("kab-blora.kpu.go.id").activity == .veryInactive && site("kab-blora.kpu.go.id").stale)
      // The farm's other sites list news of May 2025 only.
      #expect(try site("kab-demak.kpu.go.id").activity == .veryInactive && site("kab-demak.kpu.go.id").stale)
      #expect(try site("kab-rembang.kpu.go.id").certificateDaysLeft == 5)
      let sukoharjo = try site("kab-sukoharjo.kpu.go.id")
      #expect(sukoharjo.activity == .unknown && sukoharjo.lastReadAt == nil && !sukoharjo.stale)
      #expect(try site(sragen).certificateDaysLeft == 400)

      let stale = try await client(router, Self.province).sites(.init(stale: true)).sites
      #expect(stale.count == 32)
      let expiring = try await client(router).sites(.init(certificateExpiringWithinDays: 14)).sites
      #expect(expiring.map(\.host) == ["kab-rembang.kpu.go.id"])
      var events = try waiting(service)
      #expect(events.values.map(\.count).reduce(0, +) == 33)
      let blora = try #require(events["kab-blora.kpu.go.id"]?.first)
      #expect(
        blora.kind == .siteStale
          && blora.summary == "tidak diperbarui selama 68 hari; berita terakhir 1 Oktober 2026"
      )
      let certificate = try #require(
        events["kab-rembang.kpu.go.id"]?.first { $0.kind == .certificateExpiring }
      )
      #expect(certificate.severity == .warning && !certificate.resolved)
      #expect(certificate.summary.hasSuffix("(5 hari lagi)"))

      let report = try await client(router, Self.province).provinceActivity(
        .init(province: try RegionCode("33"))
      )
      #expect(report.rows.count == 36 && report.rows.first?.host == "jateng.kpu.go.id")
      #expect(report.rows.map(\.region.rawValue) == report.rows.map(\.region.rawValue).sorted())
      #expect(
        report.stale == 32 && report.activityCounts[.active] == 1 && report.activityCounts[.slowing] == 1
      )
      let sragenRow = try #require(report.rows.first { $0.host == sragen })
      #expect(sragenRow.postsPerWeek.count == 12 && sragenRow.postsPerWeek.suffix(3) == [1, 0, 5])
      #expect(
        await status {
          try await client(router, Self.otherProvince).provinceActivity(.init(province: try RegionCode("33")))
        } == .permissionDenied
      )

      // Fifteen days on, nothing new: Sragen is stale too; nothing else is told twice.
      clock.advance(by: 15 * 86_400)
      try await freshness.readDue()
      events = try waiting(service)
      #expect(events.keys.sorted() == [sragen, "kab-boyolali.kpu.go.id", "kab-klaten.kpu.go.id"].sorted())
      #expect(
        events[sragen]?.first?.summary == "tidak diperbarui selama 15 hari; berita terakhir 8 Desember 2026"
      )

      // A new post, and a change on a watched page without any date, each end it.
      _ = try await client(router).updateSite(
        .init(host: "kab-klaten.kpu.go.id", pages: ["https://kab-klaten.kpu.go.id/ppid"], reason: "PPID")
      )
      try farm.setPage("kab-klaten.kpu.go.id", "/ppid", "<h1>Informasi publik</h1><p>DPT</p>")
      clock.advance(by: 3600)
      try await freshness.readDue()
      #expect(try waiting(service).isEmpty)  // Klaten's PPID page was read for the first time.
      try farm.setPage("kab-klaten.kpu.go.id", "/ppid", "<h1>Informasi publik</h1><p>DPT, DPTb</p>")
      try farm.setPage(
        sragen,
        category,
        try Self.listing(["2026-12-23"], prefix: "baru") + Self.listing(["2026-12-08"])
      )
      clock.advance(by: 3600)
      try await freshness.readDue()
      events = try waiting(service)
      #expect(events.keys.sorted() == [sragen, "kab-klaten.kpu.go.id"].sorted())
      #expect(events[sragen]?.first?.resolved == true)
      #expect(events[sragen]?.first?.summary == "diperbarui lagi; berita terakhir 23 Desember 2026")
      #expect(events["kab-klaten.kpu.go.id"]?.first?.resolved == true)
      let klaten = try await client(router).site(.init(host: "kab-klaten.kpu.go.id"))
      #expect(!klaten.stale && klaten.unchangedSince == clock.now && klaten.activity == .inactive)
    }
  }
}
