import Benchmark
import Foundation
import IPPSchema
import IPPScoring
import ScoringAPI

/// Scoring the 545 Pilkada 2024 regions (37 provinces, 508 kab/kota) with a 60-indicator
/// methodology: one national recompute cold (from the methodology file) and warm (scorer built),
/// and a sensitivity analysis of 1,000 perturbed weight sets.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.cpuTotal, .wallClock, .mallocCountTotal, .throughput],
    maxDuration: .seconds(5),
    maxIterations: 1000
  )

  let methodology = ScoringFixtures.methodology
  let inputs = ScoringFixtures.inputs

  let methodologyDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("ipp-scoring-bench-\(getpid())")
  try! FileManager.default.createDirectory(at: methodologyDirectory, withIntermediateDirectories: true)
  try! JSONEncoder().encode(methodology).write(
    to: methodologyDirectory.appendingPathComponent("bench-60.json")
  )

  Benchmark("national recompute cold: load and validate the methodology files, then score 545 regions") {
    benchmark in
    for _ in benchmark.scaledIterations {
      let scorer = try MethodologyLibrary(directory: methodologyDirectory.path).scorer(methodology.version)
      for input in inputs { blackHole(try scorer.score(input.values)) }
    }
  }

  Benchmark("national recompute warm, 545 regions x 60 indicators") { benchmark in
    let scorer = Scorer(methodology: methodology)
    for _ in benchmark.scaledIterations {
      for input in inputs { blackHole(try scorer.score(input.values)) }
    }
  }

  Benchmark(
    "sensitivity, 1000 runs over 545 regions",
    configuration: .init(maxDuration: .seconds(60), maxIterations: 3)
  ) {
    benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try ElectionAnalysis.sensitivity(
          inputs,
          methodology: methodology,
          runs: 1000,
          perturbation: 0.2,
          seed: 1
        )
      )
    }
  }
}

/// A 60-indicator methodology (five dimensions of 12) and deterministic values for 545 regions.
enum ScoringFixtures {
  static let methodology: Methodology = {
    let normalisations: [Methodology.Normalisation] = [
      .ratio, .minMax(min: 0, max: 10), .target(5), .yesNo, .scale1to5,
    ]
    let dimensions = (0..<5).map { dimension in
      Methodology.Dimension(
        code: "d\(dimension)",
        name: "Dimension \(dimension)",
        weight: 0.2,
        indicators: (0..<12).map { indicator in
          Methodology.Indicator(
            code: "I\(dimension)-\(indicator)",
            name: "",
            direction: indicator % 4 == 3 ? .lowerIsBetter : .higherIsBetter,
            normalisation: normalisations[indicator % 5],
            weight: 1.0 / 12
          )
        }
      )
    }
    return Methodology(
      version: "bench-60",
      description: "benchmark",
      dimensions: dimensions,
      aggregation: .arithmetic,
      missingData: .reweight,
      thresholds: .published
    )
  }()

  /// The 37 Pilkada provinces and 508 kab/kota (all but Yogyakarta's province and DKI Jakarta's
  /// kab/kota).
  static let regions = Region.all.map(\.code).filter {
    $0.level == .province ? $0.rawValue != "34" : $0.province.rawValue != "31"
  }

  static let inputs: [(region: RegionCode, values: [IndicatorValue])] = regions.indices.map { region in
    var state = UInt64(region) &* 0x9E37_79B9_7F4A_7C15 | 1
    func next() -> Double {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Double(state % 10_000) / 10_000
    }
    let values = methodology.dimensions.flatMap(\.indicators).map { indicator in
      let value: Double
      switch indicator.normalisation {
      case .ratio: value = next()
      case .minMax: value = next() * 10
      case .target: value = next() * 8
      case .yesNo: value = next() < 0.7 ? 1 : 0
      case .scale1to5: value = 1 + (next() * 4).rounded()
      }
      return IndicatorValue(indicator: indicator.code, value: value)
    }
    return (regions[region], values)
  }
}
