public import Foundation
public import Logging
public import ServiceRuntime
internal import IPPSchema
internal import NotifyAPI

/// Reads each site's pages when its schedule says (hourly by default, ±10 % jitter, 4 sites at
/// once) for its posts, and its certificate for when it expires:
///
/// - the CMS news listings `/index.php/blog/category/104` (Berita) and `105` (Sosialisasi), and
///   the pages an admin watches, each kept as a ``PostListing`` fingerprint;
/// - when they link posts but date none: the first post's own page (`/blog/read/<slug>`);
/// - when still no day: `/sitemap.xml`, then `/feed`; else the pages' `Last-Modified`.
///
/// A site is stale when nothing changed for `rules.staleAfterDays`; its certificate an alert when
/// it expires within `rules.certificateWarningDays`. Each is told to ipp-notify when it starts
/// and ends, outside maintenance, through the outbox written with the reading.
public struct FreshnessChecker: Sendable {
  /// The listings read on every site: KPU's CMS categories 104 (Berita) and 105 (Sosialisasi).
  public static let listings = ["/index.php/blog/category/104", "/index.php/blog/category/105"]
  /// Where a post's day is looked for when no listing dates one.
  static let feeds = ["/sitemap.xml", "/feed"]

  let store: MonitorStore
  let prober: SiteProber
  let certificates: CertificateReader?
  let clock: any WallClock
  let rules: FreshnessRules
  let schedule: CheckSchedule
  let logger: Logger

  public init(
    store: MonitorStore,
    prober: SiteProber,
    certificates: CertificateReader?,
    clock: any WallClock,
    rules: FreshnessRules = FreshnessRules(),
    schedule: CheckSchedule = CheckSchedule(interval: 3600, concurrency: 4),
    logger: Logger
  ) {
    self.store = store
    self.prober = prober
    self.certificates = certificates
    self.clock = clock
    self.rules = rules
    self.schedule = schedule
    self.logger = logger
  }

  /// Reads every site due now; answers how many were read.
  @discardableResult
  public func readDue() async throws -> Int {
    let due = try store.freshnessDue(at: clock.now, limit: 10_000)
    _ = try await forEach(due, atMost: schedule.concurrency) { try await read($0) }
    return due.count
  }

  /// Reads one site's pages and certificate now, and records what they show.
  public func read(_ host: String) async throws {
    guard let target = try store.freshnessTarget(host), let base = Self.base(of: target.url) else { return }
    let zone = (target.region?.region.zone ?? .wib).timeZone
    let today = CalendarDay(clock.now, in: zone)
    var fingerprints: [String: String] = [:]
    var posts: [PostListing.Post] = []
    var newest: CalendarDay?
    var lastModified: CalendarDay?
    for url in Self.listings.map({ base + $0 }) + target.pages {
      let result = await prober.check(url)
      guard result.failure == nil else { continue }
      let listing = PostListing(page: result.body, fetchedOn: today)
      fingerprints[url] = listing.fingerprint
      posts += listing.posts
      newest = [newest, listing.newestDay].compactMap { $0 }.max()
      lastModified = [lastModified, result.lastModified.flatMap { Self.day(httpDate: $0, in: zone) }]
        .compactMap { $0 }.max()
    }
    if let first = posts.first, posts.allSatisfy({ $0.day == nil }) {
      newest = [newest, await articleDay(first, base: base, today: today)].compactMap { $0 }.max()
    }
    if newest == nil { newest = await feedDay(base: base, today: today) ?? lastModified }
    let now = clock.now
    // The certificate of the page checked, which an admin may have moved to another host.
    var notAfter: Date?
    if let page = URLComponents(string: target.url), page.scheme?.lowercased() == "https",
      let pageHost = page.host
    {
      notAfter = await certificates?.notAfter(host: pageHost, port: page.port ?? 443)
    }
    let changed = fingerprints.contains { url, fingerprint in
      target.fingerprints[url].map { $0 != fingerprint } ?? false
    }
    let lastPostDay = [target.lastPostDay, newest].compactMap { $0 }.max()
    let unchangedSince = rules.unchangedSince(
      lastPostDay: lastPostDay,
      changedAt: changed ? now : target.changedAt,
      firstReadAt: target.firstReadAt ?? (fingerprints.isEmpty ? nil : now),
      zone: zone
    )
    let stale = rules.isStale(unchangedSince: unchangedSince, at: now)
    let expiring = rules.certificateExpiring(notAfter ?? target.certificateNotAfter, at: now)
    // Maintenance only matters when something is owed to ipp-notify.
    let owed = stale != target.announcedStale || expiring != target.announcedCertificate
    let quiet = try owed && store.maintenanceUntil(host, at: now) != nil
    var events: [Notify.RaiseEventRequest] = []
    if !quiet, stale != target.announcedStale {
      events.append(
        staleEvent(target, stale: stale, since: unchangedSince, lastPostDay: lastPostDay, at: now)
      )
    }
    if !quiet, expiring != target.announcedCertificate, let expiry = notAfter ?? target.certificateNotAfter {
      events.append(certificateEvent(target, expiring: expiring, notAfter: expiry, at: now))
    }
    try store.recordFreshness(
      MonitorStore.FreshnessReading(
        host: host,
        at: now,
        fingerprints: fingerprints,
        posts: posts,
        newestDay: newest,
        changed: changed,
        certificateNotAfter: notAfter,
        announcedStale: quiet ? target.announcedStale : stale,
        announcedCertificate: quiet ? target.announcedCertificate : expiring,
        nextReadAt: schedule.next(after: now)
      ),
      events: events
    )
    if !events.isEmpty {
      logger.notice(
        "site freshness changed",
        metadata: ["ipp.host": "\(host)", "ipp.stale": "\(stale)", "ipp.certificate_expiring": "\(expiring)"]
      )
    }
  }

  /// The day a post's own page is dated, for a listing that dates none.
  private func articleDay(_ post: PostListing.Post, base: String, today: CalendarDay) async -> CalendarDay? {
    let article = await prober.check(base + post.link)
    guard article.failure == nil else { return nil }
    return PostDates.newest(in: PostListing.visibleText(article.body), fetchedOn: today)
  }

  /// The newest day a sitemap or feed gives, for a site whose pages gave none.
  private func feedDay(base: String, today: CalendarDay) async -> CalendarDay? {
    for feed in Self.feeds {
      let result = await prober.check(base + feed)
      if result.failure == nil, let day = PostListing(page: result.body, fetchedOn: today).newestDay {
        return day
      }
    }
    return nil
  }

  /// `https://host[:port]` of a URL.
  static func base(of url: String) -> String? {
    guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else {
      return nil
    }
    return "\(scheme)://\(host)" + (parts.port.map { ":\($0)" } ?? "")
  }

  /// The day of an HTTP date (`Fri, 09 May 2025 03:00:00 GMT`) in `zone`.
  static func day(httpDate: String, in zone: TimeZone) -> CalendarDay? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: httpDate).map { CalendarDay($0, in: zone) }
  }

  private func staleEvent(
    _ target: MonitorStore.FreshnessTarget,
    stale: Bool,
    since: Date?,
    lastPostDay: CalendarDay?,
    at now: Date
  ) -> Notify.RaiseEventRequest {
    let days = since.map { Int(now.timeIntervalSince($0) / 86_400) } ?? 0
    let summary =
      stale
      ? "tidak diperbarui selama \(days) hari"
        + (lastPostDay.map { "; berita terakhir \($0.indonesian)" } ?? "")
      : "diperbarui lagi" + (lastPostDay.map { "; berita terakhir \($0.indonesian)" } ?? "")
    return Notify.RaiseEventRequest(
      eventID: "",
      kind: .siteStale,
      severity: .warning,
      region: target.region,
      subject: target.host,
      summary: summary,
      resolved: !stale,
      occurredAt: now
    )
  }

  private func certificateEvent(
    _ target: MonitorStore.FreshnessTarget,
    expiring: Bool,
    notAfter: Date,
    at now: Date
  ) -> Notify.RaiseEventRequest {
    let zone = target.region?.region.zone ?? .wib
    let days = FreshnessRules.daysLeft(until: notAfter, at: now)
    let until = CalendarDay(notAfter, in: zone.timeZone).indonesian
    let summary =
      !expiring
      ? "sertifikat TLS diperbarui, berlaku sampai \(until)"
      : days < 0
        ? "sertifikat TLS kedaluwarsa sejak \(until)" : "sertifikat TLS berakhir \(until) (\(days) hari lagi)"
    return Notify.RaiseEventRequest(
      eventID: "",
      kind: .certificateExpiring,
      severity: days < 3 ? .critical : .warning,
      region: target.region,
      subject: target.host,
      summary: summary,
      resolved: !expiring,
      occurredAt: now
    )
  }
}
