internal import Crypto
public import Foundation
public import IPPSchema
public import NotifyAPI

/// Writes one notification for each channel a recipient takes: an email, and a webhook's JSON
/// body. Not critical ones wait for the end of the recipient's quiet hours.
public struct NotificationWriter: Sendable {
  /// What a webhook receiver is sent, as JSON.
  struct WebhookPayload: Codable {
    struct Event: Codable {
      var kind: String
      var severity: String
      var region: String?
      var subject: String
      var summary: String
      var resolved: Bool
      var occurredAt: Date
    }

    /// The notification's idempotency key: the same on every attempt.
    var id: String
    var kind: String
    var recipient: String
    var region: String?
    var subject: String
    var text: String
    var createdAt: Date
    var events: [Event]?
  }

  public init() {}

  /// The drafts of one notification to `recipient`, keyed `dedupKey/<channel>`.
  public func drafts(
    to recipient: Notify.Recipient,
    kind: Notify.NoticeKind,
    region: RegionCode?,
    dedupKey: String,
    subject: String,
    text: String,
    html: String?,
    severity: Notify.Severity = .warning,
    events: [AlertLedger.RoutedEvent] = [],
    at now: Date
  ) -> [NotificationOutbox.Draft] {
    let zone = ReminderSchedule.zone(of: recipient)
    let notBefore = severity == .critical ? nil : Self.quietEnd(recipient.quietHours, at: now, in: zone)
    var drafts: [NotificationOutbox.Draft] = []
    if let email = recipient.email {
      drafts.append(
        NotificationOutbox.Draft(
          dedupKey: "\(dedupKey)/email",
          recipientID: recipient.id,
          channel: .email,
          recipient: email,
          kind: kind,
          region: region,
          subject: subject,
          text: text,
          html: html,
          zone: zone.rawValue,
          notBefore: notBefore
        )
      )
    }
    if let url = recipient.webhookURL {
      let key = "\(dedupKey)/webhook"
      let payload = WebhookPayload(
        id: Self.idempotencyKey(key),
        kind: kind.rawValue,
        recipient: recipient.id,
        region: region?.rawValue,
        subject: subject,
        text: text,
        createdAt: now,
        events: events.isEmpty
          ? nil
          : events.map {
            WebhookPayload.Event(
              kind: $0.kind.rawValue,
              severity: $0.severity.rawValue,
              region: $0.region?.rawValue,
              subject: $0.subject,
              summary: $0.summary,
              resolved: $0.resolved,
              occurredAt: $0.occurredAt
            )
          }
      )
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      encoder.dateEncodingStrategy = .iso8601
      drafts.append(
        NotificationOutbox.Draft(
          dedupKey: key,
          recipientID: recipient.id,
          channel: .webhook,
          recipient: url,
          kind: kind,
          region: region,
          subject: subject,
          text: String(decoding: try! encoder.encode(payload), as: UTF8.self),
          zone: zone.rawValue,
          notBefore: notBefore
        )
      )
    }
    return drafts
  }

  /// The first 32 hex digits of SHA-256(`dedupKey`): what a webhook's `id` and `Idempotency-Key`
  /// carry, made as an email's Message-ID is.
  public static func idempotencyKey(_ dedupKey: String) -> String {
    SHA256.hash(data: Data(dedupKey.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
  }

  /// When `now` falls in quiet hours (in `zone`), the moment they end; else nil.
  static func quietEnd(_ quiet: Notify.QuietHours?, at now: Date, in zone: Region.Zone) -> Date? {
    guard let quiet, quiet.from != quiet.until else { return nil }
    let calendar = ReminderSchedule.calendar(zone)
    let parts = calendar.dateComponents([.hour, .minute], from: now)
    let minute = parts.hour! * 60 + parts.minute!
    let quietNow =
      quiet.from < quiet.until
      ? (quiet.from..<quiet.until).contains(minute) : (minute >= quiet.from || minute < quiet.until)
    guard quietNow else { return nil }
    let today = calendar.startOfDay(for: now) + TimeInterval(quiet.until * 60)
    return today > now ? today : calendar.date(byAdding: .day, value: 1, to: today)!
  }
}
