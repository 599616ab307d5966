public import AsyncHTTPClient
internal import Crypto
public import Foundation
public import Logging
internal import NIOCore
internal import NIOHTTP1
public import ServiceRuntime

/// Sends what the outbox has due by webhook: a JSON POST per notification, signed so that the
/// receiver can check it came from here and reject a replay. Headers:
///
/// - `X-IPP-Timestamp`: seconds since 1970 when it was sent;
/// - `X-IPP-Signature`: `sha256=` and the hex HMAC-SHA256, keyed with the recipient's webhook
///   secret, of the timestamp, a `.`, and the body;
/// - `Idempotency-Key`: the notification's id (the body's `id`), the same on every attempt.
///
/// A 2xx answer marks it sent; 408, 429, a 5xx, or no answer is tried again after a backoff;
/// any other answer dead-letters it. Redirects are not followed.
public struct WebhookDelivery: Sendable {
  let outbox: NotificationOutbox
  let recipients: RecipientDirectory
  let client: HTTPClient
  let clock: any WallClock
  let retry: DeliveryRetry
  let timeout: TimeAmount

  public init(
    outbox: NotificationOutbox,
    recipients: RecipientDirectory,
    client: HTTPClient,
    clock: any WallClock,
    retry: DeliveryRetry,
    timeoutSeconds: Int64 = 10
  ) {
    self.outbox = outbox
    self.recipients = recipients
    self.client = client
    self.clock = clock
    self.retry = retry
    self.timeout = .seconds(timeoutSeconds)
  }

  /// An HTTP client as webhooks need it: no redirects, bounded connect time.
  public static func makeClient() -> HTTPClient {
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
    configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>").
  public static func signature(secret: String, timestamp: Int, body: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(
      for: Data("\(timestamp).\(body)".utf8),
      using: SymmetricKey(data: Data(secret.utf8))
    )
    return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
  }

  /// Sends up to `limit` due webhooks, one after another; answers how many were accepted.
  @discardableResult
  public func deliverDue(limit: Int = 500) async throws -> Int {
    var sent = 0
    for notification in try outbox.due(.webhook, at: clock.now, limit: limit) {
      guard let secret = try recipients.entry(notification.draft.recipientID)?.webhookSecret else {
        try retry.failed(notification, transient: false, reply: "the recipient no longer has a webhook")
        continue
      }
      let timestamp = Int(clock.now.timeIntervalSince1970)
      let body = notification.draft.text
      var request = HTTPClientRequest(url: notification.recipient)
      request.method = .POST
      request.headers.add(name: "Content-Type", value: "application/json")
      request.headers.add(name: "User-Agent", value: "ipp-notify")
      request.headers.add(
        name: "Idempotency-Key",
        value: NotificationWriter.idempotencyKey(notification.dedupKey)
      )
      request.headers.add(name: "X-IPP-Timestamp", value: "\(timestamp)")
      request.headers.add(
        name: "X-IPP-Signature",
        value: Self.signature(secret: secret, timestamp: timestamp, body: body)
      )
      request.body = .bytes(ByteBuffer(string: body))
      do {
        let response = try await client.execute(request, timeout: timeout)
        // The receiver's answer goes in the history when it is at most 1 KiB.
        let answer = try? await response.body.collect(upTo: 1024)
        let reply =
          "HTTP \(response.status.code)"
          + (answer.map { $0.readableBytes > 0 ? " " + String(buffer: $0) : "" } ?? "")
        switch response.status.code {
        case 200..<300:
          try outbox.markSent(notification.id, reply: reply, at: clock.now)
          sent += 1
        case 408, 429, 500..<600:
          try retry.failed(notification, transient: true, reply: reply)
        default:
          try retry.failed(notification, transient: false, reply: reply)
        }
      } catch {
        try retry.failed(notification, transient: true, reply: "\(error)")
      }
    }
    return sent
  }
}
