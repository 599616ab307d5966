import AsyncHTTPClient
import Foundation
import IPPSchema
import IntakeAPI
import IntakeFixtures
import MonitorAPI
import NIOCore
import RPC
import RPCCore
import ScoringAPI

// The national page under 10 concurrent viewers, against a running local stack with ipp-web
// (`web-national.sh` starts it): every one of the election's regions filed with typical values,
// submitted and verified, so intake has 553 regions' progress and scoring their scores. Then, in
// turn, for the same number of rounds each:
//   - the page: 10 viewers signed in as KPU RI, each GETting /nasional as soon as the last came;
//   - the peer: 10 clients making, with the same token, the calls that page makes to the services
//     (Elections, Progress, Distribution, Ranking and Sites), concurrently as the page does;
// and prints p50, p99 and the mean of each, the page's size, and the ratios.
//
// usage: WebLoad ADMIN_TOKEN_FILE [ROUNDS_PER_VIEWER]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let tokenFile = arguments.first else {
  print("usage: WebLoad ADMIN_TOKEN_FILE [ROUNDS_PER_VIEWER]")
  exit(64)
}
let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 100 : 100
let viewers = 10
let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
  in: .whitespacesAndNewlines
)
func client(_ port: Int) -> RPCClient {
  RPCClient(configuration: .init(host: "127.0.0.1", port: port, token: token))
}
let intake = Intake.Client(client(Intake.defaultPort))
let scoring = Scoring.Client(client(Scoring.defaultPort))
let monitor = Monitor.Client(client(Monitor.defaultPort))

// Every region files, submits and is verified (ten at a time).
let regions = try await intake.regions(.init(election: .pilkada2024)).regions.map(\.code)
let catalogue = try await intake.catalogue(.init(election: .pilkada2024))
print("filing, submitting and verifying \(regions.count) regions...")
try await withThrowingTaskGroup(of: Void.self) { group in
  for (index, region) in regions.enumerated() {
    if index >= 10 { try await group.next() }
    group.addTask {
      _ = try await intake.saveValues(
        .init(
          election: .pilkada2024,
          region: region,
          requestID: "web-save-\(region)",
          values: IntakeFixtures.values(catalogue, variant: index)
        )
      )
      for step in ["submit", "verify"] {
        let request = Intake.TransitionRequest(
          election: .pilkada2024,
          region: region,
          requestID: "web-\(step)-\(region)"
        )
        _ = try await step == "submit" ? intake.submit(request) : intake.verify(request)
      }
    }
  }
  try await group.waitForAll()
}
var scored = 0
while scored < regions.count(where: { $0.level == .kabkota }) {
  try await Task.sleep(for: .seconds(1))
  scored = try await scoring.distribution(.init(election: .pilkada2024, level: .kabkota)).scored
}
print("scoring has \(scored) kab/kota")

let http = HTTPClient(
  eventLoopGroupProvider: .singleton,
  configuration: .init(redirectConfiguration: .disallow)
)
var signIn = HTTPClientRequest(url: "http://127.0.0.1:8400/masuk")
signIn.method = .POST
signIn.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
signIn.body = .bytes(ByteBuffer(string: "token=\(token)"))
let signedIn = try await http.execute(signIn, timeout: .seconds(30))
guard let cookie = signedIn.headers.first(name: "set-cookie")?.split(separator: ";").first else {
  print("sign-in failed: HTTP \(signedIn.status.code)")
  exit(1)
}

/// Runs `call` `rounds` times on each of `viewers` tasks at once; the latencies in milliseconds.
func measure(
  _ call: @escaping @Sendable () async throws -> Int
) async throws -> (latencies: [Double], bytes: Int) {
  try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
    for _ in 0..<viewers {
      group.addTask {
        var latencies: [Double] = []
        var bytes = 0
        for _ in 0..<rounds {
          let start = ContinuousClock.now
          bytes = try await call()
          let elapsed = ContinuousClock.now - start
          latencies.append(
            Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
          )
        }
        return (latencies, bytes)
      }
    }
    var all: [Double] = []
    var bytes = 0
    for try await (latencies, size) in group {
      all += latencies
      bytes = size
    }
    return (all.sorted(), bytes)
  }
}

func page() async throws -> Int {
  var request = HTTPClientRequest(url: "http://127.0.0.1:8400/nasional")
  request.headers.add(name: "cookie", value: String(cookie))
  let response = try await http.execute(request, timeout: .seconds(30))
  guard response.status == .ok else {
    throw RPCError(code: .internal, message: "HTTP \(response.status.code)")
  }
  return try await response.body.collect(upTo: 16 << 20).readableBytes
}

func calls() async throws -> Int {
  _ = try await intake.elections()
  async let progress = intake.progress(.init(election: .pilkada2024))
  async let distribution = scoring.distribution(.init(election: .pilkada2024, level: .kabkota))
  async let ranking = scoring.ranking(.init(election: .pilkada2024, level: .province))
  async let sites = monitor.sites(.init())
  let answers = try await (progress, distribution, ranking, sites)
  return answers.0.regions.count + answers.3.sites.count
}

func line(_ name: String, _ latencies: [Double]) -> (p50: Double, p99: Double) {
  let p50 = latencies[latencies.count / 2]
  let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
  let mean = latencies.reduce(0, +) / Double(latencies.count)
  print(
    String(
      format: "%@ %6d requests  p50 %7.2f ms  p99 %7.2f ms  mean %7.2f ms",
      name,
      latencies.count,
      p50,
      p99,
      mean
    )
  )
  return (p50, p99)
}

_ = try await measure(page)  // warm up both, then measure
_ = try await measure(calls)
let pageRun = try await measure(page)
let peerRun = try await measure(calls)
print("\(viewers) concurrent viewers, \(rounds) rounds each; the page is \(pageRun.bytes) bytes")
let pageTimes = line("GET /nasional (ipp-web)       ", pageRun.latencies)
let peerTimes = line("its RPC calls alone (the peer)", peerRun.latencies)
print(
  String(
    format: "ratio page / its calls: p50 %.2fx  p99 %.2fx",
    pageTimes.p50 / peerTimes.p50,
    pageTimes.p99 / peerTimes.p99
  )
)
// Which of the calls the page waits on: each alone, under the same 10 clients.
let parts: [(String, @Sendable () async throws -> Int)] = [
  ("  Intake/Elections ", { try await intake.elections().elections.count }),
  ("  Intake/Progress  ", { try await intake.progress(.init(election: .pilkada2024)).regions.count }),
  (
    "  Scoring/Distrib. ",
    { try await scoring.distribution(.init(election: .pilkada2024, level: .kabkota)).scored }
  ),
  (
    "  Scoring/Ranking  ",
    { try await scoring.ranking(.init(election: .pilkada2024, level: .province)).places.count }
  ),
  ("  Monitor/Sites    ", { try await monitor.sites(.init()).sites.count }),
]
for (name, call) in parts {
  _ = line(name, try await measure(call).latencies)
}
try await http.shutdown()
