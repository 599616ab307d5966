internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import MonitorAPI
internal import RPCCore
internal import ScoringAPI

/// `/wilayah/33.14`: one region's filling, its score with the five dimensions and what each
/// indicator contributed (Explain over its current values), its score history, and its website.
struct RegionPage: Sendable {
  struct Dimension: Sendable {
    let code: String
    let score: String
    let weight: String
    /// 0 to 100, for the bar.
    let width: Int
  }

  struct Contribution: Sendable {
    let indicator: String
    let dimension: String
    let raw: String
    let normalised: String
    let weight: String
    let contribution: String
  }

  struct HistoryEntry: Sendable {
    let computed: String
    let total: String
    let category: String
    let methodology: String
  }

  struct SiteSummary: Sendable {
    let host: String
    let facts: SiteFacts
  }

  let chrome: PageChrome
  let t: [String: String]
  let name: String
  let code: String
  let provinceName: String?
  let provinceHref: String?
  let fillingNotice: String?
  let filling: FillingRow?
  let missing: String?
  let scoresNotice: String?
  let total: String?
  let category: String?
  let categoryKey: String?
  let incomplete: Bool
  let dimensions: [Dimension]
  let contributions: [Contribution]
  let fromValues: String?
  let history: [HistoryEntry]
  let siteNotice: String?
  let site: SiteSummary?

  static func load<Caller: RPCCaller>(
    _ clients: ServiceClients<Caller>,
    _ session: ViewerSession,
    _ election: ElectionChoice.Choice,
    _ region: RegionCode,
    _ texts: Texts
  ) async throws -> RegionPage {
    let formats = Formats(texts: texts)
    let options = clients.options(session)
    let zone = region.region.zone
    // An operator may not ask for its whole province: asking for everything in scope is the same.
    let province = session.scope.covers(region.province) ? region.province : nil
    async let intake = PagePart.load(from: "ipp-intake", in: texts) {
      async let submission = clients.intake.submission(
        .init(election: election.id, region: region),
        options: options
      )
      async let progress = clients.intake.progress(
        .init(election: election.id, province: province),
        options: options
      )
      let answer = try await progress
      return try await (submission, answer.regions.first { $0.region == region }, answer.asOf)
    }
    async let sites = PagePart.load(from: "ipp-monitor", in: texts) {
      try await clients.monitor.sites(.init(province: province), options: options).sites.first {
        $0.region == region
      }
    }
    let filed = try await intake
    let values = filed.value?.0.values.map { IndicatorValue(indicator: $0.indicator, value: $0.value) } ?? []
    let scores = try await PagePart.load(from: "ipp-scoring", in: texts) {
      async let stored = storedScore(clients, election.id, region, options)
      async let history = clients.scoring.history(
        .init(election: election.id, region: region),
        options: options
      )
      async let explained =
        values.isEmpty ? nil : clients.scoring.explain(.init(values: values), options: options)
      return try await (stored, history, explained)
    }
    let site = try await sites

    let score = scores.value?.0
    let explanation = scores.value?.2?.explanation ?? []
    return RegionPage(
      chrome: PageChrome(
        title: region.region.name,
        path: "/wilayah/\(region.rawValue)",
        texts: texts,
        session: session,
        election: election.name
      ),
      t: texts.table,
      name: region.region.name,
      code: region.rawValue,
      provinceName: region.level == .kabkota
        ? texts.format("region_province", region.province.region.name) : nil,
      provinceHref: region.level == .kabkota && province != nil
        ? "/provinsi/\(region.province.rawValue)" : nil,
      fillingNotice: filed.notice,
      filling: filed.value?.1.map { FillingRow($0, asOf: filed.value?.2 ?? .distantPast, formats: formats) },
      missing: (filed.value?.0.missingRequired).flatMap {
        $0.isEmpty ? nil : texts.format("region_missing", $0.joined(separator: ", "))
      },
      scoresNotice: scores.notice,
      total: score?.total.map { formats.number($0) },
      category: score?.category.map(formats.category),
      categoryKey: score?.category?.rawValue,
      incomplete: score.map { !$0.isComplete } ?? false,
      dimensions: (score?.dimensions ?? []).map { dimension in
        Dimension(
          code: dimension.dimension,
          score: dimension.score.map { formats.number($0) } ?? texts["filling_none"],
          weight: formats.percent(dimension.weight),
          width: Int((dimension.score ?? 0).rounded())
        )
      },
      contributions: explanation.map { row in
        Contribution(
          indicator: row.indicator,
          dimension: row.dimension,
          raw: row.raw.map { formats.number($0) } ?? texts["filling_none"],
          normalised: row.normalised.map { formats.number($0) } ?? texts["filling_none"],
          weight: formats.number(row.weight * 100, digits: 1) + "%",
          contribution: row.contribution.map { formats.number($0) } ?? texts["filling_none"]
        )
      },
      fromValues: explanation.isEmpty
        ? nil
        : filed.value.map {
          texts.format("region_fromvalues", texts["filling_\($0.0.state.rawValue)"].lowercased())
        },
      history: (scores.value?.1.entries ?? []).reversed().map { entry in
        HistoryEntry(
          computed: formats.time(entry.computedAt, in: zone),
          total: entry.score.total.map { formats.number($0) } ?? texts["region_incomplete"],
          category: entry.score.category.map(formats.category) ?? texts["filling_none"],
          methodology: entry.score.methodologyVersion
        )
      },
      siteNotice: site.notice,
      site: site.value.flatMap { $0 }.map { site in
        SiteSummary(
          host: site.host,
          facts: SiteFacts(
            availability: site.availability,
            activity: site.activity,
            stale: site.stale,
            daysSinceLastPost: site.daysSinceLastPost,
            uptime: site.uptime,
            certificateDaysLeft: site.certificateDaysLeft,
            texts: texts
          )
        )
      }
    )
  }

  /// The region's stored score, or nil when none was published yet.
  private static func storedScore<Caller: RPCCaller>(
    _ clients: ServiceClients<Caller>,
    _ election: ElectionID,
    _ region: RegionCode,
    _ options: CallOptions
  ) async throws -> IndexScore? {
    do {
      return try await clients.scoring.regionScore(
        .init(election: election, region: region),
        options: options
      ).score
    } catch let error as RPCError where error.code == .notFound {
      return nil
    }
  }
}
