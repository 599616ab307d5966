public import Foundation
internal import IPPSchema
public import MonitorAPI
public import RPCCore
internal import Logging
internal import ServiceRuntime

/// The reports: a province's coordination-meeting report, and a site's history.
extension MonitorService {
  /// `ProvinceActivity`: the province's own site, then each kab/kota's, in code order.
  public func provinceActivity(
    _ request: Monitor.ProvinceActivityRequest,
    context: RPCContext
  ) throws -> Monitor.ProvinceActivityResponse {
    guard request.province.level == .province else {
      throw RPCError(
        code: .invalidArgument,
        message: "province is a province code such as 33, not \(request.province)"
      )
    }
    try context.requireAccess(toRegion: request.province.rawValue)
    let now = clock.now
    let code = request.province.rawValue
    let sites = try store.sites(at: now, rules: rules).filter { site in
      site.region.map { $0.rawValue == code || $0.rawValue.hasPrefix(code + ".") } ?? false
    }
    let perWeek = try store.postsPerWeek(at: now, weeks: 12)
    let rows = sites.compactMap { site -> Monitor.ActivityRow? in
      guard let region = site.region else { return nil }
      return Monitor.ActivityRow(
        region: region,
        name: site.name,
        host: site.host,
        availability: site.availability,
        activity: site.activity,
        stale: site.stale,
        lastPostDay: site.lastPostDay,
        daysSinceLastPost: site.daysSinceLastPost,
        postsLast30Days: site.postsLast30Days,
        postsPerWeek: perWeek[site.host] ?? Array(repeating: 0, count: 12),
        uptime: site.uptime,
        certificateDaysLeft: site.certificateDaysLeft
      )
    }
    let province = request.province.region
    return Monitor.ProvinceActivityResponse(
      province: request.province,
      name: province.name,
      day: CalendarDay(now, in: province.zone.timeZone),
      rows: rows,
      activityCounts: rows.reduce(into: [:]) { $0[$1.activity, default: 0] += 1 },
      down: rows.filter { $0.availability == .down }.count,
      stale: rows.filter(\.stale).count
    )
  }

  /// `History`: a site's checks, one by one or rolled up, newest first.
  public func history(
    _ request: Monitor.HistoryRequest,
    context: RPCContext
  ) throws -> Monitor.HistoryResponse {
    let site = try requireSite(request.host)
    let limit = request.limit ?? 500
    let now = clock.now
    let to = request.to ?? now
    let span: TimeInterval =
      switch request.resolution {
      case .checks: 86_400
      case .hourly: 7 * 86_400
      case .daily: 400 * 86_400
      }
    let from = request.from ?? to - span
    var problems: [String] = []
    if !(1...2000).contains(limit) { problems.append("limit is 1 to 2000, not \(limit)") }
    if from > to { problems.append("from is after to") }
    guard problems.isEmpty else {
      throw RPCError(code: .invalidArgument, message: problems.joined(separator: "; "))
    }
    return try store.history(
      request.host,
      resolution: request.resolution,
      from: from,
      to: to,
      zone: (site.region?.region.zone ?? .wib).timeZone,
      limit: limit
    )
  }
}
