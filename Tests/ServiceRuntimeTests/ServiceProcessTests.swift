import Foundation
import IPPSchema
import RPC
import RPCCore
import ScoringAPI
import ServiceRuntime
import Synchronization
import TestSupport
import ServiceTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real executables under the conditions systemd creates: notification socket, watchdog,
/// SIGTERM, kill -9.
struct ServiceProcessTests {
  @Test func notifiesReadyOnlyWhenServingThenWatchdogThenStopping() async throws {
    let notify = try NotifySocket()
    let service = try ServiceProcess(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "200000"])
    try service.start()
    let ready = try #require(await notify.await("READY=1"))
    // By the time READY=1 is sent the RPC port answers and the database is open.
    let (rpcPort, adminPort) = try ServiceProcess.ports(ready)
    let client = RPCClient(configuration: .init(host: "127.0.0.1", port: rpcPort))
    #expect(try await client.unary(Health.check, .init()).status == "SERVING")
    #expect(try await ServiceProcess.httpGet(port: adminPort, path: "/readyz") == "ready\n")
    #expect(try await ServiceProcess.httpGet(port: adminPort, path: "/healthz") == "ok\n")
    #expect(
      try await ServiceProcess.httpGet(port: adminPort, path: "/metrics").contains("ipp_rpc_calls_total")
    )
    #expect(await notify.await("WATCHDOG=1") != nil)
    service.signal(SIGTERM)
    #expect(await notify.await("STOPPING=1") != nil)
    let status = await service.waitForExit()
    #expect(status == 0, "\(service.errorOutput)")
    await client.close()
  }

  /// Socket activation as systemd does it (sd_listen_fds(3)), played by Python: a listening
  /// socket on descriptor 3, LISTEN_PID, LISTEN_FDS, LISTEN_FDNAMES, then exec. The service
  /// serves on that socket and not on the port it was configured with.
  @Test func servesOnTheSocketSystemdPasses() async throws {
    let notify = try NotifySocket()
    let service = try ServiceProcess(environment: ["NOTIFY_SOCKET": notify.path])
    let portFile = service.directory.appendingPathComponent("port")
    let activate = """
      import os, socket, sys
      listener = socket.socket()
      listener.bind(("127.0.0.1", 0))
      listener.listen(64)
      open(sys.argv[1], "w").write(str(listener.getsockname()[1]))
      os.dup2(listener.fileno(), 3)
      os.set_inheritable(3, True)
      os.environ.update(LISTEN_PID=str(os.getpid()), LISTEN_FDS="1", LISTEN_FDNAMES="rpc")
      os.execv(sys.argv[2], sys.argv[2:])
      """
    let executable = try #require(service.process.executableURL)
    service.process.arguments =
      ["python3", "-c", activate, portFile.path, executable.path] + (service.process.arguments ?? [])
    service.process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    try service.start()
    let (rpcPort, _) = try ServiceProcess.ports(try #require(await notify.await("READY=1")))
    #expect(rpcPort == Int(try String(contentsOf: portFile, encoding: .utf8)))
    let client = RPCClient(configuration: .init(host: "127.0.0.1", port: rpcPort))
    #expect(try await client.unary(Health.check, .init()).status == "SERVING")
    service.signal(SIGTERM)
    #expect(await service.waitForExit() == 0, "\(service.errorOutput)")
    await client.close()
  }

  /// A port already taken stops a service at start with one line and exit 1, before any of its
  /// background work (notify's webhook client, monitor's prober) is made: nothing to crash on.
  @Test func aTakenPortStopsAServiceWithOneLineNotACrash() async throws {
    let (holder, takenPort, _) = try await ServiceProcess.ready("ipp-scoring")
    for executable in ["ipp-notify", "ipp-monitor"] {
      let service = try ServiceProcess(executable, arguments: ["--rpc.port", "\(takenPort)"])
      try service.start()
      #expect(await service.waitForExit() == 1, "\(executable): \(service.errorOutput)")
      #expect(service.errorOutput.contains("CRITICAL \(executable): cannot run:"), "\(service.errorOutput)")
      #expect(!service.errorOutput.contains("Fatal error"), "\(service.errorOutput)")
    }
    holder.signal(SIGTERM)
    #expect(await holder.waitForExit() == 0)
  }

  @Test func badConfigurationStopsWithOneLineAndExitCode78() async throws {
    let service = try ServiceProcess(arguments: ["--rpc.max_connections", "many"])
    try service.start()
    #expect(await service.waitForExit() == 78)
    #expect(
      service.errorOutput
        == "ipp-intake: configuration: rpc.max_connections (flag --rpc.max_connections): \"many\" is not a positive whole number\n"
    )
  }

  @Test func killNineLosesNoAcknowledgedWrite() async throws {
    let notify = try NotifySocket()
    let first = try ServiceProcess(environment: ["NOTIFY_SOCKET": notify.path])
    try first.start()
    let (rpcPort, _) = try ServiceProcess.ports(try #require(await notify.await("READY=1")))
    let client = RPCClient(configuration: .init(host: "127.0.0.1", port: rpcPort, token: first.adminToken))
    // A stream of writes (backups, each recorded in the database), four at a time; kill -9 lands
    // after the twentieth acknowledgement, while others are in flight.
    let acknowledged = AcknowledgedIDs()
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<4 {
        group.addTask {
          while let id = try? await client.unary(Admin.backup, .init()).id {
            let count = acknowledged.ids.withLock {
              $0.append(id)
              return $0.count
            }
            if count == 20 { first.signal(SIGKILL) }
          }
        }
      }
    }
    _ = await first.waitForExit()
    await client.close()
    let acknowledgedIDs = acknowledged.ids.withLock { $0 }
    #expect(acknowledgedIDs.count >= 20)

    // The restart runs the integrity check before it says READY, so READY means it passed.
    let second = try ServiceProcess(
      folder: first.folder,
      adminToken: first.adminToken,
      environment: ["NOTIFY_SOCKET": notify.path]
    )
    try second.start()
    let (secondPort, _) = try ServiceProcess.ports(try #require(await notify.await("READY=1")))
    let reader = RPCClient(configuration: .init(host: "127.0.0.1", port: secondPort, token: first.adminToken))
    let recorded = Set(try await reader.unary(Admin.listBackups, .init()).backups.map(\.id))
    #expect(
      Set(acknowledgedIDs).isSubset(of: recorded),
      "acknowledged \(acknowledgedIDs.sorted()), recorded \(recorded.sorted())"
    )
    second.signal(SIGTERM)
    #expect(await second.waitForExit() == 0)
    await reader.close()
  }

  /// SIGTERM while a slow call runs (ipp-scoring's Sensitivity over 60 regions): the call
  /// finishes with its answer and then the process exits 0. (That new connections are refused
  /// while draining is RPCTests' `shutdownLetsCallsInFlightFinishAndRefusesNewConnections`.)
  @Test func sigtermLetsACallInFlightFinishThenExitsZero() async throws {
    let notify = try NotifySocket()
    let service = try ServiceProcess(
      "ipp-scoring",
      arguments: ["--rpc.drain_time", "120"],
      environment: ["NOTIFY_SOCKET": notify.path]
    )
    try service.start()
    let (rpcPort, adminPort) = try ServiceProcess.ports(try #require(await notify.await("READY=1")))
    let client = RPCClient(configuration: .init(host: "127.0.0.1", port: rpcPort, token: service.adminToken))
    let scoring = Scoring.Client(client)
    let methodology = try await scoring.methodologies().methodologies[0]
    // 1 is a valid value for every normalisation (ratio and yes/no 0-1, scale 1-5, goalposts).
    let values = methodology.dimensions.flatMap(\.indicators).map {
      IndicatorValue(indicator: $0.code, value: 1)
    }
    let election = try ElectionID("sigterm-test")
    for region in Region.all.filter({ $0.code.level == .kabkota }).prefix(60) {
      _ = try await scoring.publish(.init(election: election, region: region.code, values: values))
    }
    let slowCall = Task {
      try await scoring.sensitivity(
        .init(election: election, level: .kabkota, runs: 2_000, perturbation: 0.2, seed: 1)
      )
    }
    let inFlight = "ipp_rpc_calls_in_flight{method=\"/ipp.Scoring/Sensitivity\"} 1"
    let deadline = ContinuousClock.now + .seconds(60)
    while try await !ServiceProcess.httpGet(port: adminPort, path: "/metrics").contains(inFlight) {
      try #require(ContinuousClock.now < deadline, "the Sensitivity call never showed as in flight")
    }
    service.signal(SIGTERM)
    #expect(await notify.await("STOPPING=1") != nil)
    let result = try await slowCall.value
    #expect(result.runs == 2_000)
    #expect(result.regions.count == 60)
    #expect(await service.waitForExit() == 0, "\(service.errorOutput)")
    await client.close()
  }

  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"),
      "systemd-analyze is not installed, so the units cannot be verified"
    )
  )
  func systemdUnitsVerify() async throws {
    let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../deploy/systemd"
    )
    let folder = try TemporaryDirectory("ipp-units")
    let staging = folder.url
    var units: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: deploy.path).sorted() {
      // verify checks that ExecStart exists: point it at the binaries this build made.
      let text = try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
        .replacingOccurrences(of: "/usr/local/bin/", with: ServiceProcess.binDirectory.path + "/")
      try text.write(to: staging.appendingPathComponent(name), atomically: true, encoding: .utf8)
      units.append(staging.appendingPathComponent(name).path)
    }
    #expect(units.count == 10)
    let result = try await Program.run(["/usr/bin/systemd-analyze", "verify"] + units)
    let text = String(decoding: result.output, as: UTF8.self) + result.errors
    #expect(result.status == 0, "\(text)")
    #expect(text.isEmpty, "\(text)")
  }
}

/// The ids of the writes the service acknowledged, shared by the tasks that make them.
private final class AcknowledgedIDs: Sendable {
  let ids = Mutex<[Int64]>([])
}

/// deploy/install.sh into a staging root: safe to run twice, never overwrites a changed config.
struct InstallScriptTests {
  private func install(into root: URL) async throws -> String {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../deploy/install.sh"
    )
    let result = try await Program.run(
      ["bash", script.standardizedFileURL.path],
      environment: ["DESTDIR": root.path, "IPP_BIN_DIR": ServiceProcess.binDirectory.path]
    )
    let text = String(decoding: result.output, as: UTF8.self) + result.errors
    try #require(result.status == 0, "install.sh failed: \(text)")
    return text
  }

  @Test func installsOnceThenChangesNothingAndKeepsAChangedConfig() async throws {
    let folder = try TemporaryDirectory("ipp-root")
    let root = folder.url
    let first = try await install(into: root)
    #expect(first.contains("installed  \(root.path)/etc/systemd/system/ipp.target"))
    for program in ["ipp-notify", "ippctl"] {
      #expect(
        FileManager.default.isExecutableFile(
          atPath: root.appendingPathComponent("usr/local/bin/\(program)").path
        )
      )
    }
    let tokens = try FileManager.default.attributesOfItem(
      atPath: root.appendingPathComponent("etc/ipp/tokens").path
    )
    #expect((tokens[.posixPermissions] as? NSNumber)?.intValue == 0o600)

    let second = try await install(into: root)
    #expect(!second.contains("installed"), "\(second)")

    let config = root.appendingPathComponent("etc/ipp/ipp-scoring.conf")
    try (try String(contentsOf: config, encoding: .utf8) + "log.level = debug\n").write(
      to: config,
      atomically: true,
      encoding: .utf8
    )
    let third = try await install(into: root)
    #expect(
      third.contains("kept       \(config.path) (changed locally; the new example is \(config.path).new)")
    )
    #expect(try String(contentsOf: config, encoding: .utf8).hasSuffix("log.level = debug\n"))
  }
}
