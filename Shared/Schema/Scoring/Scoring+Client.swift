public import RPCCore

extension Scoring {
  /// A typed client of `ipp.Scoring`: one function per method, over any ``RPCCaller`` (the RPC
  /// client, an in-process caller, a test's fake).
  public struct Client<Caller: RPCCaller>: Sendable {
    /// What makes the calls.
    public let caller: Caller

    public init(_ caller: Caller) {
      self.caller = caller
    }

    /// The score of indicator values (stateless).
    public func score(
      _ request: ScoreRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> IndexScore
    {
      try await caller.unary(Method.score, request, options: options)
    }

    /// The score with each indicator's part in it.
    public func explain(
      _ request: ScoreRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> IndexScore
    {
      try await caller.unary(Method.explain, request, options: options)
    }

    /// A score's category.
    public func categorize(
      _ request: CategorizeRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> CategorizeResponse
    {
      try await caller.unary(Method.categorize, request, options: options)
    }

    /// The methodologies loaded, and the default.
    public func methodologies(options: CallOptions = CallOptions()) async throws -> MethodologiesResponse {
      try await caller.unary(Method.methodologies, MethodologiesRequest(), options: options)
    }

    /// Stores a region's values for an election and returns their score.
    public func publish(
      _ request: PublishRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> IndexScore
    {
      try await caller.unary(Method.publish, request, options: options)
    }

    /// A region's stored score.
    public func regionScore(
      _ request: RegionScoreRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> RegionScoreResponse
    {
      try await caller.unary(Method.regionScore, request, options: options)
    }

    /// A province's own score and its kab/kota aggregate.
    public func provinceScores(
      _ request: ProvinceScoresRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> ProvinceScoresResponse
    {
      try await caller.unary(Method.provinceScores, request, options: options)
    }

    /// Category counts at a level, nationally or within one province.
    public func distribution(
      _ request: DistributionRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> DistributionResponse
    {
      try await caller.unary(Method.distribution, request, options: options)
    }

    /// Regions by total, best first.
    public func ranking(
      _ request: RankingRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> RankingResponse
    {
      try await caller.unary(Method.ranking, request, options: options)
    }

    /// A region's score history.
    public func history(
      _ request: HistoryRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> HistoryResponse
    {
      try await caller.unary(Method.history, request, options: options)
    }

    /// Re-scores every stored region of an election.
    public func recompute(
      _ request: RecomputeRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> RecomputeResponse
    {
      try await caller.unary(Method.recompute, request, options: options)
    }

    /// Rank intervals and category changes under perturbed weights.
    public func sensitivity(
      _ request: SensitivityRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> SensitivityResponse
    {
      try await caller.unary(Method.sensitivity, request, options: options)
    }
  }
}
