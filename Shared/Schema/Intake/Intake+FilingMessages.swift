public import Foundation
public import IPPSchema

extension Intake {
  /// Where a region's submission for an election is.
  public enum SubmissionState: String, Codable, Sendable {
    /// Nothing saved yet.
    case notStarted
    /// Values saved, not submitted.
    case draft
    /// Submitted to the province for verification; locked for the operator.
    case submitted
    /// Sent back by the province with comments; the operator edits and submits again.
    case returned
    /// Verified by the province (or KPU RI): locked; only a KPU RI admin can reopen it.
    case verified
  }

  /// Evidence for a qualitative value: where it is and what it shows.
  public struct Evidence: Codable, Sendable, Equatable {
    /// An http or https link: the berita acara, the page, the document.
    public var url: String
    /// What it shows.
    public var note: String

    public init(url: String, note: String) {
      self.url = url
      self.note = note
    }
  }

  /// One indicator's value as an operator files it.
  public struct FiledValue: Codable, Sendable, Equatable {
    /// The indicator's code in the catalogue: `PEM-1`.
    public var indicator: String
    /// The value; nil when it is missing, which then needs `missingReason`.
    public var value: Double?
    /// Why the value is missing: `Tidak ada calon perseorangan`.
    public var missingReason: String?
    /// The operator's comment, such as the answer to an outlier warning.
    public var comment: String?
    /// For the indicators that ask for it.
    public var evidence: Evidence?

    public init(
      indicator: String,
      value: Double?,
      missingReason: String? = nil,
      comment: String? = nil,
      evidence: Evidence? = nil
    ) {
      self.indicator = indicator
      self.value = value
      self.missingReason = missingReason
      self.comment = comment
      self.evidence = evidence
    }
  }

  /// `SaveValues`: some or all of a region's values, as a draft.
  public struct SaveValuesRequest: Codable, Sendable {
    public var election: ElectionID
    public var region: RegionCode
    /// The client's id for this write (1-128 characters): a retry with the same id after a
    /// timeout returns the first answer and writes nothing again.
    public var requestID: String
    public var values: [FiledValue]

    public init(election: ElectionID, region: RegionCode, requestID: String, values: [FiledValue]) {
      self.election = election
      self.region = region
      self.requestID = requestID
      self.values = values
    }
  }

  /// `Submit`, `Verify`, `Return`, `Reopen`: a change of a submission's state.
  public struct TransitionRequest: Codable, Sendable {
    public var election: ElectionID
    public var region: RegionCode
    /// The client's id for this write, as for `SaveValues`.
    public var requestID: String
    /// For Return and Reopen, required: what to fix, or why. Optional otherwise.
    public var comment: String?

    public init(election: ElectionID, region: RegionCode, requestID: String, comment: String? = nil) {
      self.election = election
      self.region = region
      self.requestID = requestID
      self.comment = comment
    }
  }

  /// `Submission`: whose.
  public struct SubmissionRequest: Codable, Sendable {
    public var election: ElectionID
    public var region: RegionCode

    public init(election: ElectionID, region: RegionCode) {
      self.election = election
      self.region = region
    }
  }

  /// A region's submission: its state, its values, and what to look at.
  public struct Submission: Codable, Sendable, Equatable {
    /// One value as stored.
    public struct Value: Codable, Sendable, Equatable {
      public var indicator: String
      public var value: Double?
      public var missingReason: String?
      public var comment: String?
      public var evidence: Evidence?
      /// Who last changed it, and when.
      public var changedBy: String
      public var changedAt: Date

      public init(
        indicator: String,
        value: Double?,
        missingReason: String?,
        comment: String?,
        evidence: Evidence?,
        changedBy: String,
        changedAt: Date
      ) {
        self.indicator = indicator
        self.value = value
        self.missingReason = missingReason
        self.comment = comment
        self.evidence = evidence
        self.changedBy = changedBy
        self.changedAt = changedAt
      }
    }

    public var election: ElectionID
    public var region: RegionCode
    public var state: SubmissionState
    /// The catalogue version the values were checked against.
    public var catalogue: String
    /// In catalogue order.
    public var values: [Value]
    /// Required indicators with neither a value nor a reason: what stands between a draft and
    /// a submission.
    public var missingRequired: [String]
    /// Rules across values that the current values break (each message names the rule).
    public var ruleViolations: [String]
    /// The province's comment when it returned the submission, or KPU RI's when it reopened it.
    public var lastComment: String?
    /// Values far from what the region's peers filed: accepted, with a request for a comment.
    /// Absent from answers recorded before the check existed.
    public var outliers: [Outlier]?

    /// A value far from its peers' (DHIS2's outlier check).
    public struct Outlier: Codable, Sendable, Equatable {
      public var indicator: String
      public var value: Double
      /// The peers' median.
      public var median: Double
      /// The range the peers' spread makes usual.
      public var usualLow: Double
      public var usualHigh: Double
      /// How many peers it was compared with.
      public var peers: Int
      /// Whether the value has a comment that explains it.
      public var commented: Bool
      /// For the operator: the value, the peers' median and usual range, and what to do.
      public var message: String

      public init(
        indicator: String,
        value: Double,
        median: Double,
        usualLow: Double,
        usualHigh: Double,
        peers: Int,
        commented: Bool,
        message: String
      ) {
        self.indicator = indicator
        self.value = value
        self.median = median
        self.usualLow = usualLow
        self.usualHigh = usualHigh
        self.peers = peers
        self.commented = commented
        self.message = message
      }
    }

    public init(
      election: ElectionID,
      region: RegionCode,
      state: SubmissionState,
      catalogue: String,
      values: [Value],
      missingRequired: [String],
      ruleViolations: [String],
      lastComment: String?,
      outliers: [Outlier]? = nil
    ) {
      self.election = election
      self.region = region
      self.state = state
      self.catalogue = catalogue
      self.values = values
      self.missingRequired = missingRequired
      self.ruleViolations = ruleViolations
      self.lastComment = lastComment
      self.outliers = outliers
    }
  }
}
