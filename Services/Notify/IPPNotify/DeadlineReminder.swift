public import Foundation
public import IPPSchema

/// The reminder a kab/kota (or a province's own data) gets before and after the filling deadline
/// while it has not submitted: subject, text and HTML, in the recipient's language and zone.
public struct DeadlineReminder: Sendable, Equatable {
  public var region: RegionCode
  public var electionName: String
  /// The region's own deadline (its extension, if it has one).
  public var deadline: Date
  /// Share of required indicators filled, 0 to 100.
  public var percentFilled: Double
  /// When the reminder is written: how far the deadline is is counted in whole days in the
  /// region's zone.
  public var now: Date

  public init(region: RegionCode, electionName: String, deadline: Date, percentFilled: Double, now: Date) {
    self.region = region
    self.electionName = electionName
    self.deadline = deadline
    self.percentFilled = percentFilled
    self.now = now
  }

  /// Calendar days from today to the deadline's day in the region's zone: 0 on the day, negative
  /// once it has passed.
  public var daysLeft: Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = region.region.zone.timeZone
    return calendar.dateComponents(
      [.day],
      from: calendar.startOfDay(for: now),
      to: calendar.startOfDay(for: deadline)
    ).day!
  }

  public func subject(in language: NoticeLanguage) -> String {
    let name = region.region.name
    switch (language, daysLeft) {
    case (.indonesian, ..<0): return "Terlambat \(-daysLeft) hari: pengisian IPP \(name) belum dikirim"
    case (.indonesian, 0) where deadline < now: return "Batas pengisian IPP \(name) sudah lewat"
    case (.indonesian, 0): return "Hari ini batas pengisian IPP \(name)"
    case (.indonesian, _): return "Pengingat: batas pengisian IPP \(name) \(daysLeft) hari lagi"
    case (.english, ..<0): return "\(-daysLeft) days late: \(name) has not submitted its IPP data"
    case (.english, 0) where deadline < now: return "The IPP filling deadline for \(name) has passed"
    case (.english, 0): return "Today is the IPP filling deadline for \(name)"
    case (.english, _): return "Reminder: the IPP filling deadline for \(name) is in \(daysLeft) days"
    }
  }

  public func text(in language: NoticeLanguage) -> String {
    let zone = region.region.zone
    let filled = String(format: "%.0f", percentFilled)
    switch language {
    case .indonesian:
      return """
        Yth. Operator KPU \(region.region.name),

        Pengisian data IPP \(electionName) untuk \(region.region.name) belum dikirim ke KPU Provinsi.
        Batas waktu: \(language.dateTime(deadline, in: zone)).
        Indikator wajib yang sudah terisi: \(filled)%.

        Mohon lengkapi dan kirim sebelum batas waktu. Pesan ini dikirim otomatis oleh IPP Services.

        """
    case .english:
      return """
        To the KPU \(region.region.name) operator,

        \(region.region.name) has not submitted its IPP data for \(electionName) to its province.
        Deadline: \(language.dateTime(deadline, in: zone)).
        Required indicators filled: \(filled)%.

        Please complete and submit it before the deadline. This message was sent by IPP Services.

        """
    }
  }

  /// The text as HTML paragraphs, every value escaped.
  public func html(in language: NoticeLanguage) -> String {
    Self.paragraphs(text(in: language))
  }

  /// Plain text as HTML: a paragraph per blank-line-separated block, line breaks kept, every
  /// character HTML gives a meaning escaped.
  static func paragraphs(_ text: String) -> String {
    text.components(separatedBy: "\n\n")
      .filter { !$0.isEmpty }
      .map { "<p>" + escaped($0).replacingOccurrences(of: "\n", with: "<br>\n") + "</p>" }
      .joined(separator: "\n")
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
