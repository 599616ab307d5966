internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import RPC
internal import ScoringAPI

/// The regions a distribution or ranking covers: an election's provinces or kab/kota, nationally
/// or within one province.
struct ScoredRegions: ParsableArguments {
  /// Provinces or kab/kota, as the command line names them.
  enum LevelArgument: String, ExpressibleByArgument {
    case province, kabkota
  }

  @OptionGroup var election: ElectionOptions

  @Option(help: "province or kabkota.")
  var level: LevelArgument = .kabkota

  @Option(help: "Only the kab/kota of this province.")
  var province: String?

  /// The election, level and province given, or a usage error.
  func chosen() throws -> (ElectionID, Level, RegionCode?) {
    (
      try election.electionID(), level == .province ? .province : .kabkota,
      try province.map(CommonOptions.region)
    )
  }
}

/// `ippctl score 33.14`: a region's published score with its five dimensions; a province's also
/// with its kab/kota aggregate (ipp.Scoring/RegionScore, ProvinceScores).
struct ScoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "A region's index: total, category, each dimension; for a province, its kab/kota aggregate too."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Argument(help: "The region's code: 33.14, or 33 for a province.")
  var region: String

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let (electionID, code) = (try election.electionID(), try CommonOptions.region(region))
    if code.level == .province {
      let scores = try await MethodCall.typed("Scoring", options: options) { client in
        try await Scoring.Client(client).provinceScores(
          .init(election: electionID, province: code),
          options: options.callOptions
        )
      }
      if json { return try MethodCall.printJSON(scores, compact: options.compact) }
      if let own = scores.ownScore {
        ScoreText.print(own, of: code)
      } else {
        print("\(code.rawValue) \(code.region.name): no score of its own yet")
      }
      let aggregate = scores.kabKotaAggregate.map { String(format: "%.2f", $0) } ?? "-"
      let category = scores.kabKotaAggregateCategory.map(ScoreText.category) ?? "-"
      print("Kab/kota aggregate: \(aggregate) (\(category)) over \(scores.kabKotaCount) kab/kota")
      return
    }
    let answer = try await MethodCall.typed("Scoring", options: options) { client in
      try await Scoring.Client(client).regionScore(
        .init(election: electionID, region: code),
        options: options.callOptions
      )
    }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    ScoreText.print(answer.score, of: code)
  }
}

/// `ippctl explain 33.14`: what each indicator contributed to a region's score: its values from
/// ipp-intake, explained by ipp-scoring (ipp.Intake/Submission, ipp.Scoring/Explain).
struct ExplainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract:
      "What each indicator of a region contributed to its score: raw value, 0-100 score, weight, points."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Argument(help: "The region's code, such as 33.14.")
  var region: String

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let (electionID, code) = (try election.electionID(), try CommonOptions.region(region))
    let submission = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).submission(
        .init(election: electionID, region: code),
        options: options.callOptions
      )
    }
    let values = submission.values.map { IndicatorValue(indicator: $0.indicator, value: $0.value) }
    let score = try await MethodCall.typed("Scoring", options: options) { client in
      try await Scoring.Client(client).explain(.init(values: values), options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(score, compact: options.compact) }
    ScoreText.print(score, of: code)
    print("\nFrom its \(submission.state.rawValue) values:")
    var table = TextTable([
      .init(title: "INDICATOR"), .init(title: "DIMENSION"), .init(title: "RAW", alignRight: true),
      .init(title: "SCORE", alignRight: true), .init(title: "WEIGHT", alignRight: true),
      .init(title: "POINTS", alignRight: true),
    ])
    for line in score.explanation {
      table.add([
        line.indicator, line.dimension, ScoreText.number(line.raw, "%g"),
        ScoreText.number(line.normalised, "%.2f"),
        String(format: "%.4f", line.weight), ScoreText.number(line.contribution, "%.2f"),
      ])
    }
    print(table.text, terminator: "")
  }
}

/// `ippctl distribution --province 33`: how many regions are in each category
/// (ipp.Scoring/Distribution).
struct DistributionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distribution",
    abstract: "How many regions are in each category, nationally or within a province."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var regions: ScoredRegions

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let (election, level, province) = try regions.chosen()
    let request = Scoring.DistributionRequest(election: election, level: level, province: province)
    let answer = try await MethodCall.typed("Scoring", options: options) { client in
      try await Scoring.Client(client).distribution(request, options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    var table = TextTable([
      .init(title: "CATEGORY"), .init(title: "REGIONS", alignRight: true),
      .init(title: "SHARE", alignRight: true),
      .init(title: ""),
    ])
    for share in answer.shares {
      table.add([
        ScoreText.category(share.category), String(share.count), String(format: "%.1f%%", share.percent),
        String(repeating: "█", count: Int((share.percent / 2.5).rounded())),
      ])
    }
    print(table.text, terminator: "")
    print("\(answer.scored) regions scored")
  }
}

/// `ippctl ranking --province 33 --top 10`: regions by total, best first (ipp.Scoring/Ranking).
struct RankingCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ranking",
    abstract: "Regions by total, best first; equal totals share a rank."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var regions: ScoredRegions

  @Option(help: "Only the first so many places.")
  var top: Int?

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let (election, level, province) = try regions.chosen()
    let request = Scoring.RankingRequest(election: election, level: level, province: province)
    var answer = try await MethodCall.typed("Scoring", options: options) { client in
      try await Scoring.Client(client).ranking(request, options: options.callOptions)
    }
    if let top { answer.places = Array(answer.places.prefix(max(top, 0))) }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    var table = TextTable([
      .init(title: "RANK", alignRight: true), .init(title: "REGION"), .init(title: "NAME"),
      .init(title: "TOTAL", alignRight: true), .init(title: "CATEGORY"),
    ])
    for place in answer.places {
      table.add([
        String(place.rank), place.region.rawValue, place.region.region.name,
        String(format: "%.2f", place.total),
        ScoreText.category(place.category),
      ])
    }
    print(table.text, terminator: "")
  }
}

/// How the score commands write a score for people.
enum ScoreText {
  /// `participatory (partisipatif)`.
  static func category(_ category: Category) -> String {
    "\(category.rawValue) (\(category.indonesianName))"
  }

  static func number(_ value: Double?, _ format: String) -> String {
    value.map { String(format: format, $0) } ?? "-"
  }

  /// The total and category, then each dimension.
  static func print(_ score: IndexScore, of region: RegionCode) {
    let total = score.total.map { String(format: "%.2f", $0) } ?? "incomplete"
    Swift.print(
      "\(region.rawValue) \(region.region.name): \(total)"
        + (score.category.map { " \(category($0))" } ?? "") + ", methodology \(score.methodologyVersion)"
    )
    var table = TextTable([
      .init(title: "DIMENSION"), .init(title: "SCORE", alignRight: true),
      .init(title: "WEIGHT", alignRight: true),
    ])
    for dimension in score.dimensions {
      table.add([
        dimension.dimension, number(dimension.score, "%.2f"), String(format: "%.2f", dimension.weight),
      ])
    }
    Swift.print(table.text, terminator: "")
    if !score.missing.isEmpty { Swift.print("Missing: " + score.missing.joined(separator: ", ")) }
  }
}
