import Foundation
import GRDB
import IPPMonitor
import Logging
import ServiceRuntime

// One availability sweep of the 553 KPU sites, as ipp-monitor runs it (AvailabilityChecker,
// async-http-client through the resolving proxy, every check recorded in SQLite with its
// rollups), against Benchmarks/site_farm.py on loopback. Prints one line of JSON: the sweep's
// seconds, how many sites answered 200, and this process's peak resident memory (and its
// resident memory before the sweep: the libraries, the database open, the 553 sites seeded).
//
// usage: MonitorSweep HTTPS_PORT CA_PEM [CONCURRENCY, default 64]
//        MonitorSweep hosts        (the 553 hosts, one per line, for the peer's run)

let arguments = CommandLine.arguments.dropFirst().map { $0 }
if arguments.first == "hosts" {
  print(SiteCatalogue.all.map(\.host).joined(separator: "\n"))
  exit(0)
}
guard arguments.count >= 2, let port = Int(arguments[0]) else {
  FileHandle.standardError.write(Data("usage: MonitorSweep HTTPS_PORT CA_PEM [CONCURRENCY]\n".utf8))
  exit(64)
}
let concurrency = arguments.count > 2 ? Int(arguments[2]) ?? 64 : 64
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-sweep-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

var migrator = DatabaseMigrator()
MonitorStore.registerMigrations(&migrator)
let storage = try ServiceStorage(directory: folder.path, name: "ipp-monitor", migrator: migrator)
let store = MonitorStore(storage: storage)
let clock = SystemClock()
try store.seed(at: clock.now)

var values = MonitorSettings.keys.reduce(into: [String: String]()) { $0[$1.key] = $1.defaultValue }
values["probe.resolve"] = "*.kpu.go.id:443=127.0.0.1:\(port),kpu.go.id:443=127.0.0.1:\(port)"
values["probe.trust_roots_file"] = arguments[1]
values["probe.concurrency"] = "\(concurrency)"
let settings = try MonitorSettings(values)
let (prober, proxy) = try settings.makeProber()
var logger = Logger(label: "sweep")
logger.logLevel = .error
let checker = AvailabilityChecker(
  store: store,
  prober: prober,
  clock: clock,
  schedule: CheckSchedule(interval: settings.interval, concurrency: concurrency),
  thresholds: settings.thresholds,
  logger: logger
)

/// A line of /proc/self/status in KiB.
func status(_ key: String) -> Int {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
  return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
}

let before = status("VmRSS")
let start = ContinuousClock.now
try await checker.checkDue()
let elapsed = ContinuousClock.now - start
let answered = try store.sites(at: clock.now, rules: FreshnessRules()).filter { $0.lastStatus == 200 }.count
try await prober.client.shutdown()
await proxy?.stop()

let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
  #"{"seconds": \#(seconds), "answered": \#(answered), "peak_kib": \#(status("VmHWM")), "before_kib": \#(before)}"#
)
