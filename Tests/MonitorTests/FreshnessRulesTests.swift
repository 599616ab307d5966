import Foundation
import IPPMonitor
import IPPSchema
import MonitorAPI
import ServiceRuntime
import Testing

/// The thresholds that make a site active, slowing, inactive or very inactive, stale, or its
/// certificate an alert, at their edges; and the settings that set them.
@Suite struct FreshnessRulesTests {
  let rules = FreshnessRules()
  let today = try! CalendarDay("2026-12-08")

  @Test(arguments: [
    ("2026-12-08", 5, Monitor.Activity.active),
    ("2026-12-08", 4, .slowing),
    ("2026-12-01", 0, .slowing),  // 7 days ago: still within the week
    ("2026-11-30", 0, .inactive),
    ("2026-11-08", 0, .inactive),  // 30 days ago
    ("2026-11-07", 0, .veryInactive),
  ])
  func activityFollowsTheDaysPostsAreDated(
    last: String,
    postsThisWeek: Int,
    expected: Monitor.Activity
  ) throws {
    let activity = rules.activity(
      lastPostDay: try CalendarDay(last),
      postsLast7Days: postsThisWeek,
      read: true,
      today: today
    )
    #expect(activity == expected)
  }

  @Test func aSiteNeverReadIsUnknownAndOneWithoutPostsVeryInactive() {
    #expect(rules.activity(lastPostDay: nil, postsLast7Days: 0, read: false, today: today) == .unknown)
    #expect(rules.activity(lastPostDay: nil, postsLast7Days: 0, read: true, today: today) == .veryInactive)
  }

  @Test func staleAfterFourteenDaysOfNoChangeCountedFromTheLaterOfPostAndChange() throws {
    let zone = Region.Zone.wita.timeZone
    let lastPost = try CalendarDay("2026-11-20")
    let midnight = lastPost.start(in: zone)
    let edited = midnight + 5 * 86_400
    #expect(
      rules.unchangedSince(lastPostDay: lastPost, changedAt: nil, firstReadAt: nil, zone: zone) == midnight
    )
    #expect(
      rules.unchangedSince(lastPostDay: lastPost, changedAt: edited, firstReadAt: nil, zone: zone) == edited
    )
    #expect(rules.unchangedSince(lastPostDay: nil, changedAt: nil, firstReadAt: edited, zone: zone) == edited)
    #expect(!rules.isStale(unchangedSince: midnight, at: midnight + 14 * 86_400 - 1))
    #expect(rules.isStale(unchangedSince: midnight, at: midnight + 14 * 86_400))
    #expect(!rules.isStale(unchangedSince: nil, at: midnight))
  }

  @Test func aCertificateAlertsWithinItsWarningDays() {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    #expect(rules.certificateExpiring(now + 14 * 86_400, at: now))
    #expect(!rules.certificateExpiring(now + 14 * 86_400 + 1, at: now))
    #expect(rules.certificateExpiring(now - 1, at: now))
    #expect(!rules.certificateExpiring(nil, at: now))
    #expect(FreshnessRules.daysLeft(until: now + 5.5 * 86_400, at: now) == 5)
    #expect(FreshnessRules.daysLeft(until: now - 3600, at: now) == -1)
  }

  @Test func settingsSetTheThresholdsAndRefuseWhatCannotBe() throws {
    var values = MonitorSettings.keys.reduce(into: [String: String]()) { $0[$1.key] = $1.defaultValue }
    #expect(try MonitorSettings(values).rules == FreshnessRules())
    values["stale.after_days"] = "21"
    values["activity.active_posts_per_week"] = "3"
    let read = try MonitorSettings(values)
    #expect(read.rules.staleAfterDays == 21 && read.rules.activePostsPerWeek == 3)
    #expect(read.retention == MonitorStore.Retention(rawDays: 7, rollupDays: 400))
    values["activity.very_inactive_after_days"] = "5"
    #expect(throws: ConfigurationError.self) { try MonitorSettings(values) }
    values["activity.very_inactive_after_days"] = "30"
    values["history.rollup_days"] = "10"
    let refused = #expect(throws: ConfigurationError.self) { try MonitorSettings(values) }
    #expect(refused?.key == "history.rollup_days")
  }
}
