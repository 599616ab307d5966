public import Foundation
public import IPPSchema

extension Monitor {
  /// `ProvinceActivity`: the report a province reads in its coordination meeting.
  public struct ProvinceActivityRequest: Codable, Sendable {
    public var province: RegionCode

    public init(province: RegionCode) {
      self.province = province
    }
  }

  /// One office's site in the report.
  public struct ActivityRow: Codable, Sendable, Equatable {
    public var region: RegionCode
    public var name: String
    public var host: String
    public var availability: Availability
    public var activity: Activity
    public var stale: Bool
    public var lastPostDay: CalendarDay?
    public var daysSinceLastPost: Int?
    public var postsLast30Days: Int
    /// Posts dated in each of the last 12 weeks, the oldest first; the last is the 7 days ending
    /// today.
    public var postsPerWeek: [Int]
    public var uptime: Uptime
    public var certificateDaysLeft: Int?

    public init(
      region: RegionCode,
      name: String,
      host: String,
      availability: Availability,
      activity: Activity,
      stale: Bool,
      lastPostDay: CalendarDay?,
      daysSinceLastPost: Int?,
      postsLast30Days: Int,
      postsPerWeek: [Int],
      uptime: Uptime,
      certificateDaysLeft: Int?
    ) {
      self.region = region
      self.name = name
      self.host = host
      self.availability = availability
      self.activity = activity
      self.stale = stale
      self.lastPostDay = lastPostDay
      self.daysSinceLastPost = daysSinceLastPost
      self.postsLast30Days = postsLast30Days
      self.postsPerWeek = postsPerWeek
      self.uptime = uptime
      self.certificateDaysLeft = certificateDaysLeft
    }
  }

  /// The province's own site first, then each kab/kota in code order (the order a meeting goes
  /// round), with counts of each activity.
  public struct ProvinceActivityResponse: Codable, Sendable, Equatable {
    public var province: RegionCode
    public var name: String
    /// The day the report is for, in the province's zone.
    public var day: CalendarDay
    public var rows: [ActivityRow]
    /// How many sites are in each activity state, and down, and stale.
    public var activityCounts: [Activity: Int]
    public var down: Int
    public var stale: Int

    public init(
      province: RegionCode,
      name: String,
      day: CalendarDay,
      rows: [ActivityRow],
      activityCounts: [Activity: Int],
      down: Int,
      stale: Int
    ) {
      self.province = province
      self.name = name
      self.day = day
      self.rows = rows
      self.activityCounts = activityCounts
      self.down = down
      self.stale = stale
    }
  }
}
