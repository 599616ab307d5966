import Foundation
import IPPSchema
import IntakeAPI
import RPC
import RPCCore
import ScoringAPI
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// The real ipp-intake publishing to the real ipp-scoring over HTTP/2: a verified region is
/// scored; one verified while scoring is stopped waits in intake's outbox and is scored once
/// scoring is back on the same port; nothing is scored twice.
struct IntakePublishingTests {
  @Test func verifiedRegionsReachScoringAcrossARestart() async throws {
    let intakeToken = "intake-" + UUID().uuidString
    let scoringLine = TokenFile.line(for: intakeToken, role: .service, name: "ipp-intake")
    var (scoring, scoringPort, _) = try await ServiceProcess.ready(
      "ipp-scoring",
      extraTokenLines: [scoringLine]
    )

    let operatorTokens = ["33.14", "33.10"].map { ($0, "operator-\($0)-" + UUID().uuidString) }
    let intakeFolder = try TemporaryDirectory("ipp-intake")
    let tokenFile = intakeFolder.appending("scoring.token")
    try intakeToken.write(to: tokenFile, atomically: true, encoding: .utf8)
    let (intake, intakePort, _) = try await ServiceProcess.ready(
      "ipp-intake",
      folder: intakeFolder,
      extraTokenLines: operatorTokens.map {
        TokenFile.line(for: $0.1, role: .regency, name: "operator.\($0.0)", region: $0.0)
      },
      arguments: ["--scoring.address", "127.0.0.1:\(scoringPort)", "--scoring.token_file", tokenFile.path]
    )
    func client(_ token: String) -> Intake.Client<RPCClient> {
      Intake.Client(RPCClient(configuration: .init(host: "127.0.0.1", port: intakePort, token: token)))
    }
    let admin = client(intake.adminToken)
    try await admin.openPilkadaWindowAroundNow()
    let catalogue = try await admin.catalogue(.init(election: .pilkada2024))
    func fileAndVerify(_ region: String, token: String) async throws {
      let code = try RegionCode(region)
      let values = catalogue.completeValues
      let filer = client(token)
      _ = try await filer.saveValues(
        .init(election: .pilkada2024, region: code, requestID: UUID().uuidString, values: values)
      )
      _ = try await filer.submit(.init(election: .pilkada2024, region: code, requestID: UUID().uuidString))
      _ = try await admin.verify(.init(election: .pilkada2024, region: code, requestID: UUID().uuidString))
    }
    /// Asks scoring for the region's score until it has one (within 60 s).
    func awaitScore(_ region: String, port: Int, token: String) async throws -> Scoring.HistoryResponse {
      let scoringClient = Scoring.Client(
        RPCClient(configuration: .init(host: "127.0.0.1", port: port, token: token))
      )
      let deadline = ContinuousClock.now + .seconds(60)
      while true {
        let history = try await scoringClient.history(
          .init(election: .pilkada2024, region: try RegionCode(region))
        )
        if !history.entries.isEmpty { return history }
        try #require(ContinuousClock.now < deadline, "\(region) was not scored within 60 s")
        try await Task.sleep(for: .milliseconds(200))
      }
    }

    try await fileAndVerify("33.14", token: operatorTokens[0].1)
    #expect(try await awaitScore("33.14", port: scoringPort, token: scoring.adminToken).entries.count == 1)

    scoring.signal(SIGTERM)
    #expect(await scoring.waitForExit() == 0)
    try await fileAndVerify("33.10", token: operatorTokens[1].1)
    // Intake has tried and is waiting before scoring comes back.
    var intakeLog = ""
    let deadline = ContinuousClock.now + .seconds(30)
    while !intakeLog.contains("scoring unavailable; publication waits") {
      try #require(ContinuousClock.now < deadline, "intake never tried the stopped scoring: \(intakeLog)")
      try await Task.sleep(for: .milliseconds(200))
      intakeLog = intake.errorOutput
    }
    // The waiting publication shows on intake's /metrics (the gauge follows the loop's next turn).
    while try await !ServiceProcess.httpGet(port: intake.adminPort, path: "/metrics").contains(
      "ipp_intake_publish_waiting 1"
    ) {
      try #require(
        ContinuousClock.now < deadline + .seconds(10),
        "the outbox gauge never showed the waiting region"
      )
      try await Task.sleep(for: .milliseconds(200))
    }
    (scoring, scoringPort, _) = try await ServiceProcess.ready(
      "ipp-scoring",
      folder: scoring.folder,
      adminToken: scoring.adminToken,
      extraTokenLines: [scoringLine],
      arguments: ["--rpc.port", String(scoringPort)]
    )
    #expect(try await awaitScore("33.10", port: scoringPort, token: scoring.adminToken).entries.count == 1)
    // The first region was not published again by the restart.
    #expect(try await awaitScore("33.14", port: scoringPort, token: scoring.adminToken).entries.count == 1)

    intake.signal(SIGTERM)
    scoring.signal(SIGTERM)
    #expect(await intake.waitForExit() == 0)
    #expect(await scoring.waitForExit() == 0)
  }
}
