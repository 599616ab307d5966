import Foundation
import GRDB
import IPPSchema
import NotifyAPI
import IPPNotify
import Logging
import NIOPosix
import ServiceRuntime
import TestSupport
import Testing

/// The outbox delivering through the SMTP client to aiosmtpd on loopback, on a clock the test
/// moves: one message per dedup key, a server down then back, 4xx retried with backoff until
/// dead-lettered, 5xx dead-lettered at once, every attempt kept with the server's reply.
struct EmailDeliveryTests {
  let clock = ManualClock(Date(timeIntervalSince1970: 1_796_182_384))
  let folder: TemporaryDirectory
  let storage: ServiceStorage
  let outbox: NotificationOutbox

  init() throws {
    folder = try TemporaryDirectory("ipp-notify-outbox")
    var migrator = DatabaseMigrator()
    NotificationOutbox.registerMigrations(&migrator)
    storage = try ServiceStorage(directory: folder.path, name: "ipp-notify", migrator: migrator)
    outbox = NotificationOutbox(storage: storage)
  }

  func delivery(to sink: SMTPSink, maxAttempts: Int = 8, connections: Int = 1) -> EmailDelivery {
    var backoff = DeliveryRetry.Backoff()
    backoff.random = { 0.5 }  // no jitter: the waits are exactly 30 s, 60 s, 120 s, ...
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return EmailDelivery(
      outbox: outbox,
      settings: SMTPSettings(
        host: "localhost",
        port: sink.port,
        security: .startTLS(trustRootsPath: sink.certificatePath),
        username: "ipp-notify",
        password: sink.password,
        timeout: .seconds(10),
        connections: connections
      ),
      sender: MailMessageTests.sender,
      clock: clock,
      group: MultiThreadedEventLoopGroup.singleton,
      maxAttempts: maxAttempts,
      backoff: backoff,
      logger: logger
    )
  }

  @discardableResult
  func enqueue(_ key: String = "deadline:pilkada-2024:33.14:3-days") throws -> Bool {
    try outbox.enqueue(
      NotificationOutbox.Draft(
        dedupKey: key,
        recipientID: "operator-sragen",
        channel: .email,
        recipient: "admin@kab-sragen.kpu.example",
        kind: .deadlineReminder,
        region: try RegionCode("33.14"),
        subject: "Pengingat: batas pengisian IPP Kabupaten Sragen 3 hari lagi",
        text: "Batas waktu: Selasa, 15 Desember 2026 pukul 23.59 WIB.\n",
        zone: "WIB"
      ),
      at: clock.now
    )
  }

  @Test func aNotificationIsSentOnceWhateverTriggersIt() async throws {
    let sink = try await SMTPSink()
    defer { sink.stop() }
    #expect(try enqueue())
    #expect(try !enqueue())
    #expect(try await delivery(to: sink).deliverDue() == 1)
    #expect(try await delivery(to: sink).deliverDue() == 0)
    #expect(try !enqueue())
    #expect(try await delivery(to: sink).deliverDue() == 0)
    #expect(try sink.messages().count == 1)
    let sent = try #require(try outbox.notifications(in: .sent).first)
    #expect(try outbox.attempts(of: sent.id).map(\.outcome) == ["sent"])
    #expect(try outbox.attempts(of: sent.id).first?.reply.hasPrefix("250 2.0.0 Ok: queued") == true)
  }

  @Test func aBatchOverSeveralConnectionsSendsEachMessageOnce() async throws {
    let sink = try await SMTPSink()
    defer { sink.stop() }
    for step in 1...10 { try enqueue("deadline:pilkada-2024:33.14:step-\(step)") }
    #expect(try await delivery(to: sink, connections: 3).deliverDue() == 10)
    let ids = try sink.messages().compactMap { NotifyProcessTests.messageID($0.raw) }
    #expect(ids.count == 10 && Set(ids).count == 10)
    #expect(try outbox.notifications(in: .sent).count == 10)
  }

  @Test func aServerDownThenBackGetsTheMessageAfterTheBackoff() async throws {
    let first = try await SMTPSink()
    first.stop()
    try enqueue()
    #expect(try await delivery(to: first).deliverDue() == 0)
    let waiting = try #require(try outbox.notifications(in: .pending).first)
    #expect(waiting.attempts == 1)
    #expect(waiting.nextAttemptAt == clock.now + 30)
    // Not due again before its time.
    clock.advance(by: 29)
    #expect(try outbox.due(.email, at: clock.now, limit: 10).isEmpty)

    let back = try await SMTPSink(restarting: first)
    defer { back.stop() }
    clock.advance(by: 1)
    #expect(try await delivery(to: back).deliverDue() == 1)
    #expect(try back.messages().count == 1)
    #expect(try outbox.attempts(of: waiting.id).map(\.outcome) == ["transient", "sent"])
  }

  @Test func fourHundredsAreRetriedUntilDeadLettered() async throws {
    let sink = try await SMTPSink(mode: .tempfail)
    defer { sink.stop() }
    try enqueue()
    let delivery = delivery(to: sink, maxAttempts: 3)
    for wait in [30.0, 60.0] {
      #expect(try await delivery.deliverDue() == 0)
      let pending = try #require(try outbox.notifications(in: .pending).first)
      #expect(pending.nextAttemptAt == clock.now + wait)
      clock.advance(by: wait)
    }
    #expect(try await delivery.deliverDue() == 0)
    let dead = try #require(try outbox.notifications(in: .dead).first)
    #expect(dead.attempts == 3)
    #expect(dead.lastError?.contains("451 4.3.0 Mailbox busy") == true)
    #expect(try outbox.attempts(of: dead.id).map(\.outcome) == ["transient", "transient", "transient"])
  }

  @Test func aFiveHundredIsDeadLetteredAtOnceAndCanBeResent() async throws {
    let refusing = try await SMTPSink(mode: .permfail)
    try enqueue()
    #expect(try await delivery(to: refusing).deliverDue() == 0)
    refusing.stop()
    let dead = try #require(try outbox.notifications(in: .dead).first)
    #expect(dead.attempts == 1)
    #expect(try outbox.attempts(of: dead.id).map(\.reply) == ["message: 554 5.7.1 Message rejected"])

    // The cause dealt with, an admin resends it; only a dead one can be.
    let accepting = try await SMTPSink(restarting: refusing)
    defer { accepting.stop() }
    #expect(try outbox.resend(dead.id, at: clock.now))
    #expect(try !outbox.resend(dead.id, at: clock.now))
    #expect(try await delivery(to: accepting).deliverDue() == 1)
    #expect(try outbox.attempts(of: dead.id).map(\.outcome) == ["permanent", "sent"])
  }
}
