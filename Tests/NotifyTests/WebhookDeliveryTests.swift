import Foundation
import IPPNotify
import IPPSchema
import Logging
import NotifyAPI
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// Webhooks to a receiver written in Python that checks each signature itself: signed and fresh
/// posts accepted, the same idempotency key on every attempt, a 503 retried after the backoff, a
/// rejected signature (the secret rotated) dead-lettered.
struct WebhookDeliveryTests {
  let clock = ManualClock(try! ZonedTime("2026-12-08 10:00 WIB").instant)
  let notify: InProcessService
  let service: NotifyService

  init() throws {
    notify = try InProcessService(NotifyService.definition(clock: clock), clock: clock)
    service = NotifyService(storage: notify.storage, clock: clock, groupWait: 0)
  }

  var admin: Notify.Client<InProcessCaller> { Notify.Client(notify.caller(as: .testAdmin)) }

  /// One client for every test here, never shut down: the process's end takes it.
  static let http = WebhookDelivery.makeClient()

  var delivery: WebhookDelivery {
    var backoff = DeliveryRetry.Backoff()
    backoff.random = { 0.5 }
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return WebhookDelivery(
      outbox: service.outbox,
      recipients: service.directory,
      client: Self.http,
      clock: clock,
      retry: DeliveryRetry(outbox: service.outbox, clock: clock, backoff: backoff, logger: logger)
    )
  }

  func raise(_ id: String, resolved: Bool = false) async throws {
    _ = try await Notify.Client(notify.caller(as: .testService)).raiseEvent(
      .init(
        eventID: id,
        kind: .siteDown,
        severity: .critical,
        region: try RegionCode("33.14"),
        subject: "kab-sragen.kpu.go.id",
        summary: "connection refused since 09:55 WIB",
        resolved: resolved,
        occurredAt: clock.now
      )
    )
    try service.planner.writeDueAlerts()
  }

  /// Makes a webhook recipient whose URL is known only once the receiver, which needs the secret,
  /// is running: first with a placeholder address, then the real one.
  func receiver() async throws -> (WebhookReceiver, Notify.Recipient) {
    var recipient = Notify.Recipient(
      id: "bot-jateng",
      name: "Grup koordinasi Jawa Tengah",
      region: try RegionCode("33"),
      webhookURL: "http://127.0.0.1:1/hook",
      notices: [.alert]
    )
    let secret = try #require(try await admin.setRecipient(.init(recipient: recipient)).webhookSecret)
    let receiver = try await WebhookReceiver(secret: secret, now: clock.now)
    recipient.webhookURL = receiver.url
    _ = try await admin.setRecipient(.init(recipient: recipient))
    return (receiver, recipient)
  }

  @Test func signedPostsAreAcceptedAndRetriesCarryTheSameKey() async throws {
    let (receiver, _) = try await receiver()
    defer { receiver.stop() }
    try receiver.answer(503)
    try await raise("down-1")
    #expect(try await delivery.deliverDue() == 0)
    let waiting = try #require(try await admin.pending(.init()).notifications.first)
    #expect(waiting.channel == "webhook")
    #expect(waiting.nextAttemptAt == clock.now + 30)

    try receiver.answer(200)
    clock.advance(by: 30)
    #expect(try await delivery.deliverDue() == 1)
    #expect(try await delivery.deliverDue() == 0)
    let received = try receiver.received()
    #expect(received.map(\.status) == [503, 200])
    #expect(received.allSatisfy { $0.signed && $0.fresh && $0.contentType == "application/json" })
    #expect(Set(received.map(\.idempotencyKey)).count == 1)
    let payload = received[1].payload
    #expect(received[1].idempotencyKey == payload.id)
    #expect(payload.kind == "alert" && payload.recipient == "bot-jateng" && payload.region == "33.14")
    #expect(payload.subject == "[KRITIS] Situs tidak dapat diakses: kab-sragen.kpu.go.id")
    #expect(payload.events?.first?.severity == "critical")
    #expect(payload.text.contains("Selasa, 8 Desember 2026 pukul 10.00 WIB"))
    let history = try #require(try await admin.history(.init()).notifications.first)
    #expect(history.attempts.map(\.reply) == ["HTTP 503 no", "HTTP 200 ok"])
  }

  @Test func aSignatureTheReceiverRejectsIsDeadLettered() async throws {
    let (receiver, recipient) = try await receiver()
    defer { receiver.stop() }
    // The secret is rotated but the receiver still has the old one.
    _ = try await admin.setRecipient(.init(recipient: recipient, rotateWebhookSecret: true))
    try await raise("down-1")
    #expect(try await delivery.deliverDue() == 0)
    #expect(try receiver.received().map(\.signed) == [false])
    let dead = try await admin.deadLetters(.init()).notifications
    #expect(dead.count == 1 && dead.first?.lastError == "HTTP 401 no")
  }

  @Test func anUnreachableReceiverIsTriedAgainLater() async throws {
    let (receiver, _) = try await receiver()
    receiver.stop()
    try await raise("down-1")
    #expect(try await delivery.deliverDue() == 0)
    let waiting = try #require(try await admin.pending(.init()).notifications.first)
    #expect(waiting.attemptCount == 1 && waiting.nextAttemptAt == clock.now + 30)
  }
}
