internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import MonitorAPI
internal import RPC

/// `ippctl sites --province 33 --down`: the KPU websites in the caller's scope with their state
/// (ipp.Monitor/Sites).
struct SitesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sites",
    abstract: "List the KPU websites in your scope: up or down, activity, last post, uptime, certificate.",
    discussion: """
      Each filter narrows the list: --down, --stale, --activity veryInactive, --certificate-within 14. \
      Days are counted in each site's own zone; a down site shows since when, in its zone.
      """
  )

  @OptionGroup var options: CommonOptions

  @Option(help: "A province's code (33): its own site and its kab/kota's.")
  var province: String?

  @Flag(help: "Only the sites that are down.")
  var down = false

  @Flag(help: "Only the stale sites: nothing changed for stale.after_days (14).")
  var stale = false

  @Option(help: "Only the sites of one activity: active, slowing, inactive, veryInactive, unknown.")
  var activity: String?

  @Option(help: "Only the sites whose certificate expires within so many days.")
  var certificateWithin: Int?

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let request = Monitor.SitesRequest(
      province: try province.map(CommonOptions.region),
      availability: down ? .down : nil,
      activity: try activity.map(SiteText.activity),
      stale: stale ? true : nil,
      certificateExpiringWithinDays: certificateWithin
    )
    let answer = try await MethodCall.typed("Monitor", options: options) { client in
      try await Monitor.Client(client).sites(request, options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    var table = TextTable([
      .init(title: "REGION"), .init(title: "NAME"), .init(title: "HOST"), .init(title: "STATE"),
      .init(title: "ACTIVITY"), .init(title: "LAST POST"), .init(title: "DAYS", alignRight: true),
      .init(title: "UPTIME 7D", alignRight: true), .init(title: "CERT DAYS", alignRight: true),
    ])
    for site in answer.sites {
      table.add([
        site.region?.rawValue ?? "-", site.name, site.host, SiteText.state(site), SiteText.activity(site),
        site.lastPostDay?.rawValue ?? "-", site.daysSinceLastPost.map(String.init) ?? "-",
        SiteText.percent(site.uptime.last7Days), site.certificateDaysLeft.map(String.init) ?? "-",
      ])
    }
    print(table.text, terminator: "")
    print("\(answer.sites.count) sites")
  }
}

/// `ippctl site-activity 33`: the report a province reads in its coordination meeting
/// (ipp.Monitor/ProvinceActivity).
struct SiteActivityCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "site-activity",
    abstract: "A province's website report for its coordination meeting, each kab/kota in turn.",
    discussion: """
      The province's own site, then each kab/kota in code order: up or down, activity, last post, \
      posts in the last 30 days, posts per week over 12 weeks (oldest first), uptime over 30 days.
      """
  )

  @OptionGroup var options: CommonOptions

  @Argument(help: "The province's code, such as 33.")
  var province: String

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let code = try CommonOptions.region(province)
    let report = try await MethodCall.typed("Monitor", options: options) { client in
      try await Monitor.Client(client).provinceActivity(.init(province: code), options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(report, compact: options.compact) }
    let counts = Monitor.Activity.allCases.compactMap { activity in
      report.activityCounts[activity].map { "\($0) \(SiteText.activityWords[activity] ?? activity.rawValue)" }
    }
    print(
      "\(report.name) (\(report.province.rawValue)), \(report.day.rawValue): \(report.rows.count) sites; "
        + (counts + ["\(report.down) down", "\(report.stale) stale"]).joined(separator: ", ")
    )
    var table = TextTable([
      .init(title: "REGION"), .init(title: "NAME"), .init(title: "STATE"), .init(title: "ACTIVITY"),
      .init(title: "LAST POST"), .init(title: "DAYS", alignRight: true),
      .init(title: "POSTS 30D", alignRight: true),
      .init(title: "12 WEEKS"), .init(title: "UPTIME 30D", alignRight: true),
    ])
    for row in report.rows {
      table.add([
        row.region.rawValue, row.name, row.availability.rawValue + (row.stale ? ", stale" : ""),
        SiteText.activityWords[row.activity] ?? row.activity.rawValue, row.lastPostDay?.rawValue ?? "-",
        row.daysSinceLastPost.map(String.init) ?? "-", String(row.postsLast30Days),
        SiteText.sparkline(row.postsPerWeek), SiteText.percent(row.uptime.last30Days),
      ])
    }
    print(table.text, terminator: "")
  }
}

/// How the site commands write a site's state for people.
enum SiteText {
  static let activityWords: [Monitor.Activity: String] = [
    .active: "active", .slowing: "slowing", .inactive: "inactive", .veryInactive: "very inactive",
    .unknown: "unknown",
  ]

  /// `up`, `down since 2026-12-02 10:58 WIT`, `unknown`; `, stale` when it is.
  static func state(_ site: Monitor.Site) -> String {
    var text = site.availability.rawValue
    if site.availability == .down, let since = site.downSince {
      text += " since " + ZonedTime(since, in: site.region?.region.zone ?? .wib).rawValue
    }
    if site.maintenanceUntil != nil { text += ", maintenance" }
    return site.stale ? text + ", stale" : text
  }

  /// An activity given on the command line, or a usage error naming those there are.
  static func activity(_ text: String) throws -> Monitor.Activity {
    guard let activity = Monitor.Activity(rawValue: text) else {
      let known = Monitor.Activity.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("--activity is one of \(known), not \(text)")
    }
    return activity
  }

  static func activity(_ site: Monitor.Site) -> String {
    activityWords[site.activity] ?? site.activity.rawValue
  }

  /// `99.5%`, or `-` without checks.
  static func percent(_ share: Double?) -> String {
    share.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
  }

  /// Counts as bars, `▁` for none up to `█` for the most.
  static func sparkline(_ counts: [Int]) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    let most = max(counts.max() ?? 0, 1)
    return String(counts.map { bars[$0 * (bars.count - 1) / most] })
  }
}
