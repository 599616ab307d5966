import Foundation
import IPPIntake
import IPPNotify
import IPPSchema
import IntakeAPI
import Logging
import NIOPosix
import NotifyAPI
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// ipp-notify's methods in process on a clock the test moves, with ipp-intake in process as the
/// source of filling progress: reminders written once each, in the recipient's zone, only for
/// regions that have not submitted; events routed, grouped, silenced and acknowledged; recipients
/// checked; every list kept to the caller's scope.
struct NotifyServiceTests {
  let clock = ManualClock(Self.at("2026-12-08 07:00 WIB"))
  let notify: InProcessService
  let intake: InProcessService
  /// The same database as `notify`'s router, for the planner the background worker runs.
  let service: NotifyService

  static func at(_ text: String) -> Date { try! ZonedTime(text).instant }
  static let sragen = try! RegionCode("33.14")
  static let cilacap = try! RegionCode("33.01")
  static let makassar = try! RegionCode("73.71")
  static let jateng = try! RegionCode("33")
  static let jatim = try! RegionCode("35")

  init() throws {
    notify = try InProcessService(NotifyService.definition(clock: clock), clock: clock)
    intake = try InProcessService(IntakeService.definition(clock: clock), clock: clock)
    service = NotifyService(storage: notify.storage, clock: clock, groupWait: 30)
  }

  func client(_ principal: Principal = .testAdmin) -> Notify.Client<InProcessCaller> {
    Notify.Client(notify.caller(as: principal))
  }

  func intakeClient(_ principal: Principal = .testAdmin) -> Intake.Client<InProcessCaller> {
    Intake.Client(intake.caller(as: principal))
  }

  @discardableResult
  func addRecipient(
    _ id: String,
    _ region: RegionCode?,
    _ notices: [Notify.NoticeKind],
    severity: Notify.Severity = .warning,
    webhook: String? = nil,
    quiet: Notify.QuietHours? = nil
  ) async throws -> Notify.SetRecipientResponse {
    try await client().setRecipient(
      .init(
        recipient: Notify.Recipient(
          id: id,
          name: "Admin \(id)",
          region: region,
          email: "\(id)@kpu.example",
          webhookURL: webhook,
          notices: notices,
          minimumSeverity: severity,
          quietHours: quiet
        )
      )
    )
  }

  func openWindow() async throws {
    _ = try await intakeClient().setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: try ZonedTime("2026-12-01 00:00 WIB"),
        closesAt: try ZonedTime("2026-12-15 23:59 WIB"),
        reason: "Surat Dinas KPU RI"
      )
    )
  }

  func readIntake() async throws -> Int {
    try await ProgressReader(
      intake: intakeClient(.testService),
      deadlines: service.deadlines,
      clock: clock
    ).read()
  }

  @Test func remindersFollowIntakesProgressAndAreWrittenOnce() async throws {
    try await openWindow()
    try await addRecipient("operator-sragen", Self.sragen, [.deadlineReminder])
    try await addRecipient("operator-cilacap", Self.cilacap, [.deadlineReminder])
    try await addRecipient("operator-makassar", Self.makassar, [.deadlineReminder])
    try await addRecipient("ketua-jateng", Self.jateng, [.digest])
    // Sragen files everything and submits: it is not reminded.
    let catalogue = try await intakeClient().catalogue(.init(election: .pilkada2024))
    _ = try await intakeClient(.testRegency).saveValues(
      .init(
        election: .pilkada2024,
        region: Self.sragen,
        requestID: "save-1",
        values: catalogue.completeValues
      )
    )
    _ = try await intakeClient(.testRegency).submit(
      .init(election: .pilkada2024, region: Self.sragen, requestID: "submit-1", comment: nil)
    )
    #expect(try await readIntake() == 1)

    #expect(try service.planner.writeDueReminders() == 0)  // 07:00: before office hours
    clock.set(Self.at("2026-12-08 08:00 WIB"))
    #expect(try service.planner.writeDueReminders() == 2)
    #expect(try service.planner.writeDueReminders() == 0)

    let pending = try await client().pending(.init()).notifications
    #expect(
      Set(pending.map(\.dedupKey)) == [
        "deadline/pilkada-2024/33.01/2026-12-15/h-7/operator-cilacap/email",
        "digest/pilkada-2024/33/2026-12-08/ketua-jateng/email",
      ]
    )
    let reminder = try #require(pending.first { $0.recipient == "operator-cilacap" })
    #expect(reminder.subject == "Pengingat: batas pengisian IPP Kabupaten Cilacap 7 hari lagi")
    #expect(reminder.address == "operator-cilacap@kpu.example")
    // Each sees what concerns its own scope.
    #expect(try await client(.testProvince).pending(.init()).notifications.count == 2)
    #expect(try await client(.testOtherProvince).pending(.init()).notifications.isEmpty)
    #expect(try await client(.testRegency).pending(.init()).notifications.isEmpty)

    // Makassar's comes at 08:00 WITA on the 9th (its deadline is 00:59 WITA on the 16th).
    let preview = try await client().preview(.init(election: .pilkada2024, limit: 3)).notifications
    #expect(preview.first?.recipient == "operator-makassar")
    #expect(preview.first?.dueAt.rawValue == "2026-12-09 08:00 WITA")
    #expect(preview.first?.subject == "Pengingat: batas pengisian IPP Kota Makassar 7 hari lagi")

    // An admin moves the schedule: what is still to come follows.
    _ = try await client().setDeadline(.init(election: .pilkada2024, daysBefore: [5, 2]))
    let moved = try await client().preview(.init(election: .pilkada2024, limit: 1)).notifications
    #expect(moved.first?.dueAt.rawValue == "2026-12-10 08:00 WIB")  // 5 days before
    let makassar = try await client().preview(.init(election: .pilkada2024, limit: 100)).notifications.filter
    {
      $0.recipient == "operator-makassar"
    }
    #expect(makassar.first?.dueAt.rawValue == "2026-12-11 08:00 WITA")
    #expect(makassar.first?.dedupKey.contains("/h-5/") == true)
    #expect(
      try await client().deadline(.init(election: .pilkada2024)).deadline?.rawValue == "2026-12-15 23:59 WIB"
    )
    #expect(
      await status { try await client(.testProvince).setDeadline(.init(election: .pilkada2024)) }
        == .permissionDenied
    )
    #expect(
      await status { try await client().setDeadline(.init(election: .pilkada2024, daysBefore: [0])) }
        == .invalidArgument
    )
  }

  @Test func makassarsReminderReachesTheMailServerInItsOwnZone() async throws {
    try await openWindow()
    try await addRecipient("operator-makassar", Self.makassar, [.deadlineReminder])
    #expect(try await readIntake() == 1)
    clock.set(Self.at("2026-12-09 08:00 WITA"))
    #expect(try service.planner.writeDueReminders() == 1)
    let sink = try await SMTPSink()
    defer { sink.stop() }
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    let delivery = EmailDelivery(
      outbox: service.outbox,
      settings: SMTPSettings(
        host: "localhost",
        port: sink.port,
        security: .startTLS(trustRootsPath: sink.certificatePath),
        username: "ipp-notify",
        password: sink.password
      ),
      sender: MailMessageTests.sender,
      clock: clock,
      group: MultiThreadedEventLoopGroup.singleton,
      logger: logger
    )
    #expect(try await delivery.deliverDue() == 1)
    let messages = try sink.messages()
    #expect(messages.map(\.envelope.to) == [["operator-makassar@kpu.example"]])
    let read = try await MailMessageTests.parsed(Array(try #require(messages.first).raw))
    #expect(read["subject"] == "Pengingat: batas pengisian IPP Kota Makassar 7 hari lagi")
    #expect(read["to"] == "operator-makassar@kpu.example")
    #expect(read["date"] == "Wed, 09 Dec 2026 08:00:00 +0800")
    #expect(read["text"]?.contains("Batas waktu: Rabu, 16 Desember 2026 pukul 00.59 WITA.") == true)
    #expect(read["text"]?.contains("Yth. Operator KPU Kota Makassar,") == true)
    #expect(read["html"]?.contains("<p>Yth. Operator KPU Kota Makassar,</p>") == true)
    #expect(read["defects"] == "[]")
    // Delivered once: the next round has nothing, and the planner writes it no more.
    #expect(try await delivery.deliverDue() == 0)
    #expect(try service.planner.writeDueReminders() == 0)
    #expect(try await client().history(.init()).notifications.first?.attempts.first?.outcome == "sent")
  }

  @Test func eventsAreRoutedByRegionAndSeverityAndGroupedPerRecipient() async throws {
    try await addRecipient("kpu-ri", nil, [.alert], severity: .critical)
    try await addRecipient("ketua-jateng", Self.jateng, [.alert])
    try await addRecipient("operator-sragen", Self.sragen, [.alert])
    try await addRecipient("ketua-jatim", Self.jatim, [.alert])
    // Only stale sites for this one: a down site is not sent to it.
    _ = try await client().setRecipient(
      .init(
        recipient: .init(
          id: "humas-jateng",
          name: "Humas",
          region: Self.jateng,
          email: "humas@jateng.kpu.example",
          notices: [.alert],
          eventKinds: [.siteStale]
        )
      )
    )
    let monitor = client(.testService)
    func down(
      _ region: RegionCode,
      id: String? = nil,
      severity: Notify.Severity = .warning,
      resolved: Bool = false
    )
      async throws -> Notify.RaiseEventResponse
    {
      let host = "kab-\(region.rawValue).kpu.go.id"
      return try await monitor.raiseEvent(
        .init(
          eventID: id ?? "\(host)-\(resolved)-\(severity)",
          kind: .siteDown,
          severity: severity,
          region: region,
          subject: host,
          summary: "connection refused",
          resolved: resolved,
          occurredAt: clock.now
        )
      )
    }
    let first = try await down(Self.sragen, id: "e-1")
    #expect(first.routedTo == ["ketua-jateng", "operator-sragen"])
    #expect(first.alert.fingerprint == "siteDown/33.14/kab-33.14.kpu.go.id")
    #expect(first.alert.firing)
    // A retry is the same event; a repeat of the same state tells no one again.
    let retry = try await down(Self.sragen, id: "e-1")
    #expect(retry.duplicate && retry.routedTo == first.routedTo)
    #expect(try await down(Self.sragen, id: "e-2").routedTo.isEmpty)
    // Critical reaches KPU RI too.
    #expect(
      try await down(Self.sragen, severity: .critical).routedTo == [
        "kpu-ri", "ketua-jateng", "operator-sragen",
      ]
    )

    for kabKota in Region.kabKota(in: Self.jateng) where kabKota.code != Self.sragen {
      _ = try await down(kabKota.code)
    }
    #expect(try service.planner.writeDueAlerts() == 0)  // waiting for the group to fill
    clock.advance(by: 30)
    #expect(try service.planner.writeDueAlerts() == 3)
    #expect(try service.planner.writeDueAlerts() == 0)
    let pending = try await client().pending(.init()).notifications
    #expect(pending.map(\.recipient).sorted() == ["ketua-jateng", "kpu-ri", "operator-sragen"])
    let province = try #require(pending.first { $0.recipient == "ketua-jateng" })
    #expect(province.subject == "[KRITIS] 36 peringatan situs KPU")
    let national = try #require(pending.first { $0.recipient == "kpu-ri" })
    #expect(national.subject == "[KRITIS] Situs tidak dapat diakses: kab-33.14.kpu.go.id")

    // Recovery is told, and the alert stops firing.
    let recovered = try await down(Self.sragen, resolved: true)
    #expect(recovered.routedTo == ["ketua-jateng", "operator-sragen"])
    #expect(!recovered.alert.firing)
    let firing = try await client(.testProvince).alerts(.init()).alerts.filter(\.firing)
    #expect(firing.count == 34)
    #expect(try await client(.testOtherProvince).alerts(.init()).alerts.isEmpty)

    // Bad events are refused whole.
    let bad = Notify.RaiseEventRequest(
      eventID: "",
      kind: .notice,
      severity: .info,
      region: nil,
      subject: "two\nlines",
      summary: "",
      occurredAt: clock.now + 3 * 86_400
    )
    #expect(await status { try await monitor.raiseEvent(bad) } == .invalidArgument)
    #expect(await status { try await client(.testRegency).raiseEvent(bad) } == .permissionDenied)
  }

  @Test func silencesAndAcknowledgementsMuteWhatTheyShould() async throws {
    try await addRecipient("ketua-jateng", Self.jateng, [.alert], severity: .info)
    let province = client(.testProvince)
    func stale(
      _ id: String,
      severity: Notify.Severity = .warning,
      resolved: Bool = false
    ) async throws
      -> Notify.RaiseEventResponse
    {
      try await client(.testService).raiseEvent(
        .init(
          eventID: id,
          kind: .siteStale,
          severity: severity,
          region: Self.sragen,
          subject: "kab-sragen.kpu.go.id",
          summary: "no post for 21 days",
          resolved: resolved,
          occurredAt: clock.now
        )
      )
    }
    let silence = try await province.silence(
      .init(
        matchers: .init(kind: .siteStale, region: Self.jateng),
        endsAt: clock.now + 86_400,
        comment: "migrasi server Diskominfo"
      )
    )
    #expect(silence.createdBy == "jateng.admin")
    let muted = try await stale("s-1")
    #expect(muted.routedTo.isEmpty && muted.silencedBy == [silence.id])
    // Scope: another province cannot silence Jawa Tengah, a province must name a region, and a
    // silence needs a matcher, a reason, and an end within 30 days.
    let matchers = Notify.Matchers(region: Self.jateng)
    let tomorrow = clock.now + 86_400
    #expect(
      await status {
        try await client(.testOtherProvince).silence(
          .init(matchers: matchers, endsAt: tomorrow, comment: "x")
        )
      } == .permissionDenied
    )
    #expect(
      await status {
        try await province.silence(.init(matchers: .init(kind: .siteDown), endsAt: tomorrow, comment: "x"))
      } == .permissionDenied
    )
    #expect(
      await status { try await client().silence(.init(matchers: .init(), endsAt: tomorrow, comment: "x")) }
        == .invalidArgument
    )
    #expect(
      await status { try await province.silence(.init(matchers: matchers, endsAt: tomorrow, comment: " ")) }
        == .invalidArgument
    )
    #expect(
      await status {
        try await province.silence(.init(matchers: matchers, endsAt: clock.now + 31 * 86_400, comment: "x"))
      } == .invalidArgument
    )

    _ = try await province.endSilence(.init(id: silence.id))
    #expect(try await province.silences(.init()).silences.first?.endsAt == clock.now)
    // Resolved while silenced, it starts again after: that is told.
    _ = try await stale("s-2", resolved: true)
    let told = try await stale("s-3")
    #expect(told.routedTo == ["ketua-jateng"])

    // Acknowledged: a worse state is not told, the resolution is, and it clears the mute.
    let acknowledged = try await province.acknowledge(
      .init(fingerprint: told.alert.fingerprint, comment: "operator sedang memperbarui")
    )
    #expect(acknowledged.acknowledgedBy == "jateng.admin")
    #expect(try await stale("s-4", severity: .critical).routedTo.isEmpty)
    let resolved = try await stale("s-5", resolved: true)
    #expect(resolved.routedTo == ["ketua-jateng"] && resolved.alert.acknowledgedBy == nil)
    #expect(
      await status {
        try await province.acknowledge(.init(fingerprint: told.alert.fingerprint, comment: "sudah"))
      } == .failedPrecondition
    )
    #expect(
      await status { try await province.acknowledge(.init(fingerprint: "siteDown/33/none", comment: "x")) }
        == .notFound
    )
  }

  @Test func quietHoursHoldAllButCriticalAlertsUntilTheyEnd() async throws {
    try await addRecipient(
      "ketua-jateng",
      Self.jateng,
      [.alert],
      severity: .info,
      quiet: .init(from: 22 * 60, until: 6 * 60)
    )
    clock.set(Self.at("2026-12-08 23:00 WIB"))
    func raise(_ id: String, _ severity: Notify.Severity, _ region: RegionCode) async throws {
      _ = try await client(.testService).raiseEvent(
        .init(
          eventID: id,
          kind: .siteDown,
          severity: severity,
          region: region,
          subject: "\(region)",
          summary: "down",
          occurredAt: clock.now
        )
      )
    }
    try await raise("w", .warning, Self.sragen)
    clock.advance(by: 30)
    try service.planner.writeDueAlerts()
    try await raise("c", .critical, Self.cilacap)
    clock.advance(by: 30)
    try service.planner.writeDueAlerts()
    let pending = try await client().pending(.init()).notifications
    #expect(pending.count == 2)
    #expect(
      pending.map(\.nextAttemptAt) == [Self.at("2026-12-08 23:01 WIB"), Self.at("2026-12-09 06:00 WIB")]
    )
  }

  @Test func recipientsAreCheckedAndKeptToTheirAdminsScope() async throws {
    let bad = Notify.Recipient(
      id: "Ketua Jateng",
      name: "",
      region: Self.sragen,
      email: "not-an-address",
      webhookURL: "http://chat.example/hook",
      language: "jv",
      notices: [.digest]
    )
    let refused = await #expect(throws: RPCError.self) {
      try await client().setRecipient(.init(recipient: bad))
    }
    #expect(refused?.code == .invalidArgument)
    for problem in [
      "id \"Ketua Jateng\"", "name", "email", "plain http only to this machine", "language", "digests",
    ] {
      #expect(refused?.message.contains(problem) == true, "\(problem)")
    }

    let made = try await addRecipient(
      "bot-jateng",
      Self.jateng,
      [.alert],
      webhook: "https://chat.kpu.example/hook"
    )
    let secret = try #require(made.webhookSecret)
    #expect(secret.count == 64)
    #expect(
      try await addRecipient("bot-jateng", Self.jateng, [.alert], webhook: "https://chat.kpu.example/hook")
        .webhookSecret == nil
    )
    let rotated = try await client().setRecipient(.init(recipient: made.recipient, rotateWebhookSecret: true))
    #expect(rotated.webhookSecret != nil && rotated.webhookSecret != secret)

    // A province admin manages its own province only.
    var jatim = made.recipient
    jatim.id = "bot-jatim"
    jatim.region = Self.jatim
    #expect(
      await status { try await client(.testProvince).setRecipient(.init(recipient: jatim)) }
        == .permissionDenied
    )
    #expect(try await client(.testOtherProvince).setRecipient(.init(recipient: jatim)).recipient == jatim)
    #expect(try await client(.testProvince).recipients(.init()).recipients.map(\.id) == ["bot-jateng"])
    #expect(try await client().recipients(.init()).recipients.map(\.id) == ["bot-jateng", "bot-jatim"])
    #expect(
      await status { try await client(.testProvince).removeRecipient(.init(id: "bot-jatim")) }
        == .permissionDenied
    )
    #expect(try await client(.testOtherProvince).removeRecipient(.init(id: "bot-jatim")).recipients.isEmpty)
    #expect(await status { try await client().removeRecipient(.init(id: "bot-jatim")) } == .notFound)
  }

  @Test func historyOlderThanItsKeepingIsPrunedButPendingWorkStays() async throws {
    try await addRecipient("ketua-jateng", Self.jateng, [.alert])
    for (index, region) in [Self.sragen, Self.cilacap].enumerated() {
      _ = try await client(.testService).raiseEvent(
        .init(
          eventID: "e-\(index)",
          kind: .siteDown,
          severity: .warning,
          region: region,
          subject: "\(region)",
          summary: "down",
          occurredAt: clock.now
        )
      )
      clock.advance(by: 30)
      try service.planner.writeDueAlerts()
    }
    let written = try await client().history(.init()).notifications
    #expect(written.count == 2)
    try service.outbox.markSent(written[1].id, reply: "250 ok", at: clock.now)
    clock.advance(by: 401 * 86_400)
    #expect(try service.outbox.prune(before: clock.now - 400 * 86_400) == 1)
    try service.ledger.prune(before: clock.now - 400 * 86_400)
    #expect(try await client().history(.init()).notifications.map(\.id) == [written[0].id])
    #expect(try service.outbox.count(in: .pending) == 1)
    // The alerts stay, as the latest state of each site.
    #expect(try await client().alerts(.init()).alerts.count == 2)
  }

  @Test func theOutboxListsAreBoundedAndResendIsForDeadLettersOnly() async throws {
    try await addRecipient("ketua-jateng", Self.jateng, [.alert])
    _ = try await client(.testService).raiseEvent(
      .init(
        eventID: "x",
        kind: .siteDown,
        severity: .warning,
        region: Self.sragen,
        subject: "kab-sragen.kpu.go.id",
        summary: "down",
        occurredAt: clock.now
      )
    )
    clock.advance(by: 30)
    try service.planner.writeDueAlerts()
    let waiting = try #require(try await client().pending(.init()).notifications.first)
    #expect(await status { try await client().resend(.init(id: waiting.id)) } == .failedPrecondition)
    #expect(await status { try await client().resend(.init(id: 999)) } == .notFound)
    #expect(await status { try await client().pending(.init(limit: 0)) } == .invalidArgument)
    #expect(await status { try await client().history(.init(limit: 1001)) } == .invalidArgument)
    #expect(
      await status { try await client(.testOtherProvince).resend(.init(id: waiting.id)) } == .permissionDenied
    )

    try service.outbox.markFailed(
      waiting.id,
      transient: false,
      reply: "554 5.7.1 rejected",
      retryAt: nil,
      at: clock.now
    )
    let dead = try await client(.testProvince).deadLetters(.init()).notifications
    #expect(dead.map(\.id) == [waiting.id])
    #expect(dead.first?.attempts.map(\.reply) == ["554 5.7.1 rejected"])
    let resent = try await client(.testProvince).resend(.init(id: waiting.id))
    #expect(resent.state == .pending && resent.attemptCount == 0)
    let history = try await client().history(.init(region: Self.jateng)).notifications
    #expect(history.map(\.id) == [waiting.id])
    #expect(history.first?.attempts.count == 1)
    #expect(try await client().history(.init(recipient: "someone-else")).notifications.isEmpty)
  }
}
