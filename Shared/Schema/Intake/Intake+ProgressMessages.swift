public import Foundation
public import IPPSchema

extension Intake {
  /// One region's filling progress.
  public struct RegionProgress: Codable, Sendable, Equatable {
    public var region: RegionCode
    /// Its official name: `Kabupaten Sragen`.
    public var name: String
    public var state: SubmissionState
    /// Required indicators with a value or a reason.
    public var requiredFilled: Int
    /// Required indicators in the catalogue.
    public var requiredTotal: Int
    /// `requiredFilled` as a percentage, one decimal.
    public var percentFilled: Double
    /// When a value or the state last changed, and by whom; nil before anything was saved.
    public var lastActivity: Date?
    public var lastActivityBy: String?
    /// The region's own deadline (its extension if it has one) in its own zone.
    public var deadline: ZonedTime?
    /// Seconds until that deadline while filling is open for the region; nil otherwise.
    public var secondsLeft: Int?
    /// Not submitted and its deadline has passed.
    public var isLate: Bool

    public init(
      region: RegionCode,
      name: String,
      state: SubmissionState,
      requiredFilled: Int,
      requiredTotal: Int,
      percentFilled: Double,
      lastActivity: Date?,
      lastActivityBy: String?,
      deadline: ZonedTime?,
      secondsLeft: Int?,
      isLate: Bool
    ) {
      self.region = region
      self.name = name
      self.state = state
      self.requiredFilled = requiredFilled
      self.requiredTotal = requiredTotal
      self.percentFilled = percentFilled
      self.lastActivity = lastActivity
      self.lastActivityBy = lastActivityBy
      self.deadline = deadline
      self.secondsLeft = secondsLeft
      self.isLate = isLate
    }
  }

  /// `Progress`: whose.
  public struct ProgressRequest: Codable, Sendable {
    public var election: ElectionID
    /// Only this province and its kab/kota; nil for every region the caller's scope covers.
    public var province: RegionCode?

    public init(election: ElectionID, province: RegionCode? = nil) {
      self.election = election
      self.province = province
    }
  }

  /// `Progress`: each region's progress, in code order.
  public struct ProgressResponse: Codable, Sendable, Equatable {
    public var regions: [RegionProgress]
    /// The moment it describes.
    public var asOf: Date

    public init(regions: [RegionProgress], asOf: Date) {
      self.regions = regions
      self.asOf = asOf
    }
  }

  /// `ProvinceSummary`: which province.
  public struct ProvinceSummaryRequest: Codable, Sendable {
    public var election: ElectionID
    public var province: RegionCode

    public init(election: ElectionID, province: RegionCode) {
      self.election = election
      self.province = province
    }
  }

  /// `ProvinceSummary`: the coordination meeting's question in one answer: of a province's
  /// kab/kota, how many are in each state, and who is late.
  public struct ProvinceSummaryResponse: Codable, Sendable, Equatable {
    public var province: RegionCode
    public var name: String
    /// Kab/kota taking part.
    public var kabKota: Int
    public var verified: Int
    public var submitted: Int
    public var returned: Int
    public var draft: Int
    public var notStarted: Int
    /// Kab/kota past their deadline without submitting, by code.
    public var late: [RegionProgress]
    /// Kab/kota not yet submitted while filling is still open, least time left first.
    public var atRisk: [RegionProgress]
    /// The province's own data.
    public var ownData: RegionProgress
    public var asOf: Date

    public init(
      province: RegionCode,
      name: String,
      kabKota: Int,
      verified: Int,
      submitted: Int,
      returned: Int,
      draft: Int,
      notStarted: Int,
      late: [RegionProgress],
      atRisk: [RegionProgress],
      ownData: RegionProgress,
      asOf: Date
    ) {
      self.province = province
      self.name = name
      self.kabKota = kabKota
      self.verified = verified
      self.submitted = submitted
      self.returned = returned
      self.draft = draft
      self.notStarted = notStarted
      self.late = late
      self.atRisk = atRisk
      self.ownData = ownData
      self.asOf = asOf
    }
  }

  /// `AtRisk`: which election.
  public struct AtRiskRequest: Codable, Sendable {
    public var election: ElectionID

    public init(election: ElectionID) {
      self.election = election
    }
  }

  /// `AtRisk`: every region the caller's scope covers that has not submitted while filling is
  /// open, least time left first: what ipp-notify reminds.
  public struct AtRiskResponse: Codable, Sendable, Equatable {
    public var regions: [RegionProgress]
    public var asOf: Date

    public init(regions: [RegionProgress], asOf: Date) {
      self.regions = regions
      self.asOf = asOf
    }
  }
}
