import Foundation
import IPPSchema
import IntakeAPI
import MonitorAPI
import NotifyAPI
import RPC
import RPCCore
import ScoringAPI
import ServiceTestSupport
import TestSupport
import Testing

/// The same stack, each service killed with SIGKILL in turn while it holds work, then started
/// again on its state: intake with a verified region queued for scoring (which is down), scoring
/// in the middle of a recompute, monitor with a site-down event queued for notify (which is down),
/// notify in the middle of a batch of reminders. What each kill may cost is what the services
/// promise: nothing acknowledged is lost; a region is scored and an event notified once; a
/// message is mailed twice only if it was in flight when notify died, and then with the same
/// Message-ID.
struct KillNineTests {
  @Test func eachServiceKilledWhileHoldingWorkLosesNothing() async throws {
    let stack = try await LocalStack()
    defer { stack.stop() }
    try await stack.openFillingDueInThreeDays()
    try await intakeWithAPublishQueued(stack)
    try await scoringInTheMiddleOfARecompute(stack)
    try await monitorWithAnEventQueued(stack)
    try await notifyInTheMiddleOfABatch(stack)
  }

  /// Scoring is down; Sragen is verified (acknowledged) and waits in intake's outbox; intake is
  /// killed and started again, then scoring: Sragen is scored, once.
  func intakeWithAPublishQueued(_ stack: LocalStack) async throws {
    try await stack.kill("ipp-scoring")
    let catalogue = try await stack.intake.catalogue(.init(election: .pilkada2024))
    let sragen = try RegionCode("33.14")
    let filer = try await stack.intakeClient(as: "operator.sragen", role: "regency", region: "33.14")
    _ = try await filer.saveValues(
      .init(election: .pilkada2024, region: sragen, requestID: "kill-save", values: catalogue.completeValues)
    )
    _ = try await filer.submit(.init(election: .pilkada2024, region: sragen, requestID: "kill-submit"))
    let verified = try await stack.intake.verify(
      .init(election: .pilkada2024, region: sragen, requestID: "kill-verify")
    )
    #expect(verified.state == .verified)
    try await eventually("intake tried scoring and keeps Sragen queued") {
      try await stack.intake.publishQueue().waiting == 1
    }
    try await stack.kill("ipp-intake")
    try await stack.start("ipp-intake")
    try await stack.start("ipp-scoring")
    try await eventually("Sragen published after both restarts") {
      try await stack.intake.publishQueue().sent == 1
    }
    let history = try await stack.scoring.history(.init(election: .pilkada2024, region: sragen))
    #expect(
      history.entries.count == 1,
      "intake: the queued publication survived the kill and was scored once"
    )
  }

  /// 300 kab/kota scored; a revised methodology installed (scoring restarted with it, as ops
  /// would); the recompute under it killed in flight: afterwards
  /// the new version's scores are all there or none are, and the recompute run again completes
  /// them, one score per region and version.
  func scoringInTheMiddleOfARecompute(_ stack: LocalStack) async throws {
    let catalogue = try await stack.intake.catalogue(.init(election: .pilkada2024))
    let values = catalogue.completeValues.map { IndicatorValue(indicator: $0.indicator, value: $0.value) }
    let regions = Array(Region.all.filter { $0.kind != .provinsi && $0.code.rawValue != "33.14" }.prefix(300))
    try await withThrowingTaskGroup(of: Void.self) { group in
      for chunk in stride(from: 0, to: regions.count, by: 30).map({
        regions[$0..<min($0 + 30, regions.count)]
      }) {
        group.addTask {
          for region in chunk {
            _ = try await stack.scoring.publish(
              .init(election: .pilkada2024, region: region.code, values: values)
            )
          }
        }
      }
      try await group.waitForAll()
    }
    try await stack.kill("ipp-scoring")
    let revised = try stack.directory("ipp-scoring").appendingPathComponent("state/methodologies")
    try FileManager.default.createDirectory(at: revised, withIntermediateDirectories: true)
    let published = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Services/Scoring/IPPScoring/Methodologies/pilkada-2024.default-2.json")
    try String(contentsOf: published, encoding: .utf8)
      .replacingOccurrences(of: "\"pilkada-2024.default-2\"", with: "\"\(Self.revision)\"")
      .write(to: revised.appendingPathComponent("revision.json"), atomically: true, encoding: .utf8)
    try await stack.start("ipp-scoring")
    let recompute = Task {
      try await stack.scoring.recompute(.init(election: .pilkada2024, methodologyVersion: Self.revision))
    }
    // Killed with the recompute in flight: it scores every region, then stores them in one
    // transaction; where the kill lands is up to the machine, and the test reports it.
    for _ in 0..<3 { await Task.yield() }
    try await stack.kill("ipp-scoring")
    _ = try? await recompute.value
    try await stack.start("ipp-scoring")
    let old = Scoring.DistributionRequest(
      election: .pilkada2024,
      level: .kabkota,
      methodologyVersion: Self.revision
    )
    let afterKill = try await stack.scoring.distribution(old).scored
    #expect(
      afterKill == 0 || afterKill == 301,
      "scoring: a killed recompute is all or nothing, not \(afterKill)"
    )
    print("scoring killed during a recompute of 301 regions: \(afterKill) of its new scores were kept")
    let again = try await stack.scoring.recompute(
      .init(election: .pilkada2024, methodologyVersion: Self.revision)
    )
    #expect(again.regions == 301 && again.newScores == 301 - afterKill)
    #expect(try await stack.scoring.distribution(old).scored == 301)
    let sragen = try await stack.scoring.history(
      .init(election: .pilkada2024, region: try RegionCode("33.14"))
    )
    #expect(sragen.entries.count == 2, "one score per version")
  }

  /// Notify is down when Klaten's site goes down; monitor queues the event and is killed, then
  /// started again, then notify: the province's chat gets the alert, once.
  func monitorWithAnEventQueued(_ stack: LocalStack) async throws {
    let receiver = try await stack.chatGateway(forProvince: "33")
    defer { receiver.stop() }
    let host = "kab-klaten.kpu.go.id"
    try await stack.kill("ipp-notify")
    try stack.sites.set(host, to: "down")
    // Checked until down: three failures in a row, which a scheduled check that began before
    // the site went down may interrupt once.
    try await eventually("\(host) down") {
      try await stack.monitor.checkNow(.init(host: host)).availability == .down
    }
    try await stack.kill("ipp-monitor")
    try await stack.start("ipp-monitor")
    try await stack.start("ipp-notify")
    let alerts = {
      try receiver.received().filter { $0.payload.events?.contains { $0.subject == host } == true }
    }
    _ = try await eventuallyValue("Klaten's down alert after both restarts") { try alerts().first }
    // Monitor's second look after its restart finds the site still down: no second alert.
    _ = try await stack.monitor.checkNow(.init(host: host))
    _ = try await stack.notify.alerts(.init())
    #expect(try alerts().count == 1, "monitor: the queued event survived the kill and was notified once")
  }

  /// Sixty operators whose regions have not submitted get their reminders; notify is killed once
  /// a few are out and started again: all sixty arrive, and a message mailed twice is one that
  /// was in flight, with the same Message-ID.
  func notifyInTheMiddleOfABatch(_ stack: LocalStack) async throws {
    let regions =
      Region.all.filter { $0.kind != .provinsi && $0.code.rawValue.hasPrefix("35.") }.prefix(30)
      + Region.all.filter { $0.kind != .provinsi && $0.code.rawValue.hasPrefix("32.") }.prefix(30)
    let before = try stack.mail.count()
    for region in regions {
      let id = "operator-" + region.code.rawValue.replacingOccurrences(of: ".", with: "")
      _ = try await stack.notify.setRecipient(
        .init(
          recipient: .init(
            id: id,
            name: "Operator \(region.name)",
            region: region.code,
            email: "\(id)@kpu.example",
            notices: [.deadlineReminder]
          )
        )
      )
    }
    _ = try await eventuallyValue("the first reminders mailed") {
      try stack.mail.count() >= before + 5 ? true : nil
    }
    try await stack.kill("ipp-notify")
    let mailedAtKill = try stack.mail.count() - before
    try await stack.start("ipp-notify")
    let expected = Set(
      regions.map { "operator-" + $0.code.rawValue.replacingOccurrences(of: ".", with: "") + "@kpu.example" }
    )
    let reminders = try await eventuallyValue("all sixty reminders") {
      let mailed = try stack.mail.messages().filter { expected.contains($0.envelope.to.first ?? "") }
      return Set(mailed.map { $0.envelope.to.first ?? "" }) == expected ? mailed : nil
    }
    let byRecipient = Dictionary(grouping: reminders) { $0.envelope.to.first ?? "" }
    let twice = byRecipient.filter { $0.value.count > 1 }
    #expect(twice.count <= 2, "notify: sent twice: \(twice.keys.sorted())")
    print("notify killed after \(mailedAtKill) of 60 reminders: all 60 arrived, \(twice.count) twice")
    for (_, copies) in twice {
      #expect(Set(copies.map { Self.messageID($0.raw) }).count == 1, "a repeat carries the same Message-ID")
    }
  }

  /// The revised methodology's version: default-2 under another name.
  static let revision = "pilkada-2024.revisi-3"

  /// The Message-ID header of a raw message.
  static func messageID(_ raw: Data) -> String? {
    String(decoding: raw, as: UTF8.self).split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") }
      .map { String($0.dropFirst("Message-ID: ".count)) }
  }
}
