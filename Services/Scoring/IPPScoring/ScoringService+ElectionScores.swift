internal import IPPSchema
internal import Logging
public import RPCCore
public import ScoringAPI

/// The methods over stored election data: values published by ipp-intake (or an admin), the
/// scores kept from them, and what is read off those scores.
extension ScoringService {
  /// `Publish`: keeps a region's values for an election and stores their score under the
  /// default methodology.
  public func publish(_ request: Scoring.PublishRequest, context: RPCContext) throws -> IndexScore {
    let score = try library.scorer(nil).score(request.values)
    try store.publish(
      election: request.election,
      region: request.region,
      values: request.values,
      score: score
    )
    return score
  }

  /// `RegionScore`: a region's latest score; NOT_FOUND when none was published.
  public func regionScore(
    _ request: Scoring.RegionScoreRequest,
    context: RPCContext
  ) throws
    -> Scoring.RegionScoreResponse
  {
    try context.requireAccess(to: request.region)
    let version = try library.scorer(request.methodologyVersion).methodology.version
    let scores = try store.latestScores(
      election: request.election,
      version: version,
      level: request.region.level,
      within: request.region.province
    )
    guard let entry = scores.first(where: { $0.region == request.region }) else {
      throw RPCError(
        code: .notFound,
        message: "No score for \(request.region) (\(request.region.region.name)) in \(request.election)"
      )
    }
    return Scoring.RegionScoreResponse(region: request.region, score: entry.score)
  }

  /// `ProvinceScores`: a province's own score and the mean of its kab/kota totals.
  public func provinceScores(
    _ request: Scoring.ProvinceScoresRequest,
    context: RPCContext
  ) throws
    -> Scoring.ProvinceScoresResponse
  {
    try Self.requireProvince(request.province, field: "province")
    try context.requireAccess(to: request.province)
    let scorer = try library.scorer(request.methodologyVersion)
    let all = try store.latestScores(
      election: request.election,
      version: scorer.methodology.version,
      level: nil,
      within: request.province
    )
    let kabKota = all.filter { $0.region != request.province }.compactMap(\.score.total)
    let aggregate = kabKota.isEmpty ? nil : Scorer.round(kabKota.reduce(0, +) / Double(kabKota.count))
    return Scoring.ProvinceScoresResponse(
      ownScore: all.first { $0.region == request.province }?.score,
      kabKotaAggregate: aggregate,
      kabKotaAggregateCategory: aggregate.map(scorer.category(of:)),
      kabKotaCount: kabKota.count
    )
  }

  /// `Distribution`: how many regions of a level fall in each category.
  public func distribution(
    _ request: Scoring.DistributionRequest,
    context: RPCContext
  ) throws
    -> Scoring.DistributionResponse
  {
    let totals = try latestTotals(
      request.election,
      level: request.level,
      province: request.province,
      version: request.methodologyVersion
    )
    return ElectionAnalysis.distribution(totals.map(\.category))
  }

  /// `Ranking`: the regions of a level by total, best first.
  public func ranking(
    _ request: Scoring.RankingRequest,
    context: RPCContext
  ) throws
    -> Scoring.RankingResponse
  {
    let totals = try latestTotals(
      request.election,
      level: request.level,
      province: request.province,
      version: request.methodologyVersion
    )
    return Scoring.RankingResponse(places: ElectionAnalysis.ranking(totals))
  }

  /// `History`: every score computed for a region, oldest first.
  public func history(
    _ request: Scoring.HistoryRequest,
    context: RPCContext
  ) throws
    -> Scoring.HistoryResponse
  {
    try context.requireAccess(to: request.region)
    let entries = try store.history(election: request.election, region: request.region)
    return Scoring.HistoryResponse(entries: entries.map { .init(computedAt: $0.computedAt, score: $0.score) })
  }

  /// `Recompute`: re-scores every stored region of an election under a methodology version.
  /// FAILED_PRECONDITION, storing nothing, when a stored region's values do not fit it.
  public func recompute(
    _ request: Scoring.RecomputeRequest,
    context: RPCContext
  ) throws
    -> Scoring.RecomputeResponse
  {
    let scorer = try library.scorer(request.methodologyVersion)
    let inputs = try store.inputs(election: request.election)
    var scores: [(region: RegionCode, values: [IndicatorValue], score: IndexScore)] = []
    for input in inputs {
      do {
        scores.append((input.region, input.values, try scorer.score(input.values)))
      } catch {
        throw RPCError(
          code: .failedPrecondition,
          message: "Region \(input.region) does not fit \(scorer.methodology.version): \(error.message)"
        )
      }
    }
    let written = try store.store(election: request.election, scores: scores)
    context.logger.notice(
      "recomputed",
      metadata: [
        "ipp.election": "\(request.election)", "ipp.methodology": "\(scorer.methodology.version)",
        "ipp.new_scores": "\(written)",
      ]
    )
    return Scoring.RecomputeResponse(regions: inputs.count, newScores: written)
  }

  /// `Sensitivity`: each region's rank range and category changes under perturbed weights.
  public func sensitivity(
    _ request: Scoring.SensitivityRequest,
    context: RPCContext
  ) throws
    -> Scoring.SensitivityResponse
  {
    guard (1...10_000).contains(request.runs) else {
      throw RPCError(code: .invalidArgument, message: "runs is 1 to 10000, not \(request.runs)")
    }
    guard request.perturbation > 0, request.perturbation < 1 else {
      throw RPCError(
        code: .invalidArgument,
        message: "perturbation is between 0 and 1 (exclusive), not \(request.perturbation)"
      )
    }
    let scorer = try library.scorer(request.methodologyVersion)
    let inputs = try store.inputs(election: request.election).filter { $0.region.level == request.level }
    do {
      return try ElectionAnalysis.sensitivity(
        inputs,
        methodology: scorer.methodology,
        runs: request.runs,
        perturbation: request.perturbation,
        seed: request.seed ?? 2024
      )
    } catch {
      throw RPCError(code: .failedPrecondition, message: error.message)
    }
  }

  /// The latest total and category of each scored region of a level, nationally or within one
  /// province.
  private func latestTotals(
    _ election: ElectionID,
    level: Level,
    province: RegionCode?,
    version: String?
  )
    throws -> [(region: RegionCode, total: Double, category: Category)]
  {
    if let province { try Self.requireProvince(province, field: "province") }
    let version = try library.scorer(version).methodology.version
    return try store.latestScores(election: election, version: version, level: level, within: province)
      .compactMap { entry in entry.score.total.map { (entry.region, $0, entry.score.category!) } }
  }

  private static func requireProvince(_ code: RegionCode, field: String) throws(RPCError) {
    guard code.level == .province else {
      throw RPCError(
        code: .invalidArgument,
        message: "\(field) is a province code such as \(code.province), not the kab/kota \(code)"
      )
    }
  }
}
