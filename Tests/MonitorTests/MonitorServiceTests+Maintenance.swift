import Foundation
import IPPMonitor
import IPPSchema
import MonitorAPI
import NotifyAPI
import RPCCore
import ServiceRuntime
import TestSupport
import Testing

/// Maintenance windows and history: a site down inside its window alerts nothing until the
/// window is over, and then once; who may set and end windows; checks one by one and rolled up.
extension MonitorServiceTests {
  @Test func aSiteDownDuringMaintenanceAlertsOnlyWhenTheWindowIsOver() async throws {
    try await withService { service, router, _ in
      let checker = try #require(service.checker)
      let sragen = "kab-sragen.kpu.go.id"
      let window = try await client(router, Self.province).maintenance(
        .init(
          host: sragen,
          startsAt: try ZonedTime("2026-12-08 09:00 WIB"),
          endsAt: try ZonedTime("2026-12-08 11:00 WITA"),
          reason: "migrasi server"
        )
      )
      let windowEnd = try ZonedTime("2026-12-08 10:00 WIB").instant
      #expect(window.createdBy == "jateng.admin" && window.endsAt.instant == windowEnd)
      try await checker.checkDue()
      clock.advance(by: 300)
      _ = try await client(router).updateSite(
        .init(host: sragen, url: "https://kab-mati.kpu.go.id/", reason: "uji")
      )
      for _ in 1...3 {
        try await checker.checkDue()
        clock.advance(by: 300)
      }
      let down = try await client(router).site(.init(host: sragen))
      #expect(down.availability == .down && down.maintenanceUntil == window.endsAt.instant)
      #expect(try service.store.waitingEvents() == 0)

      // The window is over and the site still down: notify hears it at the next check, once.
      clock.advance(by: 3600)
      try await checker.checkDue()
      let event = try #require(try service.store.nextEvent()).request
      #expect(
        event.kind == .siteDown && event.summary == "tidak dapat diakses sejak pukul 09.15 WIB: HTTP 503"
      )
      clock.advance(by: 300)
      try await checker.checkDue()
      #expect(try service.store.waitingEvents() == 1)

      // History: every check, newest first, and the hours rolled up.
      let checks = try await client(router).history(.init(host: sragen, resolution: .checks))
      #expect(
        checks.points.count == 6 && checks.points.first?.failure == "HTTP 503"
          && checks.points.last?.good == 1
      )
      #expect(checks.points.map(\.at) == checks.points.map(\.at).sorted(by: >))
      let limited = try await client(router).history(.init(host: sragen, resolution: .checks, limit: 2))
      #expect(limited.points.count == 2 && limited.more)
      let hours = try await client(router).history(.init(host: sragen, resolution: .hourly))
      #expect(hours.points.map(\.checks).reduce(0, +) == 6 && hours.points.map(\.good).reduce(0, +) == 1)
      let days = try await client(router).history(.init(host: sragen, resolution: .daily))
      #expect(days.points.map(\.checks) == [6])
      let today = try CalendarDay("2026-12-08").start(in: Region.Zone.wib.timeZone)
      #expect(days.points.first?.at == today)
      let uptime = try await client(router).site(.init(host: sragen)).uptime
      #expect(uptime.last24Hours == 1.0 / 6 && uptime.last30Days == 1.0 / 6)
      let refused = await #expect(throws: RPCError.self) {
        try await client(router).history(
          .init(host: sragen, resolution: .hourly, from: clock.now, to: clock.now - 1, limit: 5000)
        )
      }
      #expect(refused?.code == .invalidArgument && refused?.message.contains("limit is 1 to 2000") == true)
      #expect(refused?.message.contains("from is after to") == true)
    }
  }

  @Test func windowsAreSetAndEndedByThoseWhoManageTheSites() async throws {
    try await withService { service, router, _ in
      let start = try ZonedTime("2026-12-09 22:00 WIB")
      let end = try ZonedTime("2026-12-10 02:00 WIB")
      let jatim = try RegionCode("35")
      #expect(
        await status {
          try await client(router, Self.province).maintenance(
            .init(province: jatim, startsAt: start, endsAt: end, reason: "x")
          )
        } == .permissionDenied
      )
      #expect(
        await status {
          try await client(router, Self.province).maintenance(
            .init(startsAt: start, endsAt: end, reason: "semua")
          )
        } == .permissionDenied
      )
      let refused = await #expect(throws: RPCError.self) {
        try await client(router).maintenance(
          .init(
            host: "kab-sragen.kpu.go.id",
            province: jatim,
            startsAt: end,
            endsAt: try ZonedTime("2026-12-01 00:00 WIB"),
            reason: ""
          )
        )
      }
      for problem in ["not both", "endsAt is not after startsAt", "in the past", "say why"] {
        #expect(refused?.message.contains(problem) == true, "\(problem)")
      }
      #expect(
        await status {
          try await client(router).maintenance(
            .init(startsAt: start, endsAt: try ZonedTime("2026-12-30 00:00 WIB"), reason: "lama")
          )
        } == .invalidArgument
      )
      let province = try await client(router, Self.province).maintenance(
        .init(province: try RegionCode("33"), startsAt: start, endsAt: end, reason: "pemeliharaan jaringan")
      )
      let everyone = try await client(router).maintenance(.init(startsAt: start, endsAt: end, reason: "DNS"))
      let jatimWindow = try await client(router).maintenance(
        .init(province: jatim, startsAt: start, endsAt: end, reason: "DNS Jatim")
      )
      let seen = try await client(router, Self.province).maintenanceWindows(.init()).windows.map(\.id)
      #expect(Set(seen) == [province.id, everyone.id])
      #expect(try await client(router).maintenanceWindows(.init()).windows.count == 3)
      #expect(
        await status {
          try await client(router, Self.province).endMaintenance(.init(id: jatimWindow.id, reason: "x"))
        } == .permissionDenied
      )
      let ended = try await client(router, Self.province).endMaintenance(
        .init(id: province.id, reason: "batal")
      )
      #expect(ended.endedAt == clock.now && ended.endedBy == "jateng.admin")
      #expect(
        await status {
          try await client(router, Self.province).endMaintenance(.init(id: province.id, reason: "lagi"))
        } == .failedPrecondition
      )
      #expect(
        try await client(router, Self.province).maintenanceWindows(.init()).windows.map(\.id) == [everyone.id]
      )
      #expect(
        try await client(router, Self.province).maintenanceWindows(.init(includePast: true)).windows.count
          == 2
      )
      // Inside the window for every site, each shows when it ends.
      clock.advance(by: 38 * 3600)
      #expect(
        try await client(router).site(.init(host: "kab-sragen.kpu.go.id")).maintenanceUntil == end.instant
      )
      // One site's own lookup (what a check asks) takes its province's windows and every site's.
      let later = try ZonedTime("2026-12-10 05:00 WIB")
      _ = try await client(router).maintenance(
        .init(province: jatim, startsAt: try ZonedTime("2026-12-09 23:00 WIB"), endsAt: later, reason: "DNS")
      )
      #expect(try service.store.maintenanceUntil("kab-ngawi.kpu.go.id", at: clock.now) == later.instant)
      #expect(try service.store.maintenanceUntil("kab-sragen.kpu.go.id", at: clock.now) == end.instant)
      #expect(try service.store.maintenanceUntil("kpu.go.id", at: clock.now) == end.instant)
    }
  }
}
