import Foundation
import GRDB
@testable import IPPMonitor
import IPPSchema
import MonitorAPI
import ServiceRuntime
import TestSupport
import Testing

/// The database stays bounded: 480 simulated days of checks (one site, hourly, pruned daily as
/// the service does) keep 7 days of checks and 400 days of rollups, and the file stops growing.
@Suite struct MonitorHistoryRetentionTests {
  @Test func aSimulatedYearKeepsTheDatabaseBounded() throws {
    let folder = try TemporaryDirectory("ipp-monitor-year")
    var migrator = DatabaseMigrator()
    MonitorStore.registerMigrations(&migrator)
    let storage = try ServiceStorage(directory: folder.path, name: "ipp-monitor", migrator: migrator)
    let store = MonitorStore(storage: storage)
    var now = try ZonedTime("2026-01-01 00:00 WIB").instant
    try store.seed(at: now)
    let hosts = ["kab-sragen.kpu.go.id"]
    let retention = MonitorStore.Retention()
    var pagesAfterAYear = 0
    var rowsAfterAYear = 0
    for day in 1...480 {
      for hour in 0..<24 {
        for host in hosts {
          let failed = hour == 3
          try store.record(
            SiteProber.Result(
              status: failed ? 503 : 200,
              latency: .milliseconds(120 + hour),
              bodyBytes: 1000,
              truncated: false,
              body: "",
              lastModified: nil,
              failure: failed ? .httpStatus(503) : nil
            ),
            of: host,
            state: .up(failuresInARow: 0),
            event: nil,
            newestPost: nil,
            today: CalendarDay(now, in: Region.Zone.wib.timeZone),
            at: now,
            nextCheckAt: now + 3600
          )
        }
        now += 3600
      }
      try store.prune(at: now, retention: retention)
      if day == 420 {
        pagesAfterAYear = try storage.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        rowsAfterAYear = try rows(storage)
      }
    }
    let counts = try storage.pool.read { db in
      try ["site_check", "check_hourly", "check_daily"].map {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0
      }
    }
    #expect(counts == [7 * 24, 400 * 24, 400])
    #expect(try rows(storage) == rowsAfterAYear)
    // SQLite reuses the pages pruning frees: no growth after the first 400 days.
    let pages = try storage.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
    #expect(pages <= pagesAfterAYear + pagesAfterAYear / 20, "\(pages) pages, \(pagesAfterAYear) a year in")

    // What is kept still answers: a day's rollup, and uptime over the last 30 days (1 hour in 24 failed).
    let daily = try store.history(
      hosts[0],
      resolution: .daily,
      from: now - 3 * 86_400,
      to: now,
      zone: Region.Zone.wib.timeZone,
      limit: 10
    )
    #expect(daily.points.dropFirst().allSatisfy { $0.checks == 24 && $0.good == 23 })
    let uptime = try #require(try store.site(hosts[0], at: now, rules: FreshnessRules())?.uptime.last30Days)
    #expect(abs(uptime - 23.0 / 24) < 0.001)
  }

  private func rows(_ storage: ServiceStorage) throws -> Int {
    try storage.pool.read { db in
      try ["site_check", "check_hourly", "check_daily"].map {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0
      }
      .reduce(0, +)
    }
  }
}
