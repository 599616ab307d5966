public import Foundation
public import IPPSchema

extension Notify {
  /// One delivery attempt.
  public struct DeliveryAttempt: Codable, Sendable, Equatable {
    public var at: Date
    /// `sent`, `transient` (tried again later) or `permanent`.
    public var outcome: String
    /// The server's reply (`250 2.0.0 Ok: queued`, `HTTP 503`) or what went wrong.
    public var reply: String

    public init(at: Date, outcome: String, reply: String) {
      self.at = at
      self.outcome = outcome
      self.reply = reply
    }
  }

  /// A notification in the outbox.
  public struct NotificationRecord: Codable, Sendable, Equatable {
    /// Where it stands.
    public enum State: String, Codable, Sendable {
      /// Waiting for its next attempt.
      case pending
      /// Accepted by the mail server or the webhook.
      case sent
      /// Given up on; `Resend` puts it back.
      case dead
    }

    public var id: Int64
    /// Event, recipient and step: what makes it unique, and what its Message-ID (or webhook
    /// idempotency key) is made from.
    public var dedupKey: String
    public var recipient: String
    /// `email` or `webhook`.
    public var channel: String
    /// The email address or URL.
    public var address: String
    public var kind: NoticeKind
    public var region: RegionCode?
    public var subject: String
    public var state: State
    public var createdAt: Date
    /// When it is tried next (pending), or was last tried.
    public var nextAttemptAt: Date
    public var lastError: String?
    /// Every attempt, oldest first (in `History`; empty elsewhere).
    public var attempts: [DeliveryAttempt]
    public var attemptCount: Int

    public init(
      id: Int64,
      dedupKey: String,
      recipient: String,
      channel: String,
      address: String,
      kind: NoticeKind,
      region: RegionCode?,
      subject: String,
      state: State,
      createdAt: Date,
      nextAttemptAt: Date,
      lastError: String?,
      attempts: [DeliveryAttempt],
      attemptCount: Int
    ) {
      self.id = id
      self.dedupKey = dedupKey
      self.recipient = recipient
      self.channel = channel
      self.address = address
      self.kind = kind
      self.region = region
      self.subject = subject
      self.state = state
      self.createdAt = createdAt
      self.nextAttemptAt = nextAttemptAt
      self.lastError = lastError
      self.attempts = attempts
      self.attemptCount = attemptCount
    }
  }

  /// `Pending`: at most `limit` (1 to 1000), soonest due first.
  public struct PendingRequest: Codable, Sendable {
    public var limit: Int

    public init(limit: Int = 100) {
      self.limit = limit
    }
  }

  /// `History`: newest first, narrowed to a recipient or a region (a province takes in its
  /// kab/kota), at most `limit` (1 to 1000), older than `beforeID` to page on.
  public struct HistoryRequest: Codable, Sendable {
    public var recipient: String?
    public var region: RegionCode?
    public var limit: Int
    public var beforeID: Int64?

    public init(recipient: String? = nil, region: RegionCode? = nil, limit: Int = 100, beforeID: Int64? = nil)
    {
      self.recipient = recipient
      self.region = region
      self.limit = limit
      self.beforeID = beforeID
    }
  }

  /// `DeadLetters`: at most `limit` (1 to 1000), newest first.
  public struct DeadLettersRequest: Codable, Sendable {
    public var limit: Int

    public init(limit: Int = 100) {
      self.limit = limit
    }
  }

  /// Notifications within the caller's scope.
  public struct NotificationsResponse: Codable, Sendable, Equatable {
    public var notifications: [NotificationRecord]

    public init(notifications: [NotificationRecord]) {
      self.notifications = notifications
    }
  }

  /// `Resend`: which dead-lettered notification.
  public struct ResendRequest: Codable, Sendable {
    public var id: Int64

    public init(id: Int64) {
      self.id = id
    }
  }
}
