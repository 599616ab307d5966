public import Foundation
public import IPPSchema

/// The language a recipient reads notifications in: Indonesian unless they asked for English.
/// Dates are written in the recipient's own zone, with Indonesian day and month names.
public enum NoticeLanguage: String, Sendable, Codable, CaseIterable {
  case indonesian = "id"
  case english = "en"

  private static let indonesianDays = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
  private static let englishDays = [
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  ]
  private static let englishMonths = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]

  /// `Selasa, 15 Desember 2026 pukul 23.59 WIB` / `Tuesday, 15 December 2026 at 23:59 WIB`: the
  /// instant in `zone`, as a letter writes it.
  public func dateTime(_ instant: Date, in zone: Region.Zone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone.timeZone
    let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute], from: instant)
    let (day, month) = (parts.weekday! - 1, parts.month! - 1)
    let hour = parts.hour!
    let minute = String(format: "%02d", parts.minute!)
    switch self {
    case .indonesian:
      return
        "\(Self.indonesianDays[day]), \(parts.day!) \(CalendarDay.indonesianMonths[month]) \(parts.year!) pukul "
        + String(format: "%02d", hour) + ".\(minute) \(zone.rawValue)"
    case .english:
      return "\(Self.englishDays[day]), \(parts.day!) \(Self.englishMonths[month]) \(parts.year!) at "
        + String(format: "%02d", hour) + ":\(minute) \(zone.rawValue)"
    }
  }
}
