public import ScoringAPI
public import IPPSchema

/// What is read off a set of scores: distributions, rankings, and the sensitivity of ranks and
/// categories to the weights (the JRC/COINr uncertainty analysis, on weights only). Pure functions.
public enum ElectionAnalysis {
  /// Counts and percentages (one decimal) per category, Participatory first.
  public static func distribution(_ categories: [Category]) -> Scoring.DistributionResponse {
    let order: [Category] = [.participatory, .engagement, .involvement]
    return Scoring.DistributionResponse(
      scored: categories.count,
      shares: order.map { category in
        let count = categories.filter { $0 == category }.count
        let percent =
          categories.isEmpty ? 0 : (Double(count) / Double(categories.count) * 1000).rounded() / 10
        return .init(category: category, count: count, percent: percent)
      }
    )
  }

  /// Regions by total, best first; equal totals share a rank ("1224" ranking), ties by code.
  public static func ranking(
    _ totals: [(region: RegionCode, total: Double, category: Category)]
  )
    -> [Scoring.RankingResponse.Place]
  {
    let ranks = ranks(totals.map(\.total))
    return totals.indices.sorted { (ranks[$0], totals[$0].region) < (ranks[$1], totals[$1].region) }.map {
      .init(
        rank: ranks[$0],
        region: totals[$0].region,
        total: totals[$0].total,
        category: totals[$0].category
      )
    }
  }

  /// Re-scores `inputs` under `runs` random perturbations of every weight (each multiplied by a
  /// uniform factor in 1 ± `perturbation`, then renormalised) and reports, per region, the range
  /// of ranks seen and how often the category differs from the unperturbed one. Values are
  /// normalised once; each run only combines them under its weights.
  public static func sensitivity(
    _ inputs: [(region: RegionCode, values: [IndicatorValue])],
    methodology: Methodology,
    runs: Int,
    perturbation: Double,
    seed: UInt64
  ) throws(ScoringInputError) -> Scoring.SensitivityResponse {
    let scorer = Scorer(methodology: methodology)
    var normalised: [[[Double?]]] = []
    for input in inputs { normalised.append(scorer.normalise(try scorer.rawValues(input.values))) }
    let base = normalised.map { scorer.combine($0, weights: scorer.weights).total }
    let baseCategories = base.map { $0.map(scorer.category(of:)) }
    let baseRanks = ranks(base)
    var best = baseRanks
    var worst = baseRanks
    var changes = [Int](repeating: 0, count: inputs.count)
    var generator = SplitMix64(seed: seed)
    for _ in 0..<runs {
      let weights = perturb(scorer.weights, by: perturbation, using: &generator)
      let run = normalised.map { scorer.combine($0, weights: weights).total }
      let runRanks = ranks(run)
      for index in inputs.indices {
        best[index] = min(best[index], runRanks[index])
        worst[index] = max(worst[index], runRanks[index])
        if let total = run[index], scorer.category(of: total) != baseCategories[index] { changes[index] += 1 }
      }
    }
    let regions = inputs.indices.map { index in
      Scoring.SensitivityResponse.Spread(
        region: inputs[index].region,
        rank: baseRanks[index],
        bestRank: best[index],
        worstRank: worst[index],
        categoryChangeRate: runs == 0 ? 0 : Double(changes[index]) / Double(runs)
      )
    }
    return .init(runs: runs, regions: regions.sorted { ($0.rank, $0.region) < ($1.rank, $1.region) })
  }

  /// Each total's rank, best first, equal totals sharing one ("1224"); no total ranks last.
  private static func ranks(_ totals: [Double?]) -> [Int] {
    let order = totals.indices.sorted { (totals[$0] ?? -1) > (totals[$1] ?? -1) }
    var ranks = [Int](repeating: 0, count: totals.count)
    for (position, index) in order.enumerated() {
      let previous = position > 0 ? order[position - 1] : nil
      ranks[index] = previous.map { totals[$0] == totals[index] ? ranks[$0] : position + 1 } ?? 1
    }
    return ranks
  }

  /// Every weight times a factor in 1 ± `amount`, renormalised to add up to 1 at each level.
  private static func perturb(
    _ weights: Scorer.Weights,
    by amount: Double,
    using generator: inout SplitMix64
  )
    -> Scorer.Weights
  {
    func factor() -> Double { Double.random(in: (1 - amount)...(1 + amount), using: &generator) }
    var perturbed = weights
    for dimension in perturbed.indicators.indices {
      perturbed.dimensions[dimension] *= factor()
      for index in perturbed.indicators[dimension].indices {
        perturbed.indicators[dimension][index] *= factor()
      }
      let sum = perturbed.indicators[dimension].reduce(0, +)
      for index in perturbed.indicators[dimension].indices { perturbed.indicators[dimension][index] /= sum }
    }
    let sum = perturbed.dimensions.reduce(0, +)
    for dimension in perturbed.dimensions.indices { perturbed.dimensions[dimension] /= sum }
    return perturbed
  }
}
