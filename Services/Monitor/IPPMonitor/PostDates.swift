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

  /// Every day written in `text` that is not later than the day after `fetchedOn`.
  public static func days(in text: String, fetchedOn: CalendarDay) -> [CalendarDay] {
    let latest = fetchedOn.adding(days: 1)
    var found: [CalendarDay] = []
    // (8/5/2025), (07/10/2022), with or without a day's name before.
    for match in text.matches(of: /\(\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*\)/) {
      found += [CalendarDay(year: Int(match.3)!, month: Int(match.2)!, day: Int(match.1)!)].compactMap { $0 }
    }
    // 9 Mei 2025, 18 Oktober 2025, 3 Agt 2024.
    for match in text.matches(of: /(?i)\b(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})\b/) {
      guard let month = months[match.2.lowercased()] else { continue }
      found += [CalendarDay(year: Int(match.3)!, month: month, day: Int(match.1)!)].compactMap { $0 }
    }
    // 2025-05-08, alone or starting a timestamp.
    for match in text.matches(of: /\b(\d{4})-(\d{2})-(\d{2})(?![\d])/) {
      found += [CalendarDay(year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!)].compactMap { $0 }
    }
    // Jumat ,(9/5), Rabu (22/11), and a dateline's Sleman (13/09) - : the year is the fetch's, or
    // the one before when that is later.
    let afterADaysName = text.matches(
      of:
        /(?i)\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\s*,?\s*\(\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\)/
    ).map { ($0.1, $0.2) }
    let datelines = text.matches(of: /\(\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\)\s*[-–—]/).map { ($0.1, $0.2) }
    for (dayText, monthText) in afterADaysName + datelines {
      let (day, month) = (Int(dayText)!, Int(monthText)!)
      let candidate =
        CalendarDay(year: fetchedOn.year, month: month, day: day).flatMap { $0 > fetchedOn ? nil : $0 }
        ?? CalendarDay(year: fetchedOn.year - 1, month: month, day: day)
      found += [candidate].compactMap { $0 }
    }
    return found.filter { $0 <= latest }
  }

  /// The newest day written in `text`, if any.
  public static func newest(in text: String, fetchedOn: CalendarDay) -> CalendarDay? {
    days(in: text, fetchedOn: fetchedOn).max()
  }
}
