public import Foundation
public import IPPSchema

extension Scoring {
  /// `Publish`: a region's indicator values for an election.
  public struct PublishRequest: Codable, Sendable {
    public var election: ElectionID
    /// The province or kab/kota.
    public var region: RegionCode
    /// Its indicator values.
    public var values: [IndicatorValue]

    public init(election: ElectionID, region: RegionCode, values: [IndicatorValue]) {
      self.election = election
      self.region = region
      self.values = values
    }
  }

  /// `RegionScore`: which region's stored score.
  public struct RegionScoreRequest: Codable, Sendable {
    public var election: ElectionID
    /// The province or kab/kota.
    public var region: RegionCode
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    public init(election: ElectionID, region: RegionCode, methodologyVersion: String? = nil) {
      self.election = election
      self.region = region
      self.methodologyVersion = methodologyVersion
    }
  }

  /// `RegionScore`: the region's latest score.
  public struct RegionScoreResponse: Codable, Sendable, Equatable {
    public var region: RegionCode
    public var score: IndexScore

    public init(region: RegionCode, score: IndexScore) {
      self.region = region
      self.score = score
    }
  }

  /// `ProvinceScores`: which province.
  public struct ProvinceScoresRequest: Codable, Sendable {
    public var election: ElectionID
    /// A province code (`33`).
    public var province: RegionCode
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    public init(election: ElectionID, province: RegionCode, methodologyVersion: String? = nil) {
      self.election = election
      self.province = province
      self.methodologyVersion = methodologyVersion
    }
  }

  /// `ProvinceScores`: a province's two scores.
  public struct ProvinceScoresResponse: Codable, Sendable, Equatable {
    /// The province's own score, from its own data; nil when none was published.
    public var ownScore: IndexScore?
    /// The mean of its kab/kota totals (scored ones only).
    public var kabKotaAggregate: Double?
    /// The category of the aggregate.
    public var kabKotaAggregateCategory: Category?
    /// How many kab/kota scores the aggregate is made of.
    public var kabKotaCount: Int

    public init(
      ownScore: IndexScore? = nil,
      kabKotaAggregate: Double? = nil,
      kabKotaAggregateCategory: Category? = nil,
      kabKotaCount: Int
    ) {
      self.ownScore = ownScore
      self.kabKotaAggregate = kabKotaAggregate
      self.kabKotaAggregateCategory = kabKotaAggregateCategory
      self.kabKotaCount = kabKotaCount
    }
  }

  /// `Distribution`: which regions to count.
  public struct DistributionRequest: Codable, Sendable {
    public var election: ElectionID
    /// Provinces or kab/kota.
    public var level: Level
    /// Only the kab/kota of this province; nil for the whole country.
    public var province: RegionCode?
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    public init(
      election: ElectionID,
      level: Level,
      province: RegionCode? = nil,
      methodologyVersion: String? = nil
    ) {
      self.election = election
      self.level = level
      self.province = province
      self.methodologyVersion = methodologyVersion
    }
  }

  /// `Distribution`: counts and percentages per category.
  public struct DistributionResponse: Codable, Sendable, Equatable {
    /// One category's share.
    public struct Share: Codable, Sendable, Equatable {
      public var category: Category
      /// How many regions.
      public var count: Int
      /// Their percentage of the scored regions, to one decimal.
      public var percent: Double

      public init(category: Category, count: Int, percent: Double) {
        self.category = category
        self.count = count
        self.percent = percent
      }
    }

    /// Regions with a total.
    public var scored: Int
    /// Per category, Participatory first.
    public var shares: [Share]

    public init(scored: Int, shares: [Share]) {
      self.scored = scored
      self.shares = shares
    }
  }

  /// `Ranking`: which regions to rank.
  public struct RankingRequest: Codable, Sendable {
    public var election: ElectionID
    /// Provinces or kab/kota.
    public var level: Level
    /// Only the kab/kota of this province; nil for the whole country.
    public var province: RegionCode?
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    public init(
      election: ElectionID,
      level: Level,
      province: RegionCode? = nil,
      methodologyVersion: String? = nil
    ) {
      self.election = election
      self.level = level
      self.province = province
      self.methodologyVersion = methodologyVersion
    }
  }

  /// `Ranking`: regions by total, best first.
  public struct RankingResponse: Codable, Sendable, Equatable {
    /// One place.
    public struct Place: Codable, Sendable, Equatable {
      /// 1 for the best; equal totals share a rank.
      public var rank: Int
      public var region: RegionCode
      /// Its total.
      public var total: Double
      /// Its category.
      public var category: Category

      public init(rank: Int, region: RegionCode, total: Double, category: Category) {
        self.rank = rank
        self.region = region
        self.total = total
        self.category = category
      }
    }

    public var places: [Place]

    public init(places: [Place]) {
      self.places = places
    }
  }

  /// `History`: which region.
  public struct HistoryRequest: Codable, Sendable {
    public var election: ElectionID
    /// The province or kab/kota.
    public var region: RegionCode

    public init(election: ElectionID, region: RegionCode) {
      self.election = election
      self.region = region
    }
  }

  /// `History`: a region's scores over time and methodology versions.
  public struct HistoryResponse: Codable, Sendable, Equatable {
    /// One computed score.
    public struct Entry: Codable, Sendable, Equatable {
      /// When it was computed.
      public var computedAt: Date
      public var score: IndexScore

      public init(computedAt: Date, score: IndexScore) {
        self.computedAt = computedAt
        self.score = score
      }
    }

    /// Oldest first.
    public var entries: [Entry]

    public init(entries: [Entry]) {
      self.entries = entries
    }
  }

  /// `Recompute`: which election, under which methodology.
  public struct RecomputeRequest: Codable, Sendable {
    public var election: ElectionID
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    public init(election: ElectionID, methodologyVersion: String? = nil) {
      self.election = election
      self.methodologyVersion = methodologyVersion
    }
  }

  /// `Recompute`: what it did.
  public struct RecomputeResponse: Codable, Sendable, Equatable {
    /// Regions scored.
    public var regions: Int
    /// New scores stored; the rest had the same inputs and version already.
    public var newScores: Int

    public init(regions: Int, newScores: Int) {
      self.regions = regions
      self.newScores = newScores
    }
  }

  /// `Sensitivity`: how to perturb the weights.
  public struct SensitivityRequest: Codable, Sendable {
    public var election: ElectionID
    /// Provinces or kab/kota.
    public var level: Level
    /// How many perturbed weight sets: 1 to 10,000.
    public var runs: Int
    /// Each weight is multiplied by a uniform factor in 1 ± this (0.2 = ±20%), then
    /// renormalised; strictly between 0 and 1.
    public var perturbation: Double
    /// Makes the runs repeatable; 2024 when absent.
    public var seed: UInt64?
    /// The methodology version; nil uses the default.
    public var methodologyVersion: String?

    public init(
      election: ElectionID,
      level: Level,
      runs: Int,
      perturbation: Double,
      seed: UInt64? = nil,
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

  /// `Sensitivity`: how stable each region's rank and category are under perturbed weights.
  public struct SensitivityResponse: Codable, Sendable, Equatable {
    /// One region's spread.
    public struct Spread: Codable, Sendable, Equatable {
      public var region: RegionCode
      /// Its rank with the methodology's own weights.
      public var rank: Int
      /// The best rank seen.
      public var bestRank: Int
      /// The worst rank seen.
      public var worstRank: Int
      /// The share of runs in which its category differs from the unperturbed one.
      public var categoryChangeRate: Double

      public init(region: RegionCode, rank: Int, bestRank: Int, worstRank: Int, categoryChangeRate: Double) {
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
    public var regions: [Spread]

    public init(runs: Int, regions: [Spread]) {
      self.runs = runs
      self.regions = regions
    }
  }
}
