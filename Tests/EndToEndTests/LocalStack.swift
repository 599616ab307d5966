import Foundation
import IPPSchema
import IntakeAPI
import MonitorAPI
import NotifyAPI
import RPC
import RPCCore
import ScoringAPI
import ServiceRuntime
import ServiceTestSupport
import Synchronization
import TestSupport
import Testing

/// The four services as their executables, on free loopback ports, wired to one another as
/// `make run` wires them (one admin token, one service token), with the outside world stood in
/// for: a mail server, the 553 KPU sites (`scripts/local-sites.py`), and what a test adds.
final class LocalStack: @unchecked Sendable {
  let work: TemporaryDirectory
  let adminToken = "admin-" + UUID().uuidString
  let serviceToken = "service-" + UUID().uuidString
  let mail: SMTPSink
  let sites: LocalSites
  private(set) var processes: [String: ServiceProcess] = [:]
  private(set) var ports: [String: Int] = [:]
  /// Each service's folder (its tokens file and its state), kept across a restart.
  private var folders: [String: TemporaryDirectory] = [:]

  /// The admin's client of each service, made once: a service started again keeps its port, and
  /// the client connects again.
  private let adminClients = Mutex<[String: RPCClient]>([:])

  var intake: Intake.Client<RPCClient> { Intake.Client(adminClient("ipp-intake")) }
  var scoring: Scoring.Client<RPCClient> { Scoring.Client(adminClient("ipp-scoring")) }
  var monitor: Monitor.Client<RPCClient> { Monitor.Client(adminClient("ipp-monitor")) }
  var notify: Notify.Client<RPCClient> { Notify.Client(adminClient("ipp-notify")) }

  /// A stack whose sites named in `siteStates` are as it says (down, stale, active) from the
  /// monitor's first reading.
  init(siteStates: [String: String] = [:]) async throws {
    work = try TemporaryDirectory("end-to-end")
    try serviceToken.write(to: work.appending("service.token"), atomically: true, encoding: .utf8)
    mail = try await SMTPSink()
    try mail.password.write(to: work.appending("smtp.password"), atomically: true, encoding: .utf8)
    sites = try LocalSites(folder: work.appending("local-sites"))
    for (host, state) in siteStates { try sites.set(host, to: state) }
    for service in ["ipp-scoring", "ipp-intake", "ipp-notify", "ipp-monitor"] { try await start(service) }
    // Scoring started before intake had made its key: once more, now trusting the tokens intake issues.
    try await restart("ipp-scoring")
  }

  /// Stops `service` with SIGTERM and starts it again on the same port and state.
  func restart(_ service: String) async throws {
    let process = try #require(processes[service])
    process.signal(SIGTERM)
    _ = await process.waitForExit()
    try await start(service)
  }

  /// Starts `service` (again, after a kill, on the same port and state).
  func start(_ service: String) async throws {
    let folder = try folders[service] ?? TemporaryDirectory(service)
    folders[service] = folder
    let port = ports[service].map { ["--rpc.port", "\($0)"] } ?? []
    let (process, rpcPort, _) = try await ServiceProcess.ready(
      service,
      folder: folder,
      adminToken: adminToken,
      extraTokenLines: [TokenFile.line(for: serviceToken, role: .service, name: "ipp-services")],
      arguments: try arguments(for: service) + port
    )
    processes[service] = process
    ports[service] = rpcPort
  }

  private func arguments(for service: String) throws -> [String] {
    let serviceFile = work.appending("service.token").path
    func address(_ service: String) throws -> String {
      "127.0.0.1:\(try #require(ports[service], "\(service) starts first"))"
    }
    // Every service but intake takes intake's tokens (and their revocations) once intake is up,
    // as `make run` wires them.
    let intakeTokens =
      service == "ipp-intake" || ports["ipp-intake"] == nil
      ? []
      : [
        "--tokens.issuer_key_file",
        try directory("ipp-intake").appendingPathComponent("state/token-issuer.pub").path,
        "--tokens.intake_address", try address("ipp-intake"), "--tokens.intake_token_file", serviceFile,
      ]
    return try serviceArguments(service, address: address) + intakeTokens
  }

  private func serviceArguments(_ service: String, address: (String) throws -> String) throws -> [String] {
    let serviceFile = work.appending("service.token").path
    switch service {
    case "ipp-web":
      return [
        "--http.port", ports[service].map(String.init) ?? "0", "--intake.address", try address("ipp-intake"),
        "--scoring.address", try address("ipp-scoring"), "--monitor.address", try address("ipp-monitor"),
        "--notify.address", try address("ipp-notify"),
      ]
    case "ipp-intake":
      return ["--scoring.address", try address("ipp-scoring"), "--scoring.token_file", serviceFile]
    case "ipp-notify":
      return [
        "--intake.address", try address("ipp-intake"), "--intake.token_file", serviceFile,
        "--intake.read_interval", "1", "--alerts.group_wait", "0", "--smtp.host", "localhost", "--smtp.port",
        "\(mail.port)", "--smtp.trust_roots_file", mail.certificatePath, "--smtp.username", "ipp-notify",
        "--smtp.password_file", work.appending("smtp.password").path, "--smtp.sender",
        "IPP Services <ipp-notify@kpu.example>",
      ]
    case "ipp-monitor":
      return [
        "--probe.resolve",
        "*.kpu.go.id:443=127.0.0.1:\(sites.httpsPort),kpu.go.id:443=127.0.0.1:\(sites.httpsPort)",
        "--probe.trust_roots_file", sites.caPath, "--notify.address", try address("ipp-notify"),
        "--notify.token_file", serviceFile,
      ]
    default:
      return []
    }
  }

  /// Kills `service` with SIGKILL and waits for it to be gone.
  func kill(_ service: String) async throws {
    let process = try #require(processes[service])
    process.signal(SIGKILL)
    _ = await process.waitForExit()
  }

  /// The folder `service` keeps its tokens file and state in.
  func directory(_ service: String) throws -> URL {
    try #require(folders[service]).url
  }

  private func adminClient(_ service: String) -> RPCClient {
    adminClients.withLock { clients in
      if let client = clients[service] { return client }
      let client = client(service, token: adminToken)
      clients[service] = client
      return client
    }
  }

  func client(_ service: String, token: String) -> RPCClient {
    RPCClient(configuration: .init(host: "127.0.0.1", port: ports[service] ?? 9, token: token))
  }

  /// Opens pilkada-2024's filling window (since a day, until three days from now) and has
  /// reminders sent at any hour, as `make run` seeds it: the H-3 reminders are due at once.
  func openFillingDueInThreeDays() async throws {
    let now = Date()
    _ = try await intake.setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: ZonedTime(now - 86_400, in: .wib),
        closesAt: ZonedTime(now + 3 * 86_400, in: .wib),
        reason: "uji"
      )
    )
    _ = try await notify.setDeadline(
      .init(election: .pilkada2024, officeHoursFrom: 0, officeHoursUntil: 24 * 60 - 1)
    )
  }

  /// An intake client signed in with a token intake issues now for `name`.
  func intakeClient(as name: String, role: String, region: String) async throws -> Intake.Client<RPCClient> {
    let issued = try await intake.issueToken(
      .init(name: name, role: role, region: try RegionCode(region), requestID: "issue-\(name)")
    )
    return Intake.Client(client("ipp-intake", token: issued.token))
  }

  /// A province's chat gateway taking site alerts by signed webhook.
  func chatGateway(forProvince province: String) async throws -> WebhookReceiver {
    var recipient = Notify.Recipient(
      id: "chat-\(province)",
      name: "Grup koordinasi KPU Provinsi \(province)",
      region: try RegionCode(province),
      webhookURL: "http://127.0.0.1:9/hook",
      notices: [.alert],
      minimumSeverity: .info,
      eventKinds: [.siteStale, .siteDown]
    )
    let secret = try #require(try await notify.setRecipient(.init(recipient: recipient)).webhookSecret)
    let receiver = try await WebhookReceiver(secret: secret, now: Date())
    recipient.webhookURL = receiver.url
    _ = try await notify.setRecipient(.init(recipient: recipient))
    return receiver
  }

  /// Stops every service and stand-in.
  func stop() {
    for process in processes.values { process.signal(SIGKILL) }
    sites.stop()
    mail.stop()
  }
}

/// `scripts/local-sites.py` as a test's web farm: the 553 KPU sites over HTTPS, each changed at
/// will through its control files.
final class LocalSites: @unchecked Sendable {
  let folder: URL
  let httpsPort: Int
  private let peer: PythonPeer

  var caPath: String { folder.appendingPathComponent("ca.pem").path }

  init(folder: URL) throws {
    self.folder = folder
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../scripts/local-sites.py").standardizedFileURL.path
    // It runs until SIGTERM; a peer runs until its standard input closes.
    peer = try PythonPeer(
      script: """
        import os, runpy, signal, sys, threading
        threading.Thread(target=lambda: (sys.stdin.read(), os.kill(os.getpid(), signal.SIGTERM)), daemon=True).start()
        sys.argv = [sys.argv[1]] + sys.argv[2:]
        runpy.run_path(sys.argv[0], run_name="__main__")
        """,
      arguments: [script, folder.path]
    )
    httpsPort = try #require(Int(peer.ready[1]))
  }

  /// Makes `host` answer as `state` says: down, stale or active.
  func set(_ host: String, to state: String) throws {
    try state.write(to: folder.appendingPathComponent("control/\(host)"), atomically: true, encoding: .utf8)
  }

  func stop() { peer.stop() }
}
