import Foundation
import IPPIntake
import IPPSchema
import IPPScoring
import IntakeAPI
import Logging
import RPCCore
import ScoringAPI
import ServiceRuntime
import ServiceTestSupport
import Synchronization
import TestSupport
import Testing

/// Verified regions reach ipp-scoring through intake's outbox: in order, retried while scoring
/// is down, never dropped, refused values set aside. Intake and scoring both run in process,
/// each over its own database; time is a manual clock.
struct PublishOutboxTests {
  let clock = ManualClock(try! ZonedTime("2026-12-10 10:00 WIB").instant)
  let intake: InProcessService
  let scoring: InProcessService
  let catalogue = try! CatalogueLibrary().catalogues["pilkada-2024.catalogue-1"]!

  /// ipp-scoring as intake's service token reaches it, which can be taken down or made to
  /// refuse a region, and remembers which regions it was asked to publish.
  final class ScoringStandIn: RPCCaller {
    let inner: InProcessCaller
    let isDown = Mutex(false)
    let refused = Mutex<Set<String>>([])
    let asked = Mutex<[String]>([])

    init(_ inner: InProcessCaller) {
      self.inner = inner
    }

    func unary<Request, Response>(
      _ method: RPCMethod<Request, Response>,
      _ request: Request,
      options: CallOptions
    ) async throws -> Response {
      if let publish = request as? Scoring.PublishRequest {
        asked.withLock { $0.append(publish.region.rawValue) }
        if isDown.withLock({ $0 }) {
          throw RPCError(code: .unavailable, message: "Cannot connect to 127.0.0.1:7402")
        }
        if refused.withLock({ $0.contains(publish.region.rawValue) }) {
          throw RPCError(code: .invalidArgument, message: "unknown indicator X")
        }
      }
      return try await inner.unary(method, request, options: options)
    }

    func serverStreaming<Request, Response>(
      _ method: RPCMethod<Request, Response>,
      _ request: Request,
      options: CallOptions,
      body: (Response) async throws -> Void
    ) async throws {
      try await inner.serverStreaming(method, request, options: options, body: body)
    }
  }

  init() async throws {
    intake = try InProcessService(IntakeService.definition(clock: clock))
    scoring = try InProcessService(ScoringService.definition)
    _ = try await Intake.Client(intake.caller(as: .testAdmin)).setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: try ZonedTime("2026-12-01 00:00 WIB"),
        closesAt: try ZonedTime("2026-12-15 23:59 WIB"),
        reason: "Surat Dinas KPU RI"
      )
    )
  }

  func publisher(_ standIn: ScoringStandIn) -> ScoringPublisher<ScoringStandIn> {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return ScoringPublisher(
      store: IntakeStore(storage: intake.storage),
      scoring: Scoring.Client(standIn),
      clock: clock,
      logger: logger
    )
  }

  var standIn: ScoringStandIn { ScoringStandIn(scoring.caller(as: .testService)) }

  func queue() async throws -> Intake.PublishQueue {
    try await Intake.Client(intake.caller(as: Principal(name: "ipp-web", role: .service))).publishQueue()
  }

  /// Files, submits and (unless told not to) verifies `region`.
  func file(_ region: String, verify: Bool = true) async throws {
    let code = try RegionCode(region)
    let filer = Principal(name: "operator.\(region)", role: .regency, scope: region)
    let values = catalogue.completeValues
    let client = Intake.Client(intake.caller(as: filer))
    _ = try await client.saveValues(
      .init(election: .pilkada2024, region: code, requestID: UUID().uuidString, values: values)
    )
    _ = try await client.submit(.init(election: .pilkada2024, region: code, requestID: UUID().uuidString))
    if verify {
      _ = try await Intake.Client(intake.caller(as: .testAdmin)).verify(
        .init(election: .pilkada2024, region: code, requestID: UUID().uuidString)
      )
    }
  }

  @Test func aVerifiedRegionIsScored() async throws {
    try await file("33.14")
    try await file("33.10", verify: false)
    let standIn = standIn
    #expect(try await publisher(standIn).publishDue() == 1)
    #expect(try await queue() == .init(waiting: 0, sent: 1, failed: 0, refusals: []))
    let score = try await Scoring.Client(scoring.caller(as: .testViewer)).regionScore(
      .init(election: .pilkada2024, region: try RegionCode("33.14"))
    )
    #expect(score.score.total != nil)
    #expect(score.score.methodologyVersion == "pilkada-2024.default-2")
    #expect(try await publisher(standIn).publishDue() == 0)
    #expect(standIn.asked.withLock { $0 } == ["33.14"])
  }

  @Test func whileScoringIsDownTheQueueWaitsInOrderAndBacksOff() async throws {
    try await file("33.14")
    try await file("33.10")
    let standIn = standIn
    standIn.isDown.withLock { $0 = true }
    let publisher = publisher(standIn)
    #expect(try await publisher.publishDue() == 0)
    #expect(standIn.asked.withLock { $0 } == ["33.14"])
    // Nothing is tried again before the 5 s backoff, and nothing overtakes the head.
    clock.advance(by: 4)
    #expect(try await publisher.publishDue() == 0)
    #expect(standIn.asked.withLock { $0.count } == 1)
    clock.advance(by: 1)
    #expect(try await publisher.publishDue() == 0)
    #expect(standIn.asked.withLock { $0.count } == 2)
    // The next wait doubles: 10 s.
    clock.advance(by: 9)
    #expect(try await publisher.publishDue() == 0)
    #expect(standIn.asked.withLock { $0.count } == 2)
    standIn.isDown.withLock { $0 = false }
    clock.advance(by: 1)
    #expect(try await publisher.publishDue() == 2)
    #expect(standIn.asked.withLock { $0 } == ["33.14", "33.14", "33.14", "33.10"])
    #expect(try await queue() == .init(waiting: 0, sent: 2, failed: 0, refusals: []))
  }

  @Test func valuesScoringRefusesAreSetAsideAndTheQueueMovesOn() async throws {
    try await file("33.14")
    try await file("33.10")
    let standIn = standIn
    standIn.refused.withLock { $0 = ["33.14"] }
    #expect(try await publisher(standIn).publishDue() == 1)
    let queue = try await queue()
    #expect((queue.waiting, queue.sent, queue.failed) == (0, 1, 1))
    #expect(queue.refusals.map(\.region.rawValue) == ["33.14"])
    #expect(queue.refusals.first?.error == "unknown indicator X")
    // Once dealt with, an admin publishes it again; it is verified, so it may be.
    standIn.refused.withLock { $0 = [] }
    let again = try await Intake.Client(intake.caller(as: .testAdmin)).publish(
      .init(election: .pilkada2024, region: try RegionCode("33.14"), requestID: "republish-1")
    )
    #expect(again.waiting == 1)
    #expect(try await publisher(standIn).publishDue() == 1)
  }

  @Test func theOutboxOutlivesTheProcess() async throws {
    try await file("33.14")
    // A new store on the same database, as after a restart (or kill -9: the entry was
    // committed with the verification).
    let reopened = try ServiceStorage(
      directory: intake.directory.path,
      name: "ipp-intake",
      migrator: IntakeService.definition.migrator
    )
    #expect(try IntakeStore(storage: reopened).publishQueue().waiting == 1)
    try reopened.close()
  }

  @Test func onlyVerifiedRegionsArePublishedOnRequestAndOnlyByAdmins() async throws {
    try await file("33.14", verify: false)
    let request = Intake.PublishRequest(
      election: .pilkada2024,
      region: try RegionCode("33.14"),
      requestID: "p-1"
    )
    #expect(
      await status { try await Intake.Client(intake.caller(as: .testAdmin)).publish(request) }
        == .failedPrecondition
    )
    #expect(
      await status { try await Intake.Client(intake.caller(as: .testProvince)).publish(request) }
        == .permissionDenied
    )
    #expect(
      await status { try await Intake.Client(intake.caller(as: .testRegency)).publishQueue() }
        == .permissionDenied
    )
  }
}
