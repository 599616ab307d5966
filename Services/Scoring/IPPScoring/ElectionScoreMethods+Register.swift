public import ScoringAPI
internal import Logging
public import RPC

extension ElectionScoreMethods {
  /// Registers the stored-score methods, scoring with `library` and keeping scores in `store`.
  public static func register(in router: inout RPCRouter, library: MethodologyLibrary, store: ScoreStore) {
    @Sendable func scorer(_ version: String?) throws -> Scorer {
      guard let scorer = library.scorer(version) else {
        throw RPCError(code: .notFound, message: "No methodology version \(version ?? "")")
      }
      return scorer
    }
    @Sendable func levelIsProvince(_ level: String?) throws -> Bool? {
      switch level {
      case nil: return nil
      case "province": return true
      case "kabkota": return false
      default: throw RPCError(code: .invalidArgument, message: "level is province or kabkota, not \(level!)")
      }
    }
    @Sendable func scored(_ request: ElectionRequest, province: Bool?, within: String?) throws
      -> [(region: String, total: Double, category: IndexCategory)]
    {
      let version = try scorer(request.methodologyVersion).methodology.version
      return try store.latestScores(
        election: request.election, version: version, provinces: province, within: within
      )
      .compactMap { entry in entry.score.total.map { (entry.region, $0, entry.score.category!) } }
    }

    router.register(publish, access: .roles([.service, .admin])) { request, _ in
      guard !request.election.isEmpty, !request.region.isEmpty else {
        throw RPCError(code: .invalidArgument, message: "election and region are required")
      }
      let score: IndexScore
      do {
        score = try scorer(nil).score(request.values)
      } catch let error as ScoringInputError {
        throw RPCError(code: .invalidArgument, message: error.message)
      }
      try store.publish(
        election: request.election, region: request.region, values: request.values, score: score)
      return score
    }
    router.register(regionScore, access: .authenticated) { request, context in
      guard let region = request.region else {
        throw RPCError(code: .invalidArgument, message: "region is required")
      }
      try context.requireAccess(toRegion: region)
      let version = try scorer(request.methodologyVersion).methodology.version
      guard
        let entry = try store.latestScores(
          election: request.election, version: version, provinces: nil, within: nil
        )
        .first(where: { $0.region == region })
      else {
        throw RPCError(code: .notFound, message: "No score for region \(region) in \(request.election)")
      }
      return RegionScore(region: region, score: entry.score)
    }
    router.register(provinceScores, access: .authenticated) { request, context in
      guard let province = request.region else {
        throw RPCError(code: .invalidArgument, message: "region is required")
      }
      try context.requireAccess(toRegion: province)
      let version = try scorer(request.methodologyVersion)
      let all = try store.latestScores(
        election: request.election, version: version.methodology.version, provinces: nil, within: province)
      let kabKota = all.filter { $0.region != province }.compactMap(\.score.total)
      let aggregate = kabKota.isEmpty ? nil : Scorer.round(kabKota.reduce(0, +) / Double(kabKota.count))
      return ProvinceScores(
        ownScore: all.first { $0.region == province }?.score, kabKotaAggregate: aggregate,
        kabKotaAggregateCategory: aggregate.map(version.category(of:)), kabKotaCount: kabKota.count)
    }
    router.register(distribution, access: .authenticated) { request, _ in
      ElectionAnalysis.distribution(
        try scored(request, province: try levelIsProvince(request.level), within: request.region).map(
          \.category))
    }
    router.register(ranking, access: .authenticated) { request, _ in
      Ranking(
        places: ElectionAnalysis.ranking(
          try scored(request, province: try levelIsProvince(request.level), within: request.region)))
    }
    router.register(history, access: .authenticated) { request, context in
      guard let region = request.region else {
        throw RPCError(code: .invalidArgument, message: "region is required")
      }
      try context.requireAccess(toRegion: region)
      return History(
        entries: try store.history(election: request.election, region: region).map {
          .init(computedAt: $0.computedAt, score: $0.score)
        })
    }
    router.register(recompute, access: .roles([.admin])) { request, context in
      let scorer = try scorer(request.methodologyVersion)
      let inputs = try store.inputs(election: request.election)
      var scores: [(region: String, values: [IndicatorValue], score: IndexScore)] = []
      for input in inputs {
        do {
          scores.append((input.region, input.values, try scorer.score(input.values)))
        } catch let error as ScoringInputError {
          throw RPCError(code: .failedPrecondition, message: "Region \(input.region): \(error.message)")
        }
      }
      let written = try store.store(election: request.election, scores: scores)
      context.logger.notice(
        "recomputed", metadata: ["ipp.election": "\(request.election)", "ipp.new_scores": "\(written)"])
      return RecomputeResult(regions: inputs.count, newScores: written)
    }
    router.register(sensitivity, access: .authenticated) { request, _ in
      guard (1...10_000).contains(request.runs), request.perturbation > 0, request.perturbation < 1 else {
        throw RPCError(code: .invalidArgument, message: "runs is 1 to 10000 and perturbation between 0 and 1")
      }
      let isProvince = try levelIsProvince(request.level)
      let inputs = try store.inputs(election: request.election).filter {
        isProvince == nil || ScoreStore.province(of: $0.region).isProvince == isProvince
      }
      do {
        return try ElectionAnalysis.sensitivity(
          inputs, methodology: try scorer(request.methodologyVersion).methodology, runs: request.runs,
          perturbation: request.perturbation, seed: request.seed ?? 2024)
      } catch let error as ScoringInputError {
        throw RPCError(code: .failedPrecondition, message: error.message)
      }
    }
  }
}
