import IPPSchema
import RPCCore
import ScoringAPI
import Synchronization
import Testing

/// A service that calls scoring is tested against a fake: `Scoring.Client` works over any
/// `RPCCaller`, and the fake sees typed requests and answers typed responses.
struct ScoringClientFakeTests {
  /// Answers `RegionScore` from a table and refuses the rest, remembering what it was asked.
  final class FakeScoring: RPCCaller {
    let asked = Mutex<[String]>([])
    let score = IndexScore(
      methodologyVersion: "fake-1",
      total: 80.87,
      category: .participatory,
      dimensions: [],
      isComplete: true,
      missing: [],
      explanation: []
    )

    func unary<Request, Response>(
      _ method: RPCMethod<Request, Response>,
      _ request: Request,
      options: CallOptions
    ) async throws -> Response {
      asked.withLock { $0.append(method.path) }
      guard let request = request as? Scoring.RegionScoreRequest else {
        throw RPCError(code: .unimplemented, message: "the fake answers RegionScore only")
      }
      return Scoring.RegionScoreResponse(region: request.region, score: score) as! Response
    }

    func serverStreaming<Request, Response>(
      _ method: RPCMethod<Request, Response>,
      _ request: Request,
      options: CallOptions,
      body: (Response) async throws -> Void
    ) async throws {
      throw RPCError(code: .unimplemented, message: "no streaming methods")
    }
  }

  @Test func theTypedClientCallsThroughAFake() async throws {
    let fake = FakeScoring()
    let client = Scoring.Client(fake)
    let jatim = try RegionCode("35")
    let response = try await client.regionScore(.init(election: .pilkada2024, region: jatim))
    #expect(response.region == jatim)
    #expect(response.score.total == 80.87)
    let refused = await #expect(throws: RPCError.self) { try await client.methodologies() }
    #expect(refused?.code == .unimplemented)
    #expect(fake.asked.withLock { $0 } == ["/ipp.Scoring/RegionScore", "/ipp.Scoring/Methodologies"])
  }
}
