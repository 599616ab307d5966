internal import ScoringAPI

/// A `Distribution` answer as the chart pages show.
enum DistributionView {
  static func chart(_ distribution: Scoring.DistributionResponse, formats: Formats) -> String {
    SVGCharts.distribution(
      distribution.shares.map { ($0.category, $0.count, $0.percent) },
      title: formats.texts.format("scores_chart", "\(distribution.scored)"),
      formats: formats
    )
  }
}
