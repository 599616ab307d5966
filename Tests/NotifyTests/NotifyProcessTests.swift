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
  }
}
