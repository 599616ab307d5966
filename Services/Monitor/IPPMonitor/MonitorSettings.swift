public import Foundation
public import ServiceRuntime
internal import NIOPosix
internal import NIOCore

/// ipp-monitor's own settings, read and checked at start: how and how often sites are checked,
/// and where KPU hosts resolve to when they must not be reached (tests, `make run`).
public struct MonitorSettings: Sendable {
  public var overrides: [ResolveOverride]
  /// Whether the real KPU hosts may be probed: true in production only. Without it (and without
  /// overrides) nothing is probed, so a development or test machine never reaches a real host.
  public var realHosts: Bool
  public var trustRoots: [String]
  public var limits: SiteProber.Limits
  public var interval: TimeInterval
  public var concurrency: Int
  public var thresholds: SiteAvailability.Thresholds
  public var rules: FreshnessRules
  public var readInterval: TimeInterval
  public var readConcurrency: Int
  public var retention: MonitorStore.Retention

  /// The keys, their meaning and defaults, for the service definition.
  public static let keys: [ServiceSetting] = [
    ServiceSetting(
      "probe.resolve",
      meaning: "HOST:PORT=ADDRESS:PORT entries, comma-separated (HOST may be *.kpu.go.id)"
    ),
    ServiceSetting(
      "probe.real_hosts",
      meaning: "true to probe the real KPU sites (production), false not to",
      defaultValue: "false"
    ),
    ServiceSetting("probe.trust_roots_file", meaning: "a PEM file of CAs trusted besides the system's"),
    ServiceSetting(
      "probe.interval",
      meaning: "seconds between availability checks of a site",
      defaultValue: "300"
    ),
    ServiceSetting("probe.concurrency", meaning: "a whole number from 1 to 256", defaultValue: "16"),
    ServiceSetting("probe.connect_timeout", meaning: "seconds, 1 to 60", defaultValue: "10"),
    ServiceSetting("probe.total_timeout", meaning: "seconds, 1 to 120", defaultValue: "30"),
    ServiceSetting("probe.failures_to_down", meaning: "a whole number from 1 to 20", defaultValue: "3"),
    ServiceSetting("probe.successes_to_up", meaning: "a whole number from 1 to 20", defaultValue: "2"),
    ServiceSetting(
      "freshness.interval",
      meaning: "seconds between readings of a site's listings for posts",
      defaultValue: "3600"
    ),
    ServiceSetting("freshness.concurrency", meaning: "sites read at once, 1 to 64", defaultValue: "4"),
    ServiceSetting(
      "activity.active_posts_per_week",
      meaning: "posts in the last 7 days for a site to be active",
      defaultValue: "5"
    ),
    ServiceSetting(
      "activity.inactive_after_days",
      meaning: "days without a post after which a site is inactive",
      defaultValue: "7"
    ),
    ServiceSetting(
      "activity.very_inactive_after_days",
      meaning: "days without a post after which a site is very inactive",
      defaultValue: "30"
    ),
    ServiceSetting(
      "stale.after_days",
      meaning: "days without any change that make a site stale",
      defaultValue: "14"
    ),
    ServiceSetting(
      "certificate.warning_days",
      meaning: "a certificate expiring within so many days is an alert",
      defaultValue: "14"
    ),
    ServiceSetting("history.raw_days", meaning: "days each check is kept", defaultValue: "7"),
    ServiceSetting(
      "history.rollup_days",
      meaning: "days hourly and daily rollups are kept",
      defaultValue: "400"
    ),
    ServiceSetting("notify.address", meaning: "ipp-notify's HOST:PORT", defaultValue: "127.0.0.1:7404"),
    ServiceSetting("notify.token_file", meaning: "a file holding monitor's service token for ipp-notify"),
  ]

  /// The settings in `values` (defaults included), or the first that cannot be used.
  public init(_ values: [String: String]) throws(ConfigurationError) {
    let values = SettingValues(values)
    overrides = []
    for entry in (values["probe.resolve"] ?? "").split(separator: ",") {
      let text = entry.trimmingCharacters(in: .whitespaces)
      guard let override = ResolveOverride(text) else {
        throw values.refuse("probe.resolve", "\"\(text)\" is not HOST:PORT=ADDRESS:PORT")
      }
      overrides.append(override)
    }
    realHosts = try values.flag("probe.real_hosts")
    trustRoots = values["probe.trust_roots_file"].map { [$0] } ?? []
    limits = SiteProber.Limits()
    limits.connectTimeout = .seconds(Int64(try values.whole("probe.connect_timeout", in: 1...60)))
    limits.totalTimeout = .seconds(Int64(try values.whole("probe.total_timeout", in: 1...120)))
    interval = TimeInterval(try values.whole("probe.interval", in: 10...86_400))
    concurrency = try values.whole("probe.concurrency", in: 1...256)
    thresholds = SiteAvailability.Thresholds(
      failuresToDown: try values.whole("probe.failures_to_down", in: 1...20),
      successesToUp: try values.whole("probe.successes_to_up", in: 1...20)
    )
    rules = FreshnessRules()
    rules.activePostsPerWeek = try values.whole("activity.active_posts_per_week", in: 1...100)
    rules.inactiveAfterDays = try values.whole("activity.inactive_after_days", in: 1...365)
    rules.veryInactiveAfterDays = try values.whole("activity.very_inactive_after_days", in: 1...365)
    guard rules.veryInactiveAfterDays > rules.inactiveAfterDays else {
      throw values.refuse(
        "activity.very_inactive_after_days",
        "must be more than activity.inactive_after_days"
      )
    }
    rules.staleAfterDays = try values.whole("stale.after_days", in: 1...365)
    rules.certificateWarningDays = try values.whole("certificate.warning_days", in: 1...90)
    readInterval = TimeInterval(try values.whole("freshness.interval", in: 60...86_400))
    readConcurrency = try values.whole("freshness.concurrency", in: 1...64)
    retention = MonitorStore.Retention(
      rawDays: try values.whole("history.raw_days", in: 1...90),
      rollupDays: try values.whole("history.rollup_days", in: 31...3650)
    )
  }

  /// Whether anything is probed: overrides given, or the real hosts allowed.
  public var probes: Bool { realHosts || !overrides.isEmpty }

  /// A prober as these settings say: through a resolving proxy when there are overrides.
  public func makeProber() throws -> (SiteProber, ResolvingProxy?) {
    let proxy =
      try overrides.isEmpty
      ? nil : ResolvingProxy.start(overrides: overrides, group: MultiThreadedEventLoopGroup.singleton)
    let client = try SiteProber.makeClient(limits: limits, proxyPort: proxy?.port, trustRoots: trustRoots)
    return (SiteProber(client: client, limits: limits), proxy)
  }

  /// A reader of certificates that reaches what the prober may.
  public func makeCertificateReader() throws -> CertificateReader {
    try CertificateReader(overrides: overrides, realHosts: realHosts, timeout: limits.connectTimeout)
  }
}
