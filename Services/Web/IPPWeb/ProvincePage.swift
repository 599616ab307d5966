internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import NotifyAPI
internal import RPCCore
internal import ScoringAPI

/// `/provinsi/33`, what a province admin opens before a coordination meeting: each kab/kota's
/// filling (the late first), the province's scores with the categories of its kab/kota and
/// their ranking, and the deadline reminders sent, waiting and due next.
struct ProvincePage: Sendable {
  /// A place in the ranking.
  struct Place: Sendable {
    let rank: Int
    let name: String
    let href: String
    let total: String
    let category: String
    let categoryKey: String
  }

  /// A reminder or digest, sent, waiting or planned.
  struct Notice: Sendable {
    let when: String
    let recipient: String
    let subject: String
  }

  let chrome: PageChrome
  let t: [String: String]
  let name: String
  let sitesHref: String
  let asOf: String?
  let deadline: String?
  let fillingNotice: String?
  let rows: [FillingRow]
  let counts: [Count]
  let scoresNotice: String?
  let ownScore: String?
  let aggregate: String?
  let chart: String?
  let ranking: [Place]
  let notifyNotice: String?
  let sent: [Notice]
  let sentCount: Int
  let pending: [Notice]
  let planned: [Notice]

  /// How many kab/kota are in one state.
  struct Count: Sendable {
    let label: String
    let key: String
    let count: Int
  }

  static func load<Caller: RPCCaller>(
    _ clients: ServiceClients<Caller>,
    _ session: ViewerSession,
    _ election: ElectionChoice.Choice,
    _ province: RegionCode,
    _ texts: Texts
  ) async throws -> ProvincePage {
    let formats = Formats(texts: texts)
    let options = clients.options(session)
    async let progress = PagePart.load(from: "ipp-intake", in: texts) {
      try await clients.intake.progress(.init(election: election.id, province: province), options: options)
    }
    async let scores = PagePart.load(from: "ipp-scoring", in: texts) {
      async let own = clients.scoring.provinceScores(
        .init(election: election.id, province: province),
        options: options
      )
      async let distribution = clients.scoring.distribution(
        .init(election: election.id, level: .kabkota, province: province),
        options: options
      )
      async let ranking = clients.scoring.ranking(
        .init(election: election.id, level: .kabkota, province: province),
        options: options
      )
      return try await (own, distribution, ranking)
    }
    async let notifications = PagePart.load(from: "ipp-notify", in: texts) {
      async let history = clients.notify.history(.init(region: province, limit: 1000), options: options)
      async let pending = clients.notify.pending(.init(limit: 1000), options: options)
      async let preview = clients.notify.preview(.init(election: election.id, limit: 1000), options: options)
      return try await (history, pending, preview)
    }
    let filling = try await progress
    let scored = try await scores
    let notified = try await notifications

    let regions = filling.value?.regions ?? []
    let kabKota = regions.filter { $0.region.level == .kabkota }
    let states: [Intake.SubmissionState] = [.notStarted, .draft, .submitted, .returned, .verified]
    let counts = states.map { state in
      Count(
        label: texts["filling_\(state.rawValue)"],
        key: state.rawValue,
        count: kabKota.count { $0.state == state }
      )
    }

    let zone = province.region.zone
    let isDeadlineNotice: (Notify.NoticeKind) -> Bool = { $0 == .deadlineReminder || $0 == .digest }
    let opened = election.opensAt?.instant ?? .distantPast
    let sent = (notified.value?.0.notifications ?? []).filter {
      isDeadlineNotice($0.kind) && $0.state == .sent && $0.createdAt >= opened
    }
    let pending = (notified.value?.1.notifications ?? []).filter {
      isDeadlineNotice($0.kind) && $0.region.map(province.contains) == true
    }
    let planned = (notified.value?.2.notifications ?? []).filter {
      isDeadlineNotice($0.kind) && $0.region.map(province.contains) == true
    }
    return ProvincePage(
      chrome: PageChrome(
        title: province.region.name,
        path: "/provinsi/\(province.rawValue)",
        texts: texts,
        session: session,
        election: election.name
      ),
      t: texts.table,
      name: province.region.name,
      sitesHref: "/provinsi/\(province.rawValue)/situs",
      asOf: filling.value.map { formats.time($0.asOf, in: zone) },
      deadline: election.closesAt.map { formats.time($0.in(zone)) },
      fillingNotice: filling.notice,
      rows: regions.sorted(by: FillingRow.meetingOrder).map {
        FillingRow($0, asOf: filling.value?.asOf ?? .distantPast, formats: formats)
      },
      counts: counts,
      scoresNotice: scored.notice,
      ownScore: scored.value?.0.ownScore?.total.map { formats.number($0) },
      aggregate: scored.value.flatMap { own in
        own.0.kabKotaAggregate.map {
          texts.format("scores_aggregate", "\(own.0.kabKotaCount)") + ": " + formats.number($0)
        }
      },
      chart: scored.value.map { DistributionView.chart($0.1, formats: formats) },
      ranking: (scored.value?.2.places ?? []).map { place in
        Place(
          rank: place.rank,
          name: Region.named(place.region)?.name ?? place.region.rawValue,
          href: "/wilayah/\(place.region.rawValue)",
          total: formats.number(place.total),
          category: formats.category(place.category),
          categoryKey: place.category.rawValue
        )
      },
      notifyNotice: notified.notice,
      sent: sent.prefix(20).map {
        Notice(when: formats.time($0.nextAttemptAt, in: zone), recipient: $0.address, subject: $0.subject)
      },
      sentCount: sent.count,
      pending: pending.prefix(20).map {
        Notice(when: formats.time($0.nextAttemptAt, in: zone), recipient: $0.address, subject: $0.subject)
      },
      planned: planned.prefix(20).map {
        Notice(when: formats.time($0.dueAt.in(zone)), recipient: $0.recipient, subject: $0.subject)
      }
    )
  }
}
