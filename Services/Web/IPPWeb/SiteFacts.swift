internal import MonitorAPI

/// What a page says of one website, in the page's language: up or down, how active, stale or not,
/// the last post, uptime over 30 days and the certificate's days left. Each key names its badge's
/// class.
struct SiteFacts: Sendable {
  let availability: String
  let availabilityKey: String
  let activity: String
  let activityKey: String
  let stale: Bool
  let lastPost: String
  let uptime: String
  let certificate: String
  /// Under 14 days left: shown in red.
  let certificateSoon: Bool

  init(
    availability: Monitor.Availability,
    activity: Monitor.Activity,
    stale: Bool,
    daysSinceLastPost: Int?,
    uptime: Monitor.Uptime,
    certificateDaysLeft: Int?,
    texts: Texts
  ) {
    let formats = Formats(texts: texts)
    self.availability = texts["sites_\(availability.rawValue)"]
    availabilityKey = availability.rawValue
    self.activity = texts["activity_\(activity.rawValue)"]
    activityKey = activity.rawValue
    self.stale = stale
    lastPost =
      daysSinceLastPost.map { $0 == 0 ? texts["sites_today"] : texts.format("sites_daysago", "\($0)") }
      ?? texts["sites_never"]
    self.uptime = uptime.last30Days.map(formats.percent) ?? texts["filling_none"]
    certificate = certificateDaysLeft.map { texts.format("sites_certdays", "\($0)") } ?? texts["filling_none"]
    certificateSoon = (certificateDaysLeft ?? Int.max) < 14
  }
}
