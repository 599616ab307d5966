internal import Foundation
public import IPPSchema
internal import IntakeAPI
internal import RPCCore
internal import Synchronization

/// Which election the pages show: the configured one, else the one whose filling window is open
/// now, else the one that closed last. Asked of ipp-intake on each page and remembered, so pages
/// still show scores and websites for it while intake is down.
final class ElectionChoice: Sendable {
  /// The election shown, with its window.
  struct Choice: Sendable {
    let id: ElectionID
    let name: String
    let opensAt: ZonedTime?
    let closesAt: ZonedTime?
  }

  private let configured: ElectionID?
  private let last = Mutex<Choice?>(nil)

  init(configured: ElectionID?) {
    self.configured = configured
  }

  /// The election for a page `session` asks for.
  func current<Caller: RPCCaller>(
    _ clients: ServiceClients<Caller>,
    _ session: ViewerSession,
    _ texts: Texts,
    now: Date
  ) async throws -> Choice {
    let answer = try await PagePart.load(from: "ipp-intake", in: texts) {
      try await clients.intake.elections(options: clients.options(session))
    }
    if let elections = answer.value?.elections {
      let chosen =
        configured.flatMap { id in elections.first { $0.id == id } }
        ?? elections.first {
          ($0.opensAt?.instant ?? .distantFuture) <= now && now <= ($0.closesAt?.instant ?? .distantPast)
        }
        ?? elections.filter { $0.closesAt != nil }.max { $0.closesAt!.instant < $1.closesAt!.instant }
      if let chosen {
        let choice = Choice(
          id: chosen.id,
          name: chosen.name,
          opensAt: chosen.opensAt,
          closesAt: chosen.closesAt
        )
        last.withLock { $0 = choice }
        return choice
      }
    }
    if let remembered = last.withLock({ $0 }) { return remembered }
    if let configured {
      return Choice(id: configured, name: configured.rawValue, opensAt: nil, closesAt: nil)
    }
    throw NoElection(notice: answer.notice)
  }
}

/// No election can be shown: none is open or closed yet, or ipp-intake cannot say.
struct NoElection: Error {
  /// Intake's notice, if it could not be asked.
  let notice: String?
}
