public import Foundation
public import IPPSchema

/// The morning digest of who has not submitted: for a province admin each of its kab/kota that
/// has not, late ones first, each group in code order (the order the coordination meeting calls
/// them); for KPU RI one row per province with how many are late and how many have not submitted.
public struct ProgressDigest: Sendable {
  public var electionName: String
  /// The province, or nil for the national digest.
  public var province: RegionCode?
  /// Every region's progress as last read (the digest picks those in its scope).
  public var regions: [DeadlineBook.RegionStatus]
  public var now: Date

  public init(electionName: String, province: RegionCode?, regions: [DeadlineBook.RegionStatus], now: Date) {
    self.electionName = electionName
    self.province = province
    self.regions = regions
    self.now = now
  }

  private var zone: Region.Zone { province?.region.zone ?? .wib }
  private var kabKota: [DeadlineBook.RegionStatus] {
    regions.filter { status in
      province.map { status.region.level == .kabkota && $0.contains(status.region) } ?? true
    }
    .sorted { $0.region < $1.region }
  }
  private var late: [DeadlineBook.RegionStatus] { kabKota.filter { !$0.submitted && $0.isLate } }
  private var waiting: [DeadlineBook.RegionStatus] { kabKota.filter { !$0.submitted && !$0.isLate } }

  public func subject(in language: NoticeLanguage) -> String {
    let scope = province?.region.name ?? "KPU RI"
    switch language {
    case .indonesian:
      return "Rekap harian IPP \(scope): \(late.count) terlambat, \(waiting.count) belum mengirim"
    case .english:
      return "Daily IPP summary for \(scope): \(late.count) late, \(waiting.count) not submitted"
    }
  }

  public func text(in language: NoticeLanguage) -> String {
    let scope = province?.region.name ?? "KPU RI"
    var lines: [String]
    switch language {
    case .indonesian:
      lines = [
        "Yth. Admin \(province == nil ? scope : "KPU Provinsi " + scope),", "",
        "Rekap pengisian IPP \(electionName) per \(language.dateTime(now, in: zone)).", "",
      ]
    case .english:
      lines = [
        "To the \(province == nil ? scope : "KPU " + scope + " province") admin,", "",
        "IPP filling for \(electionName) as of \(language.dateTime(now, in: zone)).", "",
      ]
    }
    if province == nil {
      lines += provinceRows(language)
    } else {
      lines += section(language == .indonesian ? "Terlambat" : "Late", late, language)
      lines += section(language == .indonesian ? "Belum mengirim" : "Not yet submitted", waiting, language)
    }
    lines += [
      language == .indonesian
        ? "Pesan ini dikirim otomatis oleh IPP Services." : "This message was sent by IPP Services.", "",
    ]
    return lines.joined(separator: "\n")
  }

  /// The text as HTML, every value escaped.
  public func html(in language: NoticeLanguage) -> String {
    DeadlineReminder.paragraphs(text(in: language))
  }

  private func section(
    _ title: String,
    _ rows: [DeadlineBook.RegionStatus],
    _ language: NoticeLanguage
  ) -> [String] {
    guard !rows.isEmpty else { return [] }
    let filled = language == .indonesian ? "terisi" : "filled"
    let deadline = language == .indonesian ? "batas" : "deadline"
    return ["\(title) (\(rows.count)):"]
      + rows.map { status in
        "- \(status.region) \(status.region.region.name): "
          + String(format: "%.0f%% ", status.percentFilled) + filled + ", \(deadline) "
          + language.dateTime(status.deadline.instant, in: status.region.region.zone)
      } + [""]
  }

  private func provinceRows(_ language: NoticeLanguage) -> [String] {
    let byProvince = Dictionary(grouping: regions, by: \.region.province)
    return byProvince.keys.sorted().compactMap { code in
      let rows = byProvince[code]!
      let late = rows.filter { !$0.submitted && $0.isLate }.count
      let waiting = rows.filter { !$0.submitted && !$0.isLate }.count
      guard late + waiting > 0 else { return nil }
      return language == .indonesian
        ? "- \(code) \(code.region.name): \(late) terlambat, \(waiting) belum mengirim, dari \(rows.count)"
        : "- \(code) \(code.region.name): \(late) late, \(waiting) not submitted, of \(rows.count)"
    } + [""]
  }
}
