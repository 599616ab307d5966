public import Foundation

/// An instant as KPU writes a deadline: a local date and time with its zone named,
/// `2026-12-15 23:59 WIB`. On the wire it is that text (seconds optional: `23:59:30`), which
/// names one instant because Indonesia keeps no daylight saving time; the same instant reads
/// `2026-12-16 00:59 WITA` in Makassar (``in(_:)``).
public struct ZonedTime: Sendable, Hashable, Comparable, Codable, CheckedText {
  /// The instant.
  public let instant: Date
  /// The zone it is written in.
  public let zone: Region.Zone

  /// `instant` as read in `zone`.
  public init(_ instant: Date, in zone: Region.Zone) {
    self.instant = instant
    self.zone = zone
  }

  /// The time written as `YYYY-MM-DD HH:MM[:SS] ZONE`, ZONE one of WIB, WITA, WIT.
  public init(_ text: String) throws(InvalidZonedTime) {
    let parts = text.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, let zone = Region.Zone(rawValue: String(parts[2])) else {
      throw InvalidZonedTime(text: text)
    }
    let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
    let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
    guard date.count == 3, (2...3).contains(time.count), parts[0].count == 10,
      parts[1].count == time.count * 3 - 1,
      let year = date[0], let month = date[1], let day = date[2], let hour = time[0], let minute = time[1],
      let second = time.count == 3 ? time[2] : 0
    else { throw InvalidZonedTime(text: text) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone.timeZone
    let components = DateComponents(
      year: year,
      month: month,
      day: day,
      hour: hour,
      minute: minute,
      second: second
    )
    // A date the calendar would roll over (31 February, 24:00) is not a time anyone meant.
    guard components.isValidDate(in: calendar), hour < 24, minute < 60, second < 60,
      let instant = calendar.date(from: components)
    else { throw InvalidZonedTime(text: text) }
    self.init(instant, in: zone)
  }

  /// The same instant read in another zone.
  public func `in`(_ other: Region.Zone) -> ZonedTime { ZonedTime(instant, in: other) }

  /// `2026-12-15 23:59 WIB` (with seconds only when they are not zero).
  public var rawValue: String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
    func two(_ number: Int?) -> String { String(format: "%02d", number ?? 0) }
    let seconds = parts.second == 0 ? "" : ":\(two(parts.second))"
    return
      "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))\(seconds) \(zone.rawValue)"
  }

  public static func < (left: ZonedTime, right: ZonedTime) -> Bool { left.instant < right.instant }
}

/// Text that is not a zoned time.
public struct InvalidZonedTime: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text given.
  public var text: String

  public init(text: String) {
    self.text = text
  }

  /// A sentence for the caller.
  public var message: String {
    "\"\(text)\" is not a time with its zone: write it as 2026-12-15 23:59 WIB (WIB, WITA or WIT)"
  }

  public var description: String { message }
}
