public import Foundation
public import IPPSchema

extension Intake {
  /// `Publish`: publish a verified region's values to ipp-scoring again.
  public struct PublishRequest: Codable, Sendable {
    public var election: ElectionID
    public var region: RegionCode
    /// The client's id for this write, as for `SaveValues`.
    public var requestID: String

    public init(election: ElectionID, region: RegionCode, requestID: String) {
      self.election = election
      self.region = region
      self.requestID = requestID
    }
  }

  /// `PublishQueue`: no fields.
  public struct PublishQueueRequest: Codable, Sendable {
    public init() {}
  }

  /// The publish outbox: how many wait, went, or were refused, and which were refused.
  public struct PublishQueue: Codable, Sendable, Equatable {
    /// An entry scoring refused.
    public struct Refusal: Codable, Sendable, Equatable {
      public var election: ElectionID
      public var region: RegionCode
      /// Scoring's message.
      public var error: String
      public var at: Date

      public init(election: ElectionID, region: RegionCode, error: String, at: Date) {
        self.election = election
        self.region = region
        self.error = error
        self.at = at
      }
    }

    public var waiting: Int
    public var sent: Int
    public var failed: Int
    /// The refused entries, newest first (at most 100).
    public var refusals: [Refusal]

    public init(waiting: Int, sent: Int, failed: Int, refusals: [Refusal]) {
      self.waiting = waiting
      self.sent = sent
      self.failed = failed
      self.refusals = refusals
    }
  }
}
