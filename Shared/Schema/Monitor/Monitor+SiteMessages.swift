public import Foundation
public import IPPSchema

extension Monitor {
  /// Whether a site is up, by the thresholds: unknown until its first verdict.
  public enum Availability: String, Codable, Sendable {
    case unknown
    case up
    case down
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
      daysSinceLastPost: Int? = nil
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
  /// only those in `availability`, if given.
  public struct SitesRequest: Codable, Sendable {
    public var province: RegionCode?
    public var availability: Availability?

    public init(province: RegionCode? = nil, availability: Availability? = nil) {
      self.province = province
      self.availability = availability
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
