internal import IPPSchema
internal import MonitorAPI
internal import RPCCore

/// `/provinsi/33/situs`: the province's websites, the very inactive first: each one's state,
/// days since its last post, posts per week over 12 weeks (a small chart), uptime over 30 days
/// and the days its certificate has left.
struct SitesPage: Sendable {
  struct Row: Sendable {
    let name: String
    let host: String
    let href: String
    let sparkline: String
    let facts: SiteFacts
  }

  let chrome: PageChrome
  let t: [String: String]
  let name: String
  let provinceHref: String
  let day: String?
  let notice: String?
  let summary: String?
  let rows: [Row]

  static func load<Caller: RPCCaller>(
    _ clients: ServiceClients<Caller>,
    _ session: ViewerSession,
    _ province: RegionCode,
    _ texts: Texts
  ) async throws -> SitesPage {
    let report = try await PagePart.load(from: "ipp-monitor", in: texts) {
      try await clients.monitor.provinceActivity(.init(province: province), options: clients.options(session))
    }
    let rows = (report.value?.rows ?? []).sorted(by: meetingOrder).map { row in
      Row(
        name: row.name,
        host: row.host,
        href: "/wilayah/\(row.region.rawValue)",
        sparkline: SVGCharts.sparkline(
          row.postsPerWeek,
          label: texts.format(
            "sites_weeklyof",
            row.host,
            row.postsPerWeek.map(String.init).joined(separator: ", ")
          )
        ),
        facts: SiteFacts(
          availability: row.availability,
          activity: row.activity,
          stale: row.stale,
          daysSinceLastPost: row.daysSinceLastPost,
          uptime: row.uptime,
          certificateDaysLeft: row.certificateDaysLeft,
          texts: texts
        )
      )
    }
    return SitesPage(
      chrome: PageChrome(
        title: "\(texts["sites_title"]) — \(province.region.name)",
        path: "/provinsi/\(province.rawValue)/situs",
        texts: texts,
        session: session
      ),
      t: texts.table,
      name: province.region.name,
      provinceHref: "/provinsi/\(province.rawValue)",
      day: report.value.map { "\($0.day.rawValue)" },
      notice: report.notice,
      summary: report.value.map {
        texts.format(
          "sites_summary",
          "\($0.down)",
          "\($0.stale)",
          "\($0.activityCounts[.veryInactive] ?? 0)"
        )
      },
      rows: rows
    )
  }

  /// The very inactive first, then inactive, slowing, not read yet, active; within each, the
  /// down ones first, then the longest without a post.
  static func meetingOrder(_ left: Monitor.ActivityRow, _ right: Monitor.ActivityRow) -> Bool {
    let order: [Monitor.Activity] = [.veryInactive, .inactive, .slowing, .unknown, .active]
    let leftRank = order.firstIndex(of: left.activity) ?? order.count
    let rightRank = order.firstIndex(of: right.activity) ?? order.count
    if leftRank != rightRank { return leftRank < rightRank }
    if (left.availability == .down) != (right.availability == .down) { return left.availability == .down }
    let leftDays = left.daysSinceLastPost ?? Int.max
    let rightDays = right.daysSinceLastPost ?? Int.max
    if leftDays != rightDays { return leftDays > rightDays }
    return left.region < right.region
  }
}
