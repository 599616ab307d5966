public import Foundation
public import IPPSchema

extension Monitor {
  /// Whether a site is up, by the thresholds: unknown until its first verdict.
  public enum Availability: String, Codable, Sendable {
    case unknown
    case up
    case down
  }

  /// How current a site is kept, by the days its posts are dated (thresholds in the monitor's
  /// settings): unknown until its pages have been read.
  public enum Activity: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case unknown
    /// As many posts in the last 7 days as `activity.active_posts_per_week` (5: one per working
    /// day) or more.
    case active
    /// A post in the last `activity.inactive_after_days` (7), but fewer than that.
    case slowing
    /// None in the last 7 days.
    case inactive
    /// None in the last `activity.very_inactive_after_days` (30), or none ever seen.
    case veryInactive
  }

  /// The share of good checks (0 to 1) over the last 24 hours, and over the last 7 and 30 days
  /// ending today in the site's zone (today so far included); nil where there was no check.
  public struct Uptime: Codable, Sendable, Equatable {
    public var last24Hours: Double?
    public var last7Days: Double?
    public var last30Days: Double?

    public init(last24Hours: Double? = nil, last7Days: Double? = nil, last30Days: Double? = nil) {
      self.last24Hours = last24Hours
      self.last7Days = last7Days
      self.last30Days = last30Days
    }
  }

  /// A KPU website.
  public struct Site: Codable, Sendable, Equatable {
    /// The office: a region, or nil for KPU RI.
    public var region: RegionCode?
    /// The region's name, or `KPU RI`.
    public var name: String
    /// `kab-sragen.kpu.go.id`: what the site is known by.
    public var host: String
    /// The page checked for being up: `https://<host>/` unless an admin corrected it.
    public var url: String
    /// The public page the host was seen on; nil when it is derived by the rule only.
    public var hostSeenAt: String?
    /// Pages watched for posts besides the news listing (PPID, JDIH pages).
    public var pages: [String]
    public var availability: Availability
    /// Since when it is down, and why (`HTTP 503`, `connect: refused or unreachable`).
    public var downSince: Date?
    public var downReason: String?
    public var lastCheckedAt: Date?
    /// The last check's HTTP status, if it answered.
    public var lastStatus: Int?
    public var lastLatencyMilliseconds: Int?
    /// The newest day a post was dated on the pages checked so far (the home page lists the
    /// latest news), and how many days ago that is in the site's zone.
    public var lastPostDay: CalendarDay?
    public var daysSinceLastPost: Int?
    public var activity: Activity
    /// Posts dated in the last 7 and 30 days (today included), as the site's listings showed them.
    public var postsLast7Days: Int
    public var postsLast30Days: Int
    /// When its pages were last read for posts.
    public var lastReadAt: Date?
    /// Since when nothing on its pages changed (no new post, no watched page changed); nil before
    /// they are first read.
    public var unchangedSince: Date?
    /// True when nothing changed for `stale.after_days` (14) days.
    public var stale: Bool
    /// When its TLS certificate expires, and the whole days left until then.
    public var certificateNotAfter: Date?
    public var certificateDaysLeft: Int?
    /// The end of the maintenance window it is in now, if any: nothing alerts until then.
    public var maintenanceUntil: Date?
    public var uptime: Uptime

    public init(
      region: RegionCode?,
      name: String,
      host: String,
      url: String,
      hostSeenAt: String?,
      pages: [String],
      availability: Availability,
      downSince: Date?,
      downReason: String?,
      lastCheckedAt: Date?,
      lastStatus: Int?,
      lastLatencyMilliseconds: Int?,
      lastPostDay: CalendarDay? = nil,
      daysSinceLastPost: Int? = nil,
      activity: Activity = .unknown,
      postsLast7Days: Int = 0,
      postsLast30Days: Int = 0,
      lastReadAt: Date? = nil,
      unchangedSince: Date? = nil,
      stale: Bool = false,
      certificateNotAfter: Date? = nil,
      certificateDaysLeft: Int? = nil,
      maintenanceUntil: Date? = nil,
      uptime: Uptime = Uptime()
    ) {
      self.region = region
      self.name = name
      self.host = host
      self.url = url
      self.hostSeenAt = hostSeenAt
      self.pages = pages
      self.availability = availability
      self.downSince = downSince
      self.downReason = downReason
      self.lastCheckedAt = lastCheckedAt
      self.lastStatus = lastStatus
      self.lastLatencyMilliseconds = lastLatencyMilliseconds
      self.lastPostDay = lastPostDay
      self.daysSinceLastPost = daysSinceLastPost
      self.activity = activity
      self.postsLast7Days = postsLast7Days
      self.postsLast30Days = postsLast30Days
      self.lastReadAt = lastReadAt
      self.unchangedSince = unchangedSince
      self.stale = stale
      self.certificateNotAfter = certificateNotAfter
      self.certificateDaysLeft = certificateDaysLeft
      self.maintenanceUntil = maintenanceUntil
      self.uptime = uptime
    }
  }

  /// `Site`, `CheckNow`: which site, by its host.
  public struct SiteRequest: Codable, Sendable {
    public var host: String

    public init(host: String) {
      self.host = host
    }
  }

  /// `Sites`: a province's (its own site and its kab/kota's), or all in the caller's scope;
  /// narrowed by each filter given.
  public struct SitesRequest: Codable, Sendable {
    public var province: RegionCode?
    public var availability: Availability?
    public var activity: Activity?
    /// True for the stale sites only, false for the others.
    public var stale: Bool?
    /// Only sites whose certificate expires within so many days (expired ones included).
    public var certificateExpiringWithinDays: Int?

    public init(
      province: RegionCode? = nil,
      availability: Availability? = nil,
      activity: Activity? = nil,
      stale: Bool? = nil,
      certificateExpiringWithinDays: Int? = nil
    ) {
      self.province = province
      self.availability = availability
      self.activity = activity
      self.stale = stale
      self.certificateExpiringWithinDays = certificateExpiringWithinDays
    }
  }

  /// KPU RI's first, then by region code.
  public struct SitesResponse: Codable, Sendable, Equatable {
    public var sites: [Site]

    public init(sites: [Site]) {
      self.sites = sites
    }
  }

  /// `UpdateSite`: what to change; a field left out stays as it is.
  public struct UpdateSiteRequest: Codable, Sendable {
    public var host: String
    /// The page to check for being up: an https (or http) URL on the site's own host or another.
    public var url: String?
    /// The pages watched for posts (at most 10), replacing those set before.
    public var pages: [String]?
    /// Why: kept in the log.
    public var reason: String

    public init(host: String, url: String? = nil, pages: [String]? = nil, reason: String) {
      self.host = host
      self.url = url
      self.pages = pages
      self.reason = reason
    }
  }
}
