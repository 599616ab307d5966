import Foundation
import IPPSchema
import IntakeAPI
import IntakeFixtures
import Logging
import RPC
import RPCCore

// SaveValues under concurrent operators, over HTTP/2 on loopback to intake's real handlers and
// SQLite database: at 10 and then 100 operators, each with its own connection and kab/kota, each
// saving 5 changed values per call as fast as answers come, for SECONDS (default 10). Then the
// same operators call Health/Check, the named peer: the bare RPC round trip at that concurrency.
//
// usage: swift run -c release IntakeFilingLoad [SECONDS]

let seconds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 10
let (intake, regions, catalogue) = try await IntakeFixtures.national()
var authenticator = Authenticator()
for region in regions.prefix(100) {
  authenticator.add(
    token: "operator-\(region)",
    as: Principal(name: "operator.\(region)", role: .regency, scope: region.rawValue)
  )
}
var logger = Logger(label: "bench")
logger.logLevel = .critical
let server = RPCServer(
  configuration: RPCServer.Configuration(),
  router: intake.router,
  authenticator: authenticator,
  logger: logger
)
let port = try await server.start().port!

/// Calls `call` from `operators` tasks until the time is up; answers calls per second and the
/// latency percentiles.
func measure(
  operators: Int,
  _ call: @escaping @Sendable (Int, Intake.Client<RPCClient>, Int) async throws -> Void
) async throws -> (perSecond: Double, p50: Double, p99: Double) {
  let end = ContinuousClock.now + .seconds(seconds)
  let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
    for index in 0..<operators {
      let client = Intake.Client(
        RPCClient(configuration: .init(host: "127.0.0.1", port: port, token: "operator-\(regions[index])"))
      )
      group.addTask {
        var own: [Duration] = []
        var round = 0
        while ContinuousClock.now < end {
          let start = ContinuousClock.now
          try await call(index, client, round)
          own.append(ContinuousClock.now - start)
          round += 1
        }
        return own
      }
    }
    return try await group.reduce(into: []) { $0 += $1 }.sorted()
  }
  func milliseconds(_ quantile: Double) -> Double {
    let value = latencies[min(latencies.count - 1, Int(Double(latencies.count) * quantile))]
    return Double(value.components.attoseconds) / 1e15 + Double(value.components.seconds) * 1000
  }
  return (Double(latencies.count) / Double(seconds), milliseconds(0.5), milliseconds(0.99))
}

let page = Array(IntakeFixtures.values(catalogue).filter { $0.indicator.hasPrefix("REG") }.prefix(5))
print("SaveValues: 5 changed values per call; Health/Check: the bare RPC round trip. \(seconds) s each.")
for operators in [10, 100] {
  let save = try await measure(operators: operators) { index, client, round in
    let values = page.map { value in
      var changed = value
      if changed.value! > 1 { changed.value = changed.value! + Double(round % 2) }
      changed.comment = "round \(round)"
      return changed
    }
    _ = try await client.saveValues(
      .init(election: .pilkada2024, region: regions[index], requestID: "\(index)-\(round)", values: values)
    )
  }
  let health = try await measure(operators: operators) { _, client, _ in
    _ = try await client.caller.unary(Health.check, .init(), options: CallOptions())
  }
  print(
    String(
      format:
        "%3d operators: SaveValues %6.0f/s p50 %6.2f ms p99 %6.2f ms | Health/Check %6.0f/s p50 %5.2f ms p99 %5.2f ms | ratio %.2f",
      operators,
      save.perSecond,
      save.p50,
      save.p99,
      health.perSecond,
      health.p50,
      health.p99,
      save.perSecond / health.perSecond
    )
  )
}
await server.shutdown()
