public import Foundation
public import IPPSchema

extension Notify {
  /// What a recipient is sent.
  public enum NoticeKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// Its own region's reminders before and after the filling deadline.
    case deadlineReminder
    /// Each morning while filling is due: who in its province (or, for KPU RI, which provinces)
    /// has not submitted, late first.
    case digest
    /// Events: sites down, stale, certificates expiring, and when they resolve.
    case alert

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// How serious an event is.
  public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case info
    case warning
    case critical

    private var rank: Int {
      switch self {
      case .info: 0
      case .warning: 1
      case .critical: 2
      }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
  }

  /// Hours of the day, in the recipient's zone, when only critical alerts are sent; the rest
  /// wait until they end. `from` may be later than `until` (22:00 to 06:00 spans midnight).
  public struct QuietHours: Codable, Sendable, Equatable {
    /// Minutes after midnight the quiet starts: 1320 is 22:00.
    public var from: Int
    /// Minutes after midnight it ends.
    public var until: Int

    public init(from: Int, until: Int) {
      self.from = from
      self.until = until
    }
  }

  /// Someone (or a chat gateway) notifications go to.
  public struct Recipient: Codable, Sendable, Equatable {
    /// The recipient's id, chosen by the admin: lowercase letters, digits and `-`, such as
    /// `operator-3314` or `ketua-jateng`.
    public var id: String
    /// A name to address them by.
    public var name: String
    /// The region they answer for: a kab/kota, a province, or nil for KPU RI.
    public var region: RegionCode?
    /// Their email address, if they take email.
    public var email: String?
    /// An HTTPS (or loopback HTTP) URL that takes signed JSON POSTs, if they take webhooks.
    public var webhookURL: String?
    /// Indonesian unless `en`.
    public var language: String
    public var notices: [NoticeKind]
    /// Alerts below this are not sent to them.
    public var minimumSeverity: Severity
    /// The kinds of event they are sent; nil for every kind.
    public var eventKinds: [EventKind]?
    public var quietHours: QuietHours?

    public init(
      id: String,
      name: String,
      region: RegionCode?,
      email: String? = nil,
      webhookURL: String? = nil,
      language: String = "id",
      notices: [NoticeKind] = NoticeKind.allCases,
      minimumSeverity: Severity = .warning,
      eventKinds: [EventKind]? = nil,
      quietHours: QuietHours? = nil
    ) {
      self.id = id
      self.name = name
      self.region = region
      self.email = email
      self.webhookURL = webhookURL
      self.language = language
      self.notices = notices
      self.minimumSeverity = minimumSeverity
      self.eventKinds = eventKinds
      self.quietHours = quietHours
    }
  }

  /// `Recipients`: those of one province (its own and its kab/kota's) or, with none, all in the
  /// caller's scope.
  public struct RecipientsRequest: Codable, Sendable {
    public var province: RegionCode?

    public init(province: RegionCode? = nil) {
      self.province = province
    }
  }

  /// Recipients ordered by region (KPU RI first) and id.
  public struct RecipientsResponse: Codable, Sendable, Equatable {
    public var recipients: [Recipient]

    public init(recipients: [Recipient]) {
      self.recipients = recipients
    }
  }

  /// `SetRecipient`: the recipient as it should be from now on.
  public struct SetRecipientRequest: Codable, Sendable {
    public var recipient: Recipient
    /// Makes a new webhook secret (the old one stops being used at once).
    public var rotateWebhookSecret: Bool

    public init(recipient: Recipient, rotateWebhookSecret: Bool = false) {
      self.recipient = recipient
      self.rotateWebhookSecret = rotateWebhookSecret
    }
  }

  /// The recipient as stored.
  public struct SetRecipientResponse: Codable, Sendable, Equatable {
    public var recipient: Recipient
    /// The secret webhooks to this recipient are signed with: answered once, when it is made
    /// (a new webhook, or a rotation); give it to the receiver.
    public var webhookSecret: String?

    public init(recipient: Recipient, webhookSecret: String?) {
      self.recipient = recipient
      self.webhookSecret = webhookSecret
    }
  }

  /// `RemoveRecipient`: whom.
  public struct RemoveRecipientRequest: Codable, Sendable {
    public var id: String

    public init(id: String) {
      self.id = id
    }
  }
}
