public import Foundation
public import IPPSchema

extension Monitor {
  /// How finely `History` answers: each check (kept 7 days), or an hour's or a day's checks
  /// together (kept 400 days; a day in the site's zone).
  public enum Resolution: String, Codable, Sendable {
    case checks
    case hourly
    case daily
  }

  /// `History`: a site's checks from `from` to `to` (the last 24 hours, 7 days or 400 days by
  /// resolution when left out), newest first, at most `limit` (500; 1 to 2000).
  public struct HistoryRequest: Codable, Sendable {
    public var host: String
    public var resolution: Resolution
    public var from: Date?
    public var to: Date?
    public var limit: Int?

    public init(host: String, resolution: Resolution, from: Date? = nil, to: Date? = nil, limit: Int? = nil) {
      self.host = host
      self.resolution = resolution
      self.from = from
      self.to = to
      self.limit = limit
    }
  }

  /// One check, or an hour's or day's checks together.
  public struct HistoryPoint: Codable, Sendable, Equatable {
    /// The check's time, or the start of its hour or day.
    public var at: Date
    public var checks: Int
    /// How many of them were good.
    public var good: Int
    public var latencyAverageMilliseconds: Int
    public var latencyMaxMilliseconds: Int
    /// For a single check: its status, and why it failed.
    public var status: Int?
    public var failure: String?

    public init(
      at: Date,
      checks: Int,
      good: Int,
      latencyAverageMilliseconds: Int,
      latencyMaxMilliseconds: Int,
      status: Int? = nil,
      failure: String? = nil
    ) {
      self.at = at
      self.checks = checks
      self.good = good
      self.latencyAverageMilliseconds = latencyAverageMilliseconds
      self.latencyMaxMilliseconds = latencyMaxMilliseconds
      self.status = status
      self.failure = failure
    }
  }

  public struct HistoryResponse: Codable, Sendable, Equatable {
    public var points: [HistoryPoint]
    /// True when there were more in the span than `limit`: ask again with `to` before the last.
    public var more: Bool

    public init(points: [HistoryPoint], more: Bool) {
      self.points = points
      self.more = more
    }
  }
}
