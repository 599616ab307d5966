import Foundation
import IPPSchema
import Testing

/// Days without a time: only real days, written and read as `YYYY-MM-DD`, counted across months
/// and years.
struct CalendarDayTests {
  @Test func onlyRealDaysAreMade() throws {
    #expect(CalendarDay(year: 2024, month: 2, day: 29) != nil)
    #expect(CalendarDay(year: 2025, month: 2, day: 29) == nil)
    #expect(CalendarDay(year: 2025, month: 6, day: 31) == nil)
    #expect(CalendarDay(year: 2025, month: 13, day: 1) == nil)
    #expect(try CalendarDay("2025-05-08") == CalendarDay(year: 2025, month: 5, day: 8))
    #expect(throws: InvalidCalendarDay.self) { try CalendarDay("2025-5-8") }
    #expect(throws: InvalidCalendarDay.self) { try CalendarDay("2025-02-30") }
  }

  @Test func daysAreCountedAcrossMonthsAndYears() throws {
    let eve = try CalendarDay("2025-12-31")
    #expect(eve.adding(days: 1).rawValue == "2026-01-01")
    #expect(eve.adding(days: -365).rawValue == "2024-12-31")
    #expect(try CalendarDay("2024-02-28").days(until: CalendarDay("2024-03-01")) == 2)
    // 23:30 UTC is already the next day in WITA.
    let instant = try ZonedTime("2026-12-16 00:30 WITA").instant
    #expect(CalendarDay(instant, in: Region.Zone.wita.timeZone).rawValue == "2026-12-16")
    #expect(CalendarDay(instant, in: Region.Zone.wib.timeZone).rawValue == "2026-12-15")
  }
}
