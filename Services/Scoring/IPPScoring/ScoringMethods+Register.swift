public import RPC
public import ScoringAPI

extension ScoringMethods {
  /// Registers the methods, scoring with `library`.
  public static func register(in router: inout RPCRouter, library: MethodologyLibrary) {
    @Sendable func scorer(_ version: String?) throws -> Scorer {
      guard let scorer = library.scorer(version) else {
        throw RPCError(code: .notFound, message: "No methodology version \(version ?? "")")
      }
      return scorer
    }
    @Sendable func score(_ request: ScoreRequest, explain: Bool) throws -> IndexScore {
      do {
        return try scorer(request.methodologyVersion).score(request.values, explain: explain)
      } catch let error as ScoringInputError {
        throw RPCError(code: .invalidArgument, message: error.message)
      }
    }
    // Scoring one region takes microseconds and touches no storage: these run on the event loop.
    router.register(Self.score, access: .authenticated, execution: .eventLoop) { request, _ in
      try score(request, explain: false)
    }
    router.register(Self.explain, access: .authenticated, execution: .eventLoop) { request, _ in
      try score(request, explain: true)
    }
    router.register(categorize, access: .authenticated, execution: .eventLoop) { request, _ in
      guard request.score.isFinite, (0...100).contains(request.score) else {
        throw RPCError(code: .invalidArgument, message: "A score is between 0 and 100, not \(request.score)")
      }
      let category = try scorer(request.methodologyVersion).category(of: request.score)
      return CategorizeResponse(category: category, name: category.indonesianName)
    }
    router.register(methodologies, access: .authenticated, execution: .eventLoop) { _, _ in
      MethodologiesResponse(
        methodologies: library.scorers.values.map(\.methodology).sorted { $0.version < $1.version },
        defaultVersion: library.defaultVersion)
    }
  }
}
