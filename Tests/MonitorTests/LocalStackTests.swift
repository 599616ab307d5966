import Foundation
import IPPSchema
import MonitorAPI
import RPC
import ServiceTestSupport
import TestSupport
import Testing

/// `make run`'s script (scripts/run-local.sh) with the executables this test run built: the four
/// services, the web client and the local stand-ins come up, ipp-monitor checks the stand-in KPU sites (never a
/// real host) and sees their variety, the seeded filling window brings the operators' reminders
/// to the mail stand-in, and Ctrl-C (SIGINT to the script's process group, as a
/// terminal sends it) leaves no process behind. It uses the default ports 7401-7404 and
/// 9401-9404 and 8400, so it cannot run beside a `make run`.
struct LocalStackTests {
  @Test func makeRunComesUpChecksTheStandInsAndCtrlCLeavesNothingBehind() async throws {
    let folder = try TemporaryDirectory("make-run")
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
      .standardizedFileURL
    let output = folder.appending("output.txt")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    // Foundation starts it as the leader of a process group of its own: the group a terminal's
    // Ctrl-C would interrupt.
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = [root.appendingPathComponent("scripts/run-local.sh").path]
    var environment = ProcessInfo.processInfo.environment
    environment["IPP_RUN_BIN"] = ServiceProcess.binDirectory.path
    environment["IPP_RUN_VAR"] = folder.appending("var").path
    script.environment = environment
    script.standardOutput = try FileHandle(forWritingTo: output)
    script.standardError = script.standardOutput
    try script.run()
    let group = script.processIdentifier
    defer { kill(-group, SIGKILL) }
    #expect(getpgid(group) == group)

    let deadline = ContinuousClock.now + .seconds(120)
    var text = ""
    while !text.contains("IPP Services are up") {
      try #require(ContinuousClock.now < deadline && script.isRunning, "make run did not come up:\n\(text)")
      try await Task.sleep(for: .milliseconds(200))
      text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }
    #expect(text.contains("Local stand-ins: the 553 KPU sites on 127.0.0.1:"))
    // The web client is up too, behind its sign-in page.
    #expect(text.contains("Web: http://127.0.0.1:8400/"))
    let signIn = try await Program.run([
      "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:8400/masuk",
    ])
    #expect(signIn.text == "200")

    let token = try String(contentsOf: folder.appending("var/admin.token"), encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let rpc = RPCClient(configuration: .init(host: "127.0.0.1", port: Monitor.defaultPort, token: token))
    let monitor = Monitor.Client(rpc)
    let sragen = try await monitor.checkNow(.init(host: "kab-sragen.kpu.go.id"))
    #expect(sragen.lastStatus == 200 && sragen.lastPostDay != nil && sragen.certificateDaysLeft ?? 0 > 300)
    let nduga = try await monitor.checkNow(.init(host: "kab-nduga.kpu.go.id"))
    #expect(nduga.lastStatus == 503)
    let tual = try await monitor.checkNow(.init(host: "kota-tual.kpu.go.id"))
    #expect((8...10).contains(tual.certificateDaysLeft ?? 0))
    await rpc.close()
    // Seeded: filling is open, and the operators' reminders reach the mail stand-in.
    #expect(text.contains("seeded: filling window opened, 582 recipients added"), "\(text)")
    let mail = folder.appending("var/mail")
    let mailDeadline = ContinuousClock.now + .seconds(150)
    var reminder: String?
    while reminder == nil {
      try #require(ContinuousClock.now < mailDeadline, "no reminder reached var/mail")
      try await Task.sleep(for: .milliseconds(500))
      let names = (try? FileManager.default.contentsOfDirectory(atPath: mail.path)) ?? []
      reminder = names.first { $0.hasSuffix("-operator-3314@kpu.example.eml") }
    }
    let message = try String(contentsOf: mail.appendingPathComponent(try #require(reminder)), encoding: .utf8)
    // Three days, or two when the test runs across midnight in WIB.
    #expect(message.contains("Subject: Pengingat: batas pengisian IPP Kabupaten Sragen "))
    #expect(message.contains(" hari lagi\r\n"))

    kill(-group, SIGINT)
    let stopping = ContinuousClock.now + .seconds(60)
    while script.isRunning, ContinuousClock.now < stopping { try await Task.sleep(for: .milliseconds(100)) }
    #expect(!script.isRunning, "make run did not stop on Ctrl-C")
    // Every process the script started was in its group: none is left.
    var left = 0
    for _ in 0..<50 {
      left = kill(-group, 0) == 0 ? 1 : 0
      if left == 0 { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(left == 0, "processes left in make run's group")
    text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    #expect(!text.contains("Fatal error"), "\(text)")
  }
}
