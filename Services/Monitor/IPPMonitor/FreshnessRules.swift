public import Foundation
public import IPPSchema
public import MonitorAPI

/// How current a site counts as, from the days its posts are dated and when its pages last
/// changed: the thresholds of `activity.*`, `stale.after_days` and `certificate.warning_days`.
///
/// The defaults follow the provinces' rule of thumb during election stages, at least one post
/// per working day: 5 in the last 7 days is active.
public struct FreshnessRules: Sendable, Equatable {
  public var activePostsPerWeek = 5
  public var inactiveAfterDays = 7
  public var veryInactiveAfterDays = 30
  /// Nothing changed for so many days: the site is stale, and ipp-notify hears of it.
  public var staleAfterDays = 14
  /// A certificate expiring within so many days is an alert.
  public var certificateWarningDays = 14

  public init() {}

  /// A site's activity on `today`, given the newest day a post is dated and how many posts are
  /// dated in the last 7 days; `read` is whether its pages were ever read.
  public func activity(
    lastPostDay: CalendarDay?,
    postsLast7Days: Int,
    read: Bool,
    today: CalendarDay
  ) -> Monitor.Activity {
    guard read || lastPostDay != nil else { return .unknown }
    guard let lastPostDay else { return .veryInactive }
    let days = lastPostDay.days(until: today)
    if days > veryInactiveAfterDays { return .veryInactive }
    if days > inactiveAfterDays { return .inactive }
    return postsLast7Days >= activePostsPerWeek ? .active : .slowing
  }

  /// Since when nothing changed: the later of the start of the last post's day (in the site's
  /// zone) and the last time a page read differed from the read before; when neither is known,
  /// since its pages were first read.
  public func unchangedSince(
    lastPostDay: CalendarDay?,
    changedAt: Date?,
    firstReadAt: Date?,
    zone: TimeZone
  ) -> Date? {
    [lastPostDay?.start(in: zone), changedAt].compactMap { $0 }.max() ?? firstReadAt
  }

  /// Whether a site unchanged since `unchangedSince` is stale at `now`.
  public func isStale(unchangedSince: Date?, at now: Date) -> Bool {
    unchangedSince.map { now.timeIntervalSince($0) >= Double(staleAfterDays) * 86_400 } ?? false
  }

  /// Whole days left until `notAfter` at `now` (negative once expired).
  public static func daysLeft(until notAfter: Date, at now: Date) -> Int {
    Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
  }

  /// Whether a certificate valid until `notAfter` expires within the warning days of `now`.
  public func certificateExpiring(_ notAfter: Date?, at now: Date) -> Bool {
    notAfter.map { $0.timeIntervalSince(now) <= Double(certificateWarningDays) * 86_400 } ?? false
  }
}
