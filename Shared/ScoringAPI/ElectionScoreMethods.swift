public import Foundation
public import RPC

/// `ipp.Scoring` methods over stored election data: values published by ipp-intake (or an
/// admin), the scores kept from them, and what is read off those scores.
public enum ElectionScoreMethods {
  /// A region's indicator values for an election.
  public struct PublishRequest: Codable, Sendable {
    /// The election: `pilkada-2024`.
    public var election: String
    /// The region code: `33` (province) or `33.14` (kab/kota).
    public var region: String
    /// Its indicator values.
    public var values: [IndicatorValue]

    /// A request.
    public init(election: String, region: String, values: [IndicatorValue]) {
      self.election = election
      self.region = region
      self.values = values
    }
  }

  /// Names an election and, optionally, a methodology version (nil: the default).
  public struct ElectionRequest: Codable, Sendable {
    /// The election.
    public var election: String
    /// A region or province code, where the method takes one.
    public var region: String?
    /// Which regions: `province` or `kabkota`, where the method takes one.
    public var level: String?
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    /// A request.
    public init(
      election: String, region: String? = nil, level: String? = nil, methodologyVersion: String? = nil
    ) {
      self.election = election
      self.region = region
      self.level = level
      self.methodologyVersion = methodologyVersion
    }
  }

  /// A region's stored score.
  public struct RegionScore: Codable, Sendable, Equatable {
    /// The region code.
    public var region: String
    /// The score.
    public var score: IndexScore

    /// A value with every field given.
    public init(region: String, score: IndexScore) {
      self.region = region
      self.score = score
    }
  }

  /// A province's two scores.
  public struct ProvinceScores: Codable, Sendable {
    /// The province's own score, from its own data; nil when none was published.
    public var ownScore: IndexScore?
    /// The mean of its kab/kota totals (scored ones only), and its category.
    public var kabKotaAggregate: Double?
    /// The category of the aggregate.
    public var kabKotaAggregateCategory: IndexCategory?
    /// How many kab/kota scores the aggregate is made of.
    public var kabKotaCount: Int

    /// A value with every field given.
    public init(
      ownScore: IndexScore? = nil, kabKotaAggregate: Double? = nil,
      kabKotaAggregateCategory: IndexCategory? = nil, kabKotaCount: Int
    ) {
      self.ownScore = ownScore
      self.kabKotaAggregate = kabKotaAggregate
      self.kabKotaAggregateCategory = kabKotaAggregateCategory
      self.kabKotaCount = kabKotaCount
    }
  }

  /// Counts and percentages per category.
  public struct Distribution: Codable, Sendable, Equatable {
    /// One category's share.
    public struct Share: Codable, Sendable, Equatable {
      /// The category.
      public var category: IndexCategory
      /// How many regions.
      public var count: Int
      /// Their percentage of the scored regions, to one decimal.
      public var percent: Double

      /// A value with every field given.
      public init(category: IndexCategory, count: Int, percent: Double) {
        self.category = category
        self.count = count
        self.percent = percent
      }
    }

    /// Regions with a total.
    public var scored: Int
    /// Per category, Participatory first.
    public var shares: [Share]

    /// A value with every field given.
    public init(scored: Int, shares: [Share]) {
      self.scored = scored
      self.shares = shares
    }
  }

  /// Regions by total, best first.
  public struct Ranking: Codable, Sendable {
    /// One place.
    public struct Place: Codable, Sendable, Equatable {
      /// 1 for the best; equal totals share a rank.
      public var rank: Int
      /// The region code.
      public var region: String
      /// Its total.
      public var total: Double
      /// Its category.
      public var category: IndexCategory

      /// A value with every field given.
      public init(rank: Int, region: String, total: Double, category: IndexCategory) {
        self.rank = rank
        self.region = region
        self.total = total
        self.category = category
      }
    }

    /// The places.
    public var places: [Place]

    /// A value with every field given.
    public init(places: [Place]) {
      self.places = places
    }
  }

  /// A region's scores over time and methodology versions.
  public struct History: Codable, Sendable {
    /// One computed score.
    public struct Entry: Codable, Sendable {
      /// When it was computed.
      public var computedAt: Date
      /// The score.
      public var score: IndexScore

      /// A value with every field given.
      public init(computedAt: Date, score: IndexScore) {
        self.computedAt = computedAt
        self.score = score
      }
    }

    /// Oldest first.
    public var entries: [Entry]

    /// A value with every field given.
    public init(entries: [Entry]) {
      self.entries = entries
    }
  }

  /// What a recompute did.
  public struct RecomputeResult: Codable, Sendable, Equatable {
    /// Regions scored.
    public var regions: Int
    /// New scores stored; the rest had the same inputs and version already.
    public var newScores: Int

    /// A value with every field given.
    public init(regions: Int, newScores: Int) {
      self.regions = regions
      self.newScores = newScores
    }
  }

  /// How to perturb weights for a sensitivity analysis.
  public struct SensitivityRequest: Codable, Sendable {
    /// The election.
    public var election: String
    /// Which regions: `province` or `kabkota`.
    public var level: String
    /// How many perturbed weight sets.
    public var runs: Int
    /// Each weight is multiplied by a uniform factor in 1 ± this (0.2 = ±20%), then renormalised.
    public var perturbation: Double
    /// Makes the runs repeatable.
    public var seed: UInt64?
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    /// A request.
    public init(
      election: String, level: String, runs: Int, perturbation: Double, seed: UInt64? = nil,
      methodologyVersion: String? = nil
    ) {
      self.election = election
      self.level = level
      self.runs = runs
      self.perturbation = perturbation
      self.seed = seed
      self.methodologyVersion = methodologyVersion
    }
  }

  /// How stable each region's rank and category are under perturbed weights.
  public struct SensitivityResult: Codable, Sendable {
    /// One region's spread.
    public struct Region: Codable, Sendable, Equatable {
      /// The region code.
      public var region: String
      /// Its rank with the methodology's own weights.
      public var rank: Int
      /// The best and worst rank seen.
      public var bestRank: Int
      /// The worst rank seen.
      public var worstRank: Int
      /// The share of runs in which its category differs from the unperturbed one.
      public var categoryChangeRate: Double

      /// A value with every field given.
      public init(region: String, rank: Int, bestRank: Int, worstRank: Int, categoryChangeRate: Double) {
        self.region = region
        self.rank = rank
        self.bestRank = bestRank
        self.worstRank = worstRank
        self.categoryChangeRate = categoryChangeRate
      }
    }

    /// Runs made.
    public var runs: Int
    /// Per region, by unperturbed rank.
    public var regions: [Region]

    /// A value with every field given.
    public init(runs: Int, regions: [Region]) {
      self.runs = runs
      self.regions = regions
    }
  }

  /// Stores a region's values and scores them (roles: service, admin).
  public static let publish = RPCMethod<PublishRequest, IndexScore>(
    service: "Scoring", name: "Publish", isIdempotent: true)
  /// A region's stored score.
  public static let regionScore = RPCMethod<ElectionRequest, RegionScore>(
    service: "Scoring", name: "RegionScore", isIdempotent: true)
  /// A province's own score and the aggregate of its kab/kota.
  public static let provinceScores = RPCMethod<ElectionRequest, ProvinceScores>(
    service: "Scoring", name: "ProvinceScores", isIdempotent: true)
  /// Category counts at a level, nationally or within one province (`region`).
  public static let distribution = RPCMethod<ElectionRequest, Distribution>(
    service: "Scoring", name: "Distribution", isIdempotent: true)
  /// Regions by total at a level, nationally or within one province.
  public static let ranking = RPCMethod<ElectionRequest, Ranking>(
    service: "Scoring", name: "Ranking", isIdempotent: true)
  /// A region's score history across recomputes and methodology versions.
  public static let history = RPCMethod<ElectionRequest, History>(
    service: "Scoring", name: "History", isIdempotent: true)
  /// Re-scores every stored region of an election under a methodology version (admin).
  public static let recompute = RPCMethod<ElectionRequest, RecomputeResult>(
    service: "Scoring", name: "Recompute", isIdempotent: true)
  /// Rank intervals and category changes under random weight perturbations.
  public static let sensitivity = RPCMethod<SensitivityRequest, SensitivityResult>(
    service: "Scoring", name: "Sensitivity", isIdempotent: true)
}
