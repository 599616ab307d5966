public import Foundation
public import Logging
public import ServiceRuntime
internal import IPPSchema
internal import NotifyAPI

/// Checks the sites that are due, as many at once as its schedule says, records each check, the
/// state it leads to and the newest post day its page shows (a KPU home page lists the latest
/// news), and when the site is checked next.
public struct AvailabilityChecker: Sendable {
  /// A change a check made.
  public struct Change: Sendable, Equatable {
    public var host: String
    public var change: SiteAvailability.Change

    public init(host: String, change: SiteAvailability.Change) {
      self.host = host
      self.change = change
    }
  }

  let store: MonitorStore
  let prober: SiteProber
  let clock: any WallClock
  let schedule: CheckSchedule
  let thresholds: SiteAvailability.Thresholds
  let logger: Logger

  public init(
    store: MonitorStore,
    prober: SiteProber,
    clock: any WallClock,
    schedule: CheckSchedule = CheckSchedule(interval: 300, concurrency: 16),
    thresholds: SiteAvailability.Thresholds = .init(),
    logger: Logger
  ) {
    self.store = store
    self.prober = prober
    self.clock = clock
    self.schedule = schedule
    self.thresholds = thresholds
    self.logger = logger
  }

  /// Checks every site due now; answers the changes, in no particular order.
  @discardableResult
  public func checkDue() async throws -> [Change] {
    let due = try store.due(at: clock.now, limit: 10_000)
    return try await forEach(due, atMost: schedule.concurrency) { try await check($0) }.compactMap { $0 }
  }

  /// Checks one site now and records it; answers what changed, if anything.
  @discardableResult
  public func check(_ target: MonitorStore.Target) async throws -> Change? {
    let result = await prober.check(target.url)
    let now = clock.now
    let (state, change) = target.availability.after(result.failure, at: now, thresholds: thresholds)
    let next = schedule.next(after: now)
    let event = try announcement(of: state, change: change, for: target, at: now)
    let today = CalendarDay(now, in: (target.region?.region.zone ?? .wib).timeZone)
    let newestPost = result.failure == nil ? PostDates.newest(in: result.body, fetchedOn: today) : nil
    try store.record(
      result,
      of: target.host,
      state: state,
      event: event,
      newestPost: newestPost,
      today: today,
      at: now,
      nextCheckAt: next
    )
    switch change {
    case .wentDown(let reason)?:
      logger.notice("site went down", metadata: ["ipp.host": "\(target.host)", "ipp.reason": "\(reason)"])
    case .recovered(let downFor)?:
      logger.notice(
        "site recovered",
        metadata: ["ipp.host": "\(target.host)", "ipp.down_seconds": "\(Int(downFor))"]
      )
    case nil:
      break
    }
    return change.map { Change(host: target.host, change: $0) }
  }

  /// The event ipp-notify is owed after a check, if any: when the site is down and notify was
  /// not told so, or the other way round, outside maintenance. So a site down and back within a
  /// window alerts nothing, and one still down when its window ends alerts at the next check.
  func announcement(
    of state: SiteAvailability,
    change: SiteAvailability.Change?,
    for target: MonitorStore.Target,
    at now: Date
  ) throws -> Notify.RaiseEventRequest? {
    let news: News
    switch (state, change) {
    case (.down(let since, let reason, _), _): news = .down(reason, since: since)
    case (_, .recovered(let downFor)?): news = .up(downFor: downFor)
    case (.up, _), (.unknown, _): news = .up(downFor: nil)
    }
    guard news.isDown != target.announcedDown, try store.maintenanceUntil(target.host, at: now) == nil else {
      return nil
    }
    return Self.event(news, of: target, at: now)
  }

  /// What ipp-notify hears: down and why, or up again, after how long when that is known (not
  /// when it came back during maintenance).
  enum News {
    case down(CheckFailure, since: Date)
    case up(downFor: TimeInterval?)

    var isDown: Bool {
      if case .down = self { true } else { false }
    }
  }

  /// What ipp-notify is told of a change, in Indonesian with the time in the site's zone: a site
  /// down is a warning (KPU RI's own site critical), and its recovery resolves it.
  static func event(
    _ news: News,
    of target: MonitorStore.Target,
    at now: Date
  )
    -> Notify.RaiseEventRequest
  {
    let zone = target.region?.region.zone ?? .wib
    let clockTime = { (instant: Date) in
      ZonedTime(instant, in: zone).rawValue.split(separator: " ")[1].replacingOccurrences(of: ":", with: ".")
    }
    let time = clockTime(now)
    let summary: String
    let resolved: Bool
    switch news {
    case .down(let reason, let since):
      summary = "tidak dapat diakses sejak pukul \(clockTime(since)) \(zone.rawValue): \(reason)"
      resolved = false
    case .up(let downFor?):
      summary = "dapat diakses lagi pukul \(time) \(zone.rawValue), setelah \(Int(downFor / 60)) menit"
      resolved = true
    case .up(nil):
      summary = "dapat diakses lagi pukul \(time) \(zone.rawValue)"
      resolved = true
    }
    return Notify.RaiseEventRequest(
      eventID: "",
      kind: .siteDown,
      severity: target.region == nil ? .critical : .warning,
      region: target.region,
      subject: target.host,
      summary: summary,
      resolved: resolved,
      occurredAt: now
    )
  }
}
