import Foundation
import IPPSchema
import IntakeAPI
import RPC
import RPCCore
import ScoringAPI
import ServiceRuntime
import TestSupport
import ServiceTestSupport
import Testing

/// A token issued by the real ipp-intake is accepted by the real ipp-scoring, which holds only
/// intake's public key; once revoked, scoring refuses it within its refresh interval, and still
/// after a restart while intake is down.
struct IssuedTokenTests {
  @Test func scoringHonoursIntakesTokensAndRevocations() async throws {
    // Intake knows scoring's own token from its token file; scoring reads intake's key file.
    let scoringToken = "scoring-" + UUID().uuidString
    let (intake, intakePort, _) = try await ServiceProcess.ready(
      "ipp-intake",
      extraTokenLines: [TokenFile.line(for: scoringToken, role: .service, name: "ipp-scoring")]
    )
    let issuerKey = intake.directory.appendingPathComponent("state/token-issuer.pub")
    let scoringFolder = try TemporaryDirectory("ipp-scoring")
    let intakeTokenFile = scoringFolder.appending("intake.token")
    try scoringToken.write(to: intakeTokenFile, atomically: true, encoding: .utf8)
    let admin = Intake.Client(
      RPCClient(configuration: .init(host: "127.0.0.1", port: intakePort, token: intake.adminToken))
    )
    let issued = try await admin.issueToken(
      .init(name: "dashboard", role: "viewer", validDays: 1, requestID: UUID().uuidString)
    )
    let scoringArguments = [
      "--tokens.issuer_key_file", issuerKey.path, "--tokens.intake_address", "127.0.0.1:\(intakePort)",
      "--tokens.intake_token_file", intakeTokenFile.path, "--tokens.refresh_interval", "0.2",
    ]
    var (scoring, scoringPort, _) = try await ServiceProcess.ready(
      "ipp-scoring",
      folder: scoringFolder,
      arguments: scoringArguments
    )
    func methodologies() async -> RPCError.Code? {
      let client = Scoring.Client(
        RPCClient(configuration: .init(host: "127.0.0.1", port: scoringPort, token: issued.token))
      )
      return await status(of: { try await client.methodologies() })
    }
    #expect(await methodologies() == nil)
    // Scoring reported the use to intake.
    try await eventually("intake recorded the token's use") {
      try await admin.listTokens().tokens.first?.lastUsedAt != nil
    }

    _ = try await admin.revokeToken(.init(id: issued.record.id, reason: "test", requestID: UUID().uuidString))
    try await eventually("scoring refused the revoked token") { await methodologies() == .unauthenticated }

    // Intake stops; a scoring restarted meanwhile still refuses the token from the list it kept.
    intake.signal(SIGTERM)
    #expect(await intake.waitForExit() == 0)
    scoring.signal(SIGTERM)
    #expect(await scoring.waitForExit() == 0)
    (scoring, scoringPort, _) = try await ServiceProcess.ready(
      "ipp-scoring",
      folder: scoringFolder,
      arguments: scoringArguments
    )
    #expect(await methodologies() == .unauthenticated)
    #expect(
      await status(of: {
        try await Scoring.Client(
          RPCClient(
            configuration: .init(
              host: "127.0.0.1",
              port: scoringPort,
              token: scoring.adminToken
            )
          )
        ).methodologies()
      }) == nil
    )
    scoring.signal(SIGTERM)
    #expect(await scoring.waitForExit() == 0)
  }
}
