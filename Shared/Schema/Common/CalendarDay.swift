public import Foundation

/// A day on the calendar, without a time or a zone: the day a post was published as a KPU page
/// writes it. On the wire it is the text `2025-05-08`; anything that is not a real day fails to
/// decode.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CheckedText {
  public let year: Int
  public let month: Int
  public let day: Int

  /// The day, if it exists (no 31 June, 29 February only in leap years).
  public init?(year: Int, month: Int, day: Int) {
    guard (1900...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= Self.length(ofMonth: month, in: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The day `instant` falls on in `zone`.
  public init(_ instant: Date, in zone: TimeZone) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
  }

  /// `YYYY-MM-DD`.
  public init(_ text: String) throws(InvalidCalendarDay) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), let value = CalendarDay(year: year, month: month, day: day)
    else { throw InvalidCalendarDay(text: text) }
    self = value
  }

  public var rawValue: String { String(format: "%04d-%02d-%02d", year, month, day) }

  /// The months' names in Indonesian, January first.
  public static let indonesianMonths = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
    "November", "Desember",
  ]

  /// `9 Mei 2025`: the day as Indonesian text writes it.
  public var indonesian: String { "\(day) \(Self.indonesianMonths[month - 1]) \(year)" }

  /// The day `count` days later (earlier when negative).
  public func adding(days count: Int) -> CalendarDay {
    CalendarDay(
      start(in: TimeZone(identifier: "UTC")!) + Double(count) * 86_400,
      in: TimeZone(identifier: "UTC")!
    )
  }

  /// Whole days from this day to `other`.
  public func days(until other: CalendarDay) -> Int {
    let utc = TimeZone(identifier: "UTC")!
    return Int((other.start(in: utc).timeIntervalSince(start(in: utc)) / 86_400).rounded())
  }

  /// Midnight at the start of the day in `zone`.
  public func start(in zone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day))!
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  static func length(ofMonth month: Int, in year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

/// Text that is not a day written `YYYY-MM-DD`.
public struct InvalidCalendarDay: Error, Sendable, Equatable, CustomStringConvertible {
  public var text: String

  public var description: String { "\"\(text)\" is not a day written YYYY-MM-DD" }
}
