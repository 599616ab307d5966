import Foundation
import IPPSchema
import NotifyAPI
import RPC
import RPCCore
import ServiceTestSupport
import TestSupport
import Testing

/// The real ipp-notify executable mailing aiosmtpd over STARTTLS and AUTH, killed with SIGKILL in
/// the middle of a batch and started again on the same state: every notification arrives, and a
/// message is sent twice at most once per kill (the one the server had accepted when the outbox
/// had not yet recorded it), with the same Message-ID.
struct NotifyProcessTests {
  static let recipientsPerRegion = 2
  static let regions = Region.all.filter { $0.kind != .provinsi }.prefix(300).map(\.code)

  static func start(
    _ folder: TemporaryDirectory,
    sink: SMTPSink,
    password: URL
  ) async throws -> (
    ServiceProcess, Notify.Client<RPCClient>
  ) {
    let (notify, port, _) = try await ServiceProcess.ready(
      "ipp-notify",
      folder: folder,
      adminToken: "admin-token-\(folder.url.lastPathComponent)",
      arguments: [
        "--smtp.host", "localhost", "--smtp.port", "\(sink.port)", "--smtp.trust_roots_file",
        sink.certificatePath,
        "--smtp.username", "ipp-notify", "--smtp.password_file", password.path, "--smtp.sender",
        "IPP Services <ipp-notify@kpu.example>", "--alerts.group_wait", "0", "--delivery.email_per_minute",
        "100000",
        "--intake.address", "127.0.0.1:9",
      ]
    )
    return (
      notify,
      Notify.Client(RPCClient(configuration: .init(host: "127.0.0.1", port: port, token: notify.adminToken)))
    )
  }

  /// The Message-ID header of a raw message.
  static func messageID(_ raw: Data) -> String? {
    String(decoding: raw, as: UTF8.self).split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") }
      .map { String($0.dropFirst("Message-ID: ".count)) }
  }

  @Test func aKillInTheMiddleOfABatchLosesNothingAndRepeatsAtMostOne() async throws {
    let sink = try await SMTPSink()
    defer { sink.stop() }
    let folder = try TemporaryDirectory("ipp-notify-process")
    let password = folder.appending("smtp.password")
    try sink.password.write(to: password, atomically: true, encoding: .utf8)
    var (notify, client) = try await Self.start(folder, sink: sink, password: password)

    var addresses: Set<String> = []
    for region in Self.regions {
      for index in 1...Self.recipientsPerRegion {
        let id = "op-\(region.rawValue.replacingOccurrences(of: ".", with: "-"))-\(index)"
        addresses.insert("\(id)@kpu.example")
        _ = try await client.setRecipient(
          .init(
            recipient: .init(
              id: id,
              name: "Operator \(index)",
              region: region,
              email: "\(id)@kpu.example",
              notices: [.alert]
            )
          )
        )
      }
    }
    for region in Self.regions {
      _ = try await client.raiseEvent(
        .init(
          eventID: "down-\(region)",
          kind: .siteDown,
          severity: .warning,
          region: region,
          subject: "site-\(region).kpu.go.id",
          summary: "connection refused",
          occurredAt: Date()
        )
      )
    }
    let expected = Self.regions.count * Self.recipientsPerRegion
    // Killed once the server has taken some of the batch.
    let killDeadline = ContinuousClock.now + .seconds(60)
    while try sink.count() < 30 {
      try #require(ContinuousClock.now < killDeadline, "nothing was delivered: \(notify.errorOutput)")
      try await Task.sleep(for: .milliseconds(5))
    }
    notify.signal(SIGKILL)
    #expect(await notify.waitForExit() == SIGKILL)
    let beforeKill = try sink.count()
    #expect(beforeKill < expected, "the batch ended before the kill: the test proves nothing")

    (notify, client) = try await Self.start(folder, sink: sink, password: password)
    defer { notify.signal(SIGTERM) }
    let deadline = ContinuousClock.now + .seconds(120)
    var messages = try sink.messages()
    while Set(messages.compactMap { Self.messageID($0.raw) }).count < expected {
      try #require(
        ContinuousClock.now < deadline,
        "\(messages.count) of \(expected) arrived: \(notify.errorOutput)"
      )
      try await Task.sleep(for: .milliseconds(50))
      messages = try sink.messages()
    }
    let ids = messages.compactMap { Self.messageID($0.raw) }
    #expect(Set(ids).count == expected)
    #expect(ids.count - Set(ids).count <= 1, "sent twice: \(ids.count - Set(ids).count)")
    #expect(Set(messages.flatMap(\.envelope.to)) == addresses)
    #expect(try await client.pending(.init()).notifications.isEmpty)
    let history = try await client.history(.init(limit: 1000)).notifications
    #expect(history.count == expected && history.allSatisfy { $0.state == .sent })
    // /metrics says the same once the worker's next round has counted.
    var metrics = ""
    while !metrics.contains("ipp_notify_pending 0") {
      try #require(ContinuousClock.now < deadline, "no gauge: \(metrics)")
      try await Task.sleep(for: .milliseconds(100))
      metrics = try await ServiceProcess.httpGet(port: notify.adminPort, path: "/metrics")
    }
    #expect(metrics.contains("ipp_notify_dead 0"))
    #expect(metrics.contains("ipp_notify_delivered_total{channel=\"email\"}"))
  }
}

/// The real ipp-notify executable, called by the Python example of docs/notify-api.md and by
/// ippctl's alert and notification commands.
struct NotifyExampleTests {
  @Test func pythonExampleSetsARecipientAndRaisesAnEvent() async throws {
    let (service, rpcPort, tokenFile) = try await ServiceProcess.ready(
      "ipp-notify",
      arguments: ["--alerts.group_wait", "0", "--smtp.port", "9", "--intake.address", "127.0.0.1:9"]
    )
    defer { service.signal(SIGTERM) }
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../docs/examples/notify_client.py").standardizedFileURL
    let run = try await Program.run(["python3", example.path, String(rpcPort), tokenFile.path])
    try #require(run.status == 0, "the example failed: \(run.errors)")
    let result = try #require(try JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
    #expect(result["secret_length"] as? Int == 64)
    let refused = try #require(result["refused"] as? [String])
    #expect(refused.first == "INVALID_ARGUMENT")
    #expect(refused.last?.contains("id \"Ketua Jatim\" must be 1 to 64 lowercase letters") == true)
    #expect(refused.last?.contains("\"not-an-address\" is not an email address") == true)
    #expect(result["days_before"] as? [Int] == [7, 3, 1])
    #expect(result["routed_to"] as? [String] == ["ketua-jateng"])
    #expect(result["again_duplicate"] as? Bool == true)
    #expect(result["silenced_by"] as? [Bool] == [true])
    #expect(result["acknowledged_by"] as? String == "kpu.ri")
    #expect(
      result["pending"] as? [[String]] == [
        ["email", "[KRITIS] Situs tidak dapat diakses: kab-sragen.kpu.go.id"],
        ["webhook", "[KRITIS] Situs tidak dapat diakses: kab-sragen.kpu.go.id"],
      ]
    )

    // ippctl's typed commands on the same notify: tables for people, usage errors exit 64.
    let ippctl = ServiceProcess.binDirectory.appendingPathComponent("ippctl").path
    let common = ["--target", "127.0.0.1:\(rpcPort)", "--token-file", tokenFile.path]
    let alerts = try await Program.run([ippctl, "alerts", "--province", "33"] + common)
    try #require(alerts.status == 0, "\(alerts.errors)")
    let sragen = try #require(
      alerts.text.split(separator: "\n").first { $0.contains("kab-sragen.kpu.go.id") }
    )
    #expect(sragen.hasPrefix("firing") && sragen.contains("critical") && sragen.contains(" WIB "))
    #expect(sragen.contains("kpu.ri") && sragen.hasSuffix("siteDown/33.14/kab-sragen.kpu.go.id"))
    let pending = try await Program.run([ippctl, "notifications", "pending"] + common)
    #expect(pending.text.contains("[KRITIS] Situs tidak dapat diakses: kab-sragen.kpu.go.id"))
    #expect(pending.text.hasSuffix("2 pending"))
    let badDuration = try await Program.run(
      [ippctl, "silence", "--region", "33.14", "--for", "2x", "--comment", "uji"] + common
    )
    #expect(badDuration.status == 64 && badDuration.errors.contains("--for is hours or days"))
    let silenced = try await Program.run(
      [ippctl, "silence", "--kind", "siteStale", "--region", "33.14", "--for", "6h", "--comment", "uji"]
        + common
    )
    #expect(silenced.status == 0 && silenced.text.hasPrefix("silence "))
  }
}
