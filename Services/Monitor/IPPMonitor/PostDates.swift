public import IPPSchema

/// The days a KPU page says its posts were published, read from its text as KPU's sites write
/// them: `Kamis (8/5/2025)`, `(07/10/2022)`, `9 Mei 2025`, `18 Oktober 2025`, `2025-05-08`
/// (sitemaps, Atom), `08 May 2025` (RSS), and without a year after a day's name, `Jumat ,(9/5)`,
/// `Rabu (22/11)`, or as a dateline, `Sleman (13/09) -`, read as the latest such day not after
/// the day the page was fetched. A day more than one day after the fetch is a mistake on the
/// page and is ignored.
public enum PostDates {
  private static let months: [String: Int] = [
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3, "april": 4,
    "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "nov": 11,
    "desember": 12, "des": 12,
    // English, as RSS writes its days (`Thu, 08 May 2025 10:00:00 +0700`).
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "aug": 8,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
  ]

  private static let dayNames: Set<String> = [
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu",
  ]

  /// Every day written in `text` that is not later than the day after `fetchedOn`.
  public static func days(in text: String, fetchedOn: CalendarDay) -> [CalendarDay] {
    days(in: TextBytes(text), fetchedOn: fetchedOn)
  }

  /// Every day written in `text` that is not later than the day after `fetchedOn`, read in one
  /// pass over its bytes.
  static func days(in text: TextBytes, fetchedOn: CalendarDay) -> [CalendarDay] {
    let latest = fetchedOn.adding(days: 1)
    var found: [CalendarDay] = []
    var index = 0
    while index < text.count {
      let byte = text[index]
      if byte == UInt8(ascii: "(") {
        switch parenthesised(text, at: index) {
        case .full(let day)?: found.append(day)
        case .withoutYear(let day, let month)?:
          // The year is the fetch's, or the one before when that is later.
          let candidate =
            CalendarDay(year: fetchedOn.year, month: month, day: day).flatMap { $0 > fetchedOn ? nil : $0 }
            ?? CalendarDay(year: fetchedOn.year - 1, month: month, day: day)
          found += [candidate].compactMap { $0 }
        case nil: break
        }
      } else if TextBytes.isDigit(byte), !TextBytes.isWord(text[index - 1]) {
        if let day = iso(text, at: index) ?? spelled(text, at: index) { found.append(day) }
      }
      index += 1
    }
    return found.filter { $0 <= latest }
  }

  /// What a parenthesis at `index` holds.
  private enum Parenthesised {
    /// `(8/5/2025)`, `( 07 / 10 / 2022 )`.
    case full(CalendarDay)
    /// `(9/5)` after a day's name (`Jumat ,(9/5)`, `Rabu (22/11)`), or as a dateline before a
    /// dash (`Sleman (13/09) -`).
    case withoutYear(day: Int, month: Int)
  }

  private static func parenthesised(_ text: TextBytes, at open: Int) -> Parenthesised? {
    var index = text.skippingSpace(from: open + 1)
    guard let day = text.number(at: index, digits: 1...2) else { return nil }
    index = text.skippingSpace(from: day.end)
    guard text[index] == UInt8(ascii: "/") else { return nil }
    index = text.skippingSpace(from: index + 1)
    guard let month = text.number(at: index, digits: 1...2) else { return nil }
    index = text.skippingSpace(from: month.end)
    if text[index] == UInt8(ascii: "/") {
      index = text.skippingSpace(from: index + 1)
      guard let year = text.number(at: index, digits: 4...4) else { return nil }
      index = text.skippingSpace(from: year.end)
      guard text[index] == UInt8(ascii: ")") else { return nil }
      return CalendarDay(year: year.value, month: month.value, day: day.value).map { .full($0) }
    }
    guard text[index] == UInt8(ascii: ")") else { return nil }
    guard afterADaysName(text, open: open) || beforeADash(text, close: index) else { return nil }
    return .withoutYear(day: day.value, month: month.value)
  }

  /// Whether a day's name comes just before the parenthesis at `open`, with white space and a
  /// comma at most between.
  private static func afterADaysName(_ text: TextBytes, open: Int) -> Bool {
    var end = text.skippingSpaceBackwards(from: open)
    if text[end - 1] == UInt8(ascii: ",") { end = text.skippingSpaceBackwards(from: end - 1) }
    var start = end
    while start > 0, TextBytes.isLetter(text[start - 1]) || text[start - 1] == UInt8(ascii: "'") {
      start -= 1
    }
    guard start < end, !TextBytes.isWord(text[start - 1]) else { return false }
    return dayNames.contains(
      String(decoding: text.bytes[start..<end].map(TextBytes.lowercased), as: UTF8.self)
    )
  }

  /// Whether a dash (`-`, `–`, `—`) comes just after the parenthesis closing at `close`.
  private static func beforeADash(_ text: TextBytes, close: Int) -> Bool {
    let index = text.skippingSpace(from: close + 1)
    return text[index] == UInt8(ascii: "-")
      || (text[index] == 0xE2 && text[index + 1] == 0x80
        && (text[index + 2] == 0x93 || text[index + 2] == 0x94))
  }

  /// `2025-05-08` at `index`, alone or starting a timestamp.
  private static func iso(_ text: TextBytes, at index: Int) -> CalendarDay? {
    guard let year = text.number(at: index, digits: 4...4), text[year.end] == UInt8(ascii: "-"),
      let month = text.number(at: year.end + 1, digits: 2...2), text[month.end] == UInt8(ascii: "-"),
      let day = text.number(at: month.end + 1, digits: 2...2)
    else { return nil }
    return CalendarDay(year: year.value, month: month.value, day: day.value)
  }

  /// `9 Mei 2025`, `18 Oktober 2025`, `3 Agt. 2024`, `08 May 2025` at `index`.
  private static func spelled(_ text: TextBytes, at index: Int) -> CalendarDay? {
    guard let day = text.number(at: index, digits: 1...2), text.space(at: day.end) > 0 else { return nil }
    let start = text.skippingSpace(from: day.end)
    var end = start
    while end < text.count, TextBytes.isLetter(text[end]) { end += 1 }
    guard (3...9).contains(end - start),
      let month = months[String(decoding: text.bytes[start..<end].map(TextBytes.lowercased), as: UTF8.self)]
    else { return nil }
    if text[end] == UInt8(ascii: ".") { end += 1 }
    guard text.space(at: end) > 0 else { return nil }
    let yearStart = text.skippingSpace(from: end)
    guard let year = text.number(at: yearStart, digits: 4...4), !TextBytes.isWord(text[year.end]) else {
      return nil
    }
    return CalendarDay(year: year.value, month: month, day: day.value)
  }

  /// The newest day written in `text`, if any.
  public static func newest(in text: String, fetchedOn: CalendarDay) -> CalendarDay? {
    days(in: text, fetchedOn: fetchedOn).max()
  }
}
