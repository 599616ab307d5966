internal import Foundation
internal import IPPSchema

/// Numbers, times and durations as a page shows them in its language: `81,21` and
/// `2 Des 2026 23:59 WIB` in Indonesian, `81.21` and `2 Dec 2026 23:59 WIB` in English.
struct Formats: Sendable {
  let texts: Texts

  /// `value` with `digits` decimals, in the language's decimal mark.
  func number(_ value: Double, digits: Int = 2) -> String {
    let text = String(format: "%.\(digits)f", value)
    return texts.language == .indonesian ? text.replacingOccurrences(of: ".", with: ",") : text
  }

  /// A share 0-1 as a whole percentage (`97%`), or one decimal below 99.95 but above 99.
  func percent(_ share: Double) -> String {
    let value = share * 100
    return (value >= 99 && value < 99.95 ? number(value, digits: 1) : number(value.rounded(), digits: 0))
      + "%"
  }

  /// `2 Des 2026 23:59 WIB`: a time in a zone, as the region it concerns lives it.
  func time(_ time: ZonedTime) -> String {
    self.time(time.instant, in: time.zone)
  }

  func time(_ instant: Date, in zone: Region.Zone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
    let months =
      texts.language == .indonesian
      ? ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
      : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let month = months[(parts.month ?? 1) - 1]
    let clock = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    return "\(parts.day ?? 0) \(month) \(parts.year ?? 0) \(clock) \(zone.rawValue)"
  }

  /// `2 hari 3 jam`, `5 jam 10 menit`; past the deadline, `lewat 1 hari 2 jam`.
  func timeLeft(seconds: Int) -> String {
    let amount = abs(seconds)
    let days = amount / 86_400
    let hours = amount % 86_400 / 3600
    let minutes = amount % 3600 / 60
    let span =
      days > 0
      ? texts.format("time_days", "\(days)", "\(hours)")
      : texts.format("time_hours", "\(hours)", "\(minutes)")
    return seconds < 0 ? texts.format("time_lateby", span) : span
  }

  /// The category's name in the page's language.
  func category(_ category: Category) -> String {
    texts["category_\(category.rawValue)"]
  }
}
