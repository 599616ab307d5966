import Foundation
import IPPSchema
import IntakeAPI
import RPC
import RPCCore

// The flow at ten times the national load against a running local stack (`soak.sh` starts it):
// 5,140 operators (ten per kab/kota's worth, spread over the election's regions, those of one
// region sharing its office's connection) each saving a page of values every 30 to 90 s; the 38
// province admins reading their province's summary every 30 s; while ipp-monitor checks the 553
// stand-in sites every 30 s and ipp-notify mails the reminders due. Every 30 s it samples each
// service's resident memory and open file descriptors from /proc and prints a line; at the end,
// the first and last samples side by side.
//
// usage: SoakLoad MINUTES ADMIN_TOKEN_FILE NAME=PID...

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let minutes = Double(arguments[0]) else {
  print("usage: SoakLoad MINUTES ADMIN_TOKEN_FILE NAME=PID...")
  exit(64)
}
let adminToken = try String(contentsOfFile: arguments[1], encoding: .utf8)
  .trimmingCharacters(in: .whitespacesAndNewlines)
let services = arguments.dropFirst(2).compactMap { pair -> (String, Int32)? in
  let parts = pair.split(separator: "=")
  return parts.count == 2 ? (String(parts[0]), Int32(parts[1]) ?? 0) : nil
}

/// One service's resident memory (KiB) and open descriptors, read from /proc.
func sample(_ pid: Int32) -> (rssKiB: Int, descriptors: Int) {
  let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
  let rss =
    status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
    .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
  let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
  return (rss, descriptors)
}

let admin = Intake.Client(
  RPCClient(configuration: .init(host: "127.0.0.1", port: Intake.defaultPort, token: adminToken))
)
let regions = try await admin.regions(.init(election: .pilkada2024)).regions.map(\.code)
let catalogue = try await admin.catalogue(.init(election: .pilkada2024))
let operators = 5_140
print("issuing \(regions.count) office tokens for \(operators) operators...")
var offices: [RegionCode: Intake.Client<RPCClient>] = [:]
for region in regions {
  let issued = try await admin.issueToken(
    .init(
      name: "soak.\(region.rawValue)",
      role: "regency",
      region: region,
      requestID: "soak-\(region.rawValue)"
    )
  )
  offices[region] = Intake.Client(
    RPCClient(configuration: .init(host: "127.0.0.1", port: Intake.defaultPort, token: issued.token))
  )
}
let provinces = regions.filter { $0.level == .province }

/// Counts of what the load did, by outcome.
actor Tally {
  var saves = 0
  var summaries = 0
  var failures: [String: Int] = [:]
  func saved() { saves += 1 }
  func summarised() { summaries += 1 }
  func failed(_ error: any Error) { failures["\(RPCError(converting: error).code)", default: 0] += 1 }
}
let tally = Tally()
let end = ContinuousClock.now + .seconds(minutes * 60)
let indicators = catalogue.indicators.filter { $0.type == .percent }.map(\.code)

let load = Task {
  await withTaskGroup(of: Void.self) { group in
    for index in 0..<operators {
      let region = regions[index % regions.count]
      let office = offices[region]!
      group.addTask {
        // Spread the first saves over the first minute, as people arrive at work.
        try? await Task.sleep(for: .milliseconds(Int.random(in: 0..<60_000)))
        var round = 0
        while ContinuousClock.now < end {
          let page = indicators.shuffled().prefix(5).map {
            Intake.FiledValue(indicator: $0, value: Double.random(in: 40...95).rounded())
          }
          do {
            _ = try await office.saveValues(
              .init(election: .pilkada2024, region: region, requestID: "soak-\(index)-\(round)", values: page)
            )
            await tally.saved()
          } catch {
            await tally.failed(error)
          }
          round += 1
          try? await Task.sleep(for: .seconds(Int.random(in: 30...90)))
        }
      }
    }
    for province in provinces {
      group.addTask {
        while ContinuousClock.now < end {
          do {
            _ = try await admin.provinceSummary(.init(election: .pilkada2024, province: province))
            await tally.summarised()
          } catch {
            await tally.failed(error)
          }
          try? await Task.sleep(for: .seconds(30))
        }
      }
    }
  }
}

var samples: [[(rssKiB: Int, descriptors: Int)]] = []
let started = ContinuousClock.now
while ContinuousClock.now < end {
  let now = services.map { sample($0.1) }
  samples.append(now)
  let line = zip(services, now).map { "\($0.0.0) \($0.1.rssKiB / 1024) MiB \($0.1.descriptors) fds" }
  let elapsed = Int((ContinuousClock.now - started).components.seconds)
  print(
    "t=\(elapsed)s saves=\(await tally.saves) summaries=\(await tally.summaries) | "
      + line.joined(separator: " | ")
  )
  try await Task.sleep(for: .seconds(30))
}
await load.value
samples.append(services.map { sample($0.1) })

print("\nservice       RSS first  RSS last   fds first  fds last")
for (index, service) in services.enumerated() {
  // The first sample is taken before the load ramps up; the second, once it has.
  let (first, last) = (samples[min(1, samples.count - 1)][index], samples[samples.count - 1][index])
  print(
    service.0.padding(toLength: 13, withPad: " ", startingAt: 0)
      + String(
        format: "%6d MiB %6d MiB %9d %9d",
        first.rssKiB / 1024,
        last.rssKiB / 1024,
        first.descriptors,
        last.descriptors
      )
  )
}
let failures = await tally.failures
print(
  "saves \(await tally.saves), province summaries \(await tally.summaries), failures \(failures.isEmpty ? "none" : "\(failures)")"
)
