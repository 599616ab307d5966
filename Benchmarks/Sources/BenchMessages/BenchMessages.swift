import RPCCore

/// The method every RPC benchmark server answers: a region's score by its code.
public enum Bench {
  /// `{"region": "35"}`.
  public struct ScoreRequest: Codable, Sendable {
    public var region: String
  }

  /// `{"region": "35", "total": 80.87, "category": "partisipatif"}`.
  public struct ScoreResponse: Codable, Sendable {
    public var region: String
    public var total: Double
    public var category: String

    public init(region: String, total: Double, category: String) {
      self.region = region
      self.total = total
      self.category = category
    }
  }

  /// `ipp.Bench/Score`.
  public static let score = RPCMethod<ScoreRequest, ScoreResponse>(
    service: "Bench",
    name: "Score",
    isIdempotent: true
  )

  /// The answer every server gives.
  public static func answer(_ request: ScoreRequest) -> ScoreResponse {
    ScoreResponse(region: request.region, total: 80.87, category: "partisipatif")
  }
}
