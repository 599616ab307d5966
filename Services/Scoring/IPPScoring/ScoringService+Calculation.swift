internal import IPPSchema
public import RPCCore
public import ScoringAPI

/// The stateless methods: values in, a score out.
extension ScoringService {
  /// `Score`: the total, dimension scores and category of indicator values.
  public func score(_ request: Scoring.ScoreRequest, context: RPCContext) throws -> IndexScore {
    try library.scorer(request.methodologyVersion).score(request.values)
  }

  /// `Explain`: the score with each indicator's raw and normalised value, weight and contribution.
  public func explain(_ request: Scoring.ScoreRequest, context: RPCContext) throws -> IndexScore {
    try library.scorer(request.methodologyVersion).score(request.values, explain: true)
  }

  /// `Categorize`: a 0-100 score's category under a methodology's thresholds.
  public func categorize(
    _ request: Scoring.CategorizeRequest,
    context: RPCContext
  ) throws
    -> Scoring.CategorizeResponse
  {
    guard request.score.isFinite, (0...100).contains(request.score) else {
      throw RPCError(code: .invalidArgument, message: "A score is between 0 and 100, not \(request.score)")
    }
    let category = try library.scorer(request.methodologyVersion).category(of: request.score)
    return Scoring.CategorizeResponse(category: category, name: category.indonesianName)
  }

  /// `Methodologies`: every methodology loaded, in full, by version.
  public func methodologies(
    _ request: Scoring.MethodologiesRequest,
    context: RPCContext
  )
    -> Scoring.MethodologiesResponse
  {
    Scoring.MethodologiesResponse(
      methodologies: library.scorers.values.map(\.methodology).sorted { $0.version < $1.version },
      defaultVersion: library.defaultVersion
    )
  }
}
