public import RPCCore

/// `ipp.Scoring`, served by `ipp-scoring`: the participation index computed, stored and explained.
///
/// Two kinds of methods. The calculation methods (`Score`, `Explain`, `Categorize`,
/// `Methodologies`) are stateless: values in, a score out. The election-score methods
/// (`Publish`, `RegionScore`, `ProvinceScores`, `Distribution`, `Ranking`, `History`,
/// `Recompute`, `Sensitivity`) work on the values published for each region of an election and
/// the scores kept from them.
public enum Scoring {
  /// The service's name on the wire: `ipp.Scoring/<Method>`.
  public static let serviceName = "Scoring"
  /// The RPC port when none is configured.
  public static let defaultPort = 7402
  /// The admin HTTP port (`/healthz`, `/readyz`, `/metrics`) when none is configured.
  public static let defaultAdminPort = 9402

  /// The method descriptors.
  public enum Method {
    /// Values in, total, dimension scores, category and methodology version out.
    public static let score = RPCMethod<ScoreRequest, IndexScore>(
      service: serviceName,
      name: "Score",
      isIdempotent: true
    )
    /// The same as `Score`, with each indicator's raw and normalised value, weight and contribution.
    public static let explain = RPCMethod<ScoreRequest, IndexScore>(
      service: serviceName,
      name: "Explain",
      isIdempotent: true
    )
    /// A score's category under a methodology's thresholds.
    public static let categorize = RPCMethod<CategorizeRequest, CategorizeResponse>(
      service: serviceName,
      name: "Categorize",
      isIdempotent: true
    )
    /// The methodologies loaded.
    public static let methodologies = RPCMethod<MethodologiesRequest, MethodologiesResponse>(
      service: serviceName,
      name: "Methodologies",
      isIdempotent: true
    )
    /// Stores a region's values and scores them (roles: service, admin).
    public static let publish = RPCMethod<PublishRequest, IndexScore>(
      service: serviceName,
      name: "Publish",
      isIdempotent: true
    )
    /// A region's stored score.
    public static let regionScore = RPCMethod<RegionScoreRequest, RegionScoreResponse>(
      service: serviceName,
      name: "RegionScore",
      isIdempotent: true
    )
    /// A province's own score and the aggregate of its kab/kota.
    public static let provinceScores = RPCMethod<ProvinceScoresRequest, ProvinceScoresResponse>(
      service: serviceName,
      name: "ProvinceScores",
      isIdempotent: true
    )
    /// Category counts at a level, nationally or within one province.
    public static let distribution = RPCMethod<DistributionRequest, DistributionResponse>(
      service: serviceName,
      name: "Distribution",
      isIdempotent: true
    )
    /// Regions by total at a level, nationally or within one province.
    public static let ranking = RPCMethod<RankingRequest, RankingResponse>(
      service: serviceName,
      name: "Ranking",
      isIdempotent: true
    )
    /// A region's score history across recomputes and methodology versions.
    public static let history = RPCMethod<HistoryRequest, HistoryResponse>(
      service: serviceName,
      name: "History",
      isIdempotent: true
    )
    /// Re-scores every stored region of an election under a methodology version (admin).
    public static let recompute = RPCMethod<RecomputeRequest, RecomputeResponse>(
      service: serviceName,
      name: "Recompute",
      isIdempotent: true
    )
    /// Rank intervals and category changes under random weight perturbations.
    public static let sensitivity = RPCMethod<SensitivityRequest, SensitivityResponse>(
      service: serviceName,
      name: "Sensitivity",
      isIdempotent: true
    )
  }
}
