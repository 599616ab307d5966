public import RPC

/// A typed client of `ipp-scoring` for other services and Swift programs: each method is one call,
/// with the deadline and metadata of ``CallOptions``.
public struct ScoringClient: Sendable {
  private let client: RPCClient

  /// A client calling through `client` (its host, port and token).
  public init(client: RPCClient) {
    self.client = client
  }

  /// The score of indicator values (stateless).
  public func score(
    _ values: [IndicatorValue], methodologyVersion: String? = nil, options: CallOptions = .init()
  )
    async throws -> IndexScore
  {
    try await client.unary(
      ScoringMethods.score, .init(values: values, methodologyVersion: methodologyVersion), options: options)
  }

  /// The score with each indicator's part in it.
  public func explain(
    _ values: [IndicatorValue], methodologyVersion: String? = nil, options: CallOptions = .init()
  )
    async throws -> IndexScore
  {
    try await client.unary(
      ScoringMethods.explain, .init(values: values, methodologyVersion: methodologyVersion), options: options)
  }

  /// A score's category.
  public func categorize(_ score: Double, methodologyVersion: String? = nil, options: CallOptions = .init())
    async throws -> IndexCategory
  {
    try await client.unary(
      ScoringMethods.categorize, .init(score: score, methodologyVersion: methodologyVersion), options: options
    )
    .category
  }

  /// Stores a region's values for an election and returns their score (service and admin roles).
  public func publish(
    election: String, region: String, values: [IndicatorValue], options: CallOptions = .init()
  )
    async throws -> IndexScore
  {
    try await client.unary(
      ElectionScoreMethods.publish, .init(election: election, region: region, values: values),
      options: options)
  }

  /// A region's stored score.
  public func regionScore(election: String, region: String, options: CallOptions = .init()) async throws
    -> IndexScore
  {
    try await client.unary(
      ElectionScoreMethods.regionScore, .init(election: election, region: region), options: options
    ).score
  }

  /// Category counts at a level (`kabkota` or `province`), nationally or within one province.
  public func distribution(
    election: String, level: String, province: String? = nil, options: CallOptions = .init()
  )
    async throws -> ElectionScoreMethods.Distribution
  {
    try await client.unary(
      ElectionScoreMethods.distribution, .init(election: election, region: province, level: level),
      options: options)
  }
}
