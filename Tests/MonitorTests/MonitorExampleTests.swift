import Foundation
import IPPSchema
import ServiceTestSupport
import TestSupport
import Testing

/// The real ipp-monitor executable, probing a web farm on loopback, called by the Python example
/// of docs/monitor-api.md and by ippctl's site commands.
struct MonitorExampleTests {
  @Test func pythonExampleReadsSitesSetsAWindowAndGetsTheReport() async throws {
    let farm = try await WebFarm()
    defer { farm.stop() }
    // Sragen posted today and the day before, in its zone.
    let today = CalendarDay(Date(), in: Region.Zone.wib.timeZone)
    let listing = [today, today.adding(days: -1)].enumerated().map { index, day in
      "<a href='/blog/read/berita-\(index)'>Berita</a> Senin (\(day.day)/\(day.month)/\(day.year))"
    }
    try farm.setPage("kab-sragen.kpu.go.id", "/index.php/blog/category/104", listing.joined())
    // Only Jawa Tengah's province site and Sragen's are served; every other host is refused by the
    // monitor's own proxy, so nothing leaves the machine and the sweep is quick.
    let resolve = ["jateng.kpu.go.id", "kab-sragen.kpu.go.id"].map { "\($0):443=127.0.0.1:\(farm.httpsPort)" }
    let (service, rpcPort, tokenFile) = try await ServiceProcess.ready(
      "ipp-monitor",
      arguments: [
        "--probe.resolve", resolve.joined(separator: ","), "--probe.trust_roots_file", farm.caPath,
        "--notify.address", "127.0.0.1:9",
      ]
    )
    defer { service.signal(SIGTERM) }
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../docs/examples/monitor_client.py").standardizedFileURL
    let run = try await Program.run(["python3", example.path, String(rpcPort), tokenFile.path])
    try #require(run.status == 0, "the example failed: \(run.errors)")
    let result = try #require(try JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
    #expect(result["sites"] as? Int == 36 && result["first"] as? String == "jateng.kpu.go.id")
    #expect(result["status"] as? Int == 200 && result["last_post_day"] as? String == today.rawValue)
    #expect(result["activity"] as? String == "slowing")
    let refused = try #require(result["refused"] as? [String])
    #expect(refused.first == "INVALID_ARGUMENT")
    #expect(refused.last?.contains("page \"ftp://kab-sragen.kpu.go.id/ppid\"") == true)
    #expect(refused.last?.contains("say why in reason") == true)
    let window = try #require(result["window"] as? [String])
    #expect(
      window.first == "kab-sragen.kpu.go.id" && window[1].hasSuffix("22:00 WIB") && window.last == "kpu.ri"
    )
    #expect(result["windows"] as? Int == 1 && result["report_rows"] as? Int == 36)
    let row = try #require(result["report_row"] as? [Any])
    #expect(row.first as? String == "slowing" && row[1] as? Int == 2 && row[2] as? Int == 2)
    let history = try #require(result["history"] as? [[Int]])
    #expect(history.first == [1, 1, 200])

    // ippctl's typed commands on the same monitor: a table for people, JSON for scripts.
    let ippctl = ServiceProcess.binDirectory.appendingPathComponent("ippctl").path
    let common = ["--target", "127.0.0.1:\(rpcPort)", "--token-file", tokenFile.path]
    let report = try await Program.run([ippctl, "site-activity", "33"] + common)
    try #require(report.status == 0, "\(report.errors)")
    let lines = report.text.split(separator: "\n")
    #expect(lines.first?.hasPrefix("Jawa Tengah (33), \(today.rawValue): 36 sites; ") == true)
    #expect(lines.dropFirst().first?.hasPrefix("REGION  NAME") == true)
    let sragenLine = try #require(lines.first { $0.contains("Kabupaten Sragen") }, "\(report.text)")
    #expect(sragenLine.hasPrefix("33.14   Kabupaten Sragen") && sragenLine.contains(today.rawValue))
    #expect(sragenLine.contains("slowing") && sragenLine.hasSuffix("100.0%"))
    let down = try await Program.run([ippctl, "sites", "--province", "33", "--down", "--json"] + common)
    let sites = try #require(try JSONSerialization.jsonObject(with: Data(down.text.utf8)) as? [String: Any])
    #expect((sites["sites"] as? [Any])?.isEmpty == true)
    let unknown = try await Program.run([ippctl, "sites", "--activity", "sleepy"] + common)
    #expect(unknown.status == 64 && unknown.errors.contains("--activity is one of unknown, active, slowing"))
    let denied = try await Program.run([ippctl, "sites", "--province", "33.14"] + common)
    #expect(denied.status == 64 + 3 && denied.errors.contains("INVALID_ARGUMENT"))
  }
}
