internal import IPPSchema
internal import IntakeAPI
internal import MonitorAPI
internal import RPCCore
internal import ScoringAPI

/// `/nasional`, for KPU RI: one row per province (its kab/kota by filling state, the late ones,
/// the mean share filled, its websites down, stale and very inactive), the provinces with late
/// kab/kota first; and the categories of every kab/kota scored.
struct NationalPage: Sendable {
  /// One province's row.
  struct ProvinceRow: Sendable {
    let code: String
    let name: String
    let href: String
    let kabKota: Int
    let verified: Int
    let submitted: Int
    let returned: Int
    let draft: Int
    let notStarted: Int
    let late: Int
    let meanFilled: String
    /// Its sites' counts, or nil while the monitor cannot say.
    let sites: SiteCounts?
    let score: String?
  }

  struct SiteCounts: Sendable {
    let down: Int
    let stale: Int
    let veryInactive: Int
  }

  let chrome: PageChrome
  let t: [String: String]
  let asOf: String?
  let deadline: String?
  let fillingNotice: String?
  let provinces: [ProvinceRow]
  let lateTotal: Int
  let scoresNotice: String?
  let chart: String?
  let scored: Int
  let sitesNotice: String?

  static func load<Caller: RPCCaller>(
    _ clients: ServiceClients<Caller>,
    _ session: ViewerSession,
    _ election: ElectionChoice.Choice,
    _ texts: Texts
  ) async throws -> NationalPage {
    let formats = Formats(texts: texts)
    let options = clients.options(session)
    async let progress = PagePart.load(from: "ipp-intake", in: texts) {
      try await clients.intake.progress(.init(election: election.id), options: options)
    }
    async let distribution = PagePart.load(from: "ipp-scoring", in: texts) {
      try await clients.scoring.distribution(.init(election: election.id, level: .kabkota), options: options)
    }
    async let provinceScores = PagePart.load(from: "ipp-scoring", in: texts) {
      try await clients.scoring.ranking(.init(election: election.id, level: .province), options: options)
    }
    async let sites = PagePart.load(from: "ipp-monitor", in: texts) {
      try await clients.monitor.sites(.init(), options: options)
    }
    let filling = try await progress
    let scores = try await distribution
    let ranking = try await provinceScores
    let siteList = try await sites

    let byProvince = Dictionary(grouping: filling.value?.regions ?? []) { $0.region.province }
    let sitesByProvince = Dictionary(grouping: siteList.value?.sites ?? []) { $0.region?.province }
    let scoreByProvince = Dictionary(
      (ranking.value?.places ?? []).map { ($0.region, $0.total) },
      uniquingKeysWith: { first, _ in first }
    )
    var rows: [ProvinceRow] = []
    for province in Region.provinces {
      let regions = (byProvince[province.code] ?? []).filter { $0.region.level == .kabkota }
      func count(_ state: Intake.SubmissionState) -> Int { regions.count { $0.state == state } }
      let mean = regions.isEmpty ? 0 : regions.map(\.percentFilled).reduce(0, +) / Double(regions.count)
      let provinceSites = sitesByProvince[province.code] ?? []
      rows.append(
        ProvinceRow(
          code: province.code.rawValue,
          name: province.name,
          href: "/provinsi/\(province.code.rawValue)",
          kabKota: regions.count,
          verified: count(.verified),
          submitted: count(.submitted),
          returned: count(.returned),
          draft: count(.draft),
          notStarted: count(.notStarted),
          late: regions.count(where: \.isLate),
          meanFilled: formats.number(mean, digits: 0) + "%",
          sites: siteList.value.map { _ in
            SiteCounts(
              down: provinceSites.count { $0.availability == .down },
              stale: provinceSites.count(where: \.stale),
              veryInactive: provinceSites.count { $0.activity == .veryInactive }
            )
          },
          score: scoreByProvince[province.code].map { formats.number($0) }
        )
      )
    }
    if filling.value != nil {
      rows.sort { ($0.late, $1.code) > ($1.late, $0.code) }
    }
    let title = texts["nav_national"]
    return NationalPage(
      chrome: PageChrome(
        title: title,
        path: "/nasional",
        texts: texts,
        session: session,
        election: election.name
      ),
      t: texts.table,
      asOf: filling.value.map { formats.time($0.asOf, in: .wib) },
      deadline: election.closesAt.map { formats.time($0) },
      fillingNotice: filling.notice,
      provinces: filling.value == nil ? [] : rows,
      lateTotal: rows.reduce(0) { $0 + $1.late },
      scoresNotice: scores.notice,
      chart: scores.value.map { DistributionView.chart($0, formats: formats) },
      scored: scores.value?.scored ?? 0,
      sitesNotice: siteList.notice
    )
  }
}
