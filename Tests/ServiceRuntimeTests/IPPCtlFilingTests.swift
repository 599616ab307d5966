import Foundation
import IPPSchema
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// The real ippctl's daily jobs against the real ipp-intake publishing to the real ipp-scoring,
/// each found from its environment address: an admin opens filling and issues tokens, an
/// operator imports a spreadsheet (a bad one first), corrects a value and submits, the province
/// verifies, and the score, its explanation, the distribution and the ranking follow; each
/// refusal with its exit status.
struct IPPCtlFilingTests {
  private let ippctl = ServiceProcess.binDirectory.appendingPathComponent("ippctl").path
  private static let example = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/examples/sragen-pilkada-2024.csv")

  @Test func anOperatorFilesTheProvinceVerifiesAndTheScoreFollows() async throws {
    let admin = "admin-" + UUID().uuidString
    let intakeToken = "intake-" + UUID().uuidString
    let (scoring, scoringPort, _) = try await ServiceProcess.ready(
      "ipp-scoring",
      adminToken: admin,
      extraTokenLines: [TokenFile.line(for: intakeToken, role: .service, name: "ipp-intake")]
    )
    let intakeFolder = try TemporaryDirectory("ipp-intake")
    let scoringToken = intakeFolder.appending("scoring.token")
    try intakeToken.write(to: scoringToken, atomically: true, encoding: .utf8)
    let (intake, intakePort, adminFile) = try await ServiceProcess.ready(
      "ipp-intake",
      folder: intakeFolder,
      adminToken: admin,
      arguments: ["--scoring.address", "127.0.0.1:\(scoringPort)", "--scoring.token_file", scoringToken.path]
    )
    defer {
      intake.signal(SIGKILL)
      scoring.signal(SIGKILL)
    }
    let environment = [
      "IPP_INTAKE_ADDRESS": "127.0.0.1:\(intakePort)", "IPP_SCORING_ADDRESS": "127.0.0.1:\(scoringPort)",
      "IPP_TOKEN_FILE": adminFile.path,
    ]
    func run(_ arguments: [String], token: URL? = nil) async throws -> Program.Result {
      try await Program.run(
        [ippctl] + arguments + (token.map { ["--token-file", $0.path] } ?? []),
        environment: environment
      )
    }

    let now = Date()
    let opened = try await run([
      "set-deadline", "--opens", ZonedTime(now - 86_400, in: .wib).rawValue, "--closes",
      ZonedTime(now + 86_400, in: .wib).rawValue,
      "--reason", "uji",
    ])
    #expect(opened.status == 0 && opened.text.contains("pilkada-2024: filling open"), "\(opened.errors)")

    // Tokens go to files only their owner reads, and never over one that exists.
    let sragen = intakeFolder.appending("sragen.token")
    let issued = try await run([
      "tokens", "issue", "operator.sragen", "--role", "regency", "--region", "33.14", "--out", sragen.path,
    ])
    #expect(
      issued.status == 0 && issued.text.contains("operator.sragen, regency of 33.14"),
      "\(issued.errors)"
    )
    let mode = try FileManager.default.attributesOfItem(atPath: sragen.path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let sragenToken = try String(contentsOf: sragen, encoding: .utf8)
    let again = try await run([
      "tokens", "issue", "operator.sragen2", "--role", "regency", "--region", "33.14", "--out", sragen.path,
    ])
    #expect(again.status == 1 && again.errors.contains("cannot create"))
    #expect(try String(contentsOf: sragen, encoding: .utf8) == sragenToken)

    // A spreadsheet with a bad cell writes nothing and says where.
    let bad = intakeFolder.appending("bad.csv")
    try "wilayah;indikator;nilai\r\n33.14;PEM-1;74,3\r\n33.14;PEM-2;banyak\r\n".write(
      to: bad,
      atomically: true,
      encoding: .utf8
    )
    let refused = try await run(["import", bad.path], token: sragen)
    #expect(refused.status == 65)
    #expect(refused.text.contains("1 problems: nothing was written"))
    #expect(refused.text.contains(" 3  nilai"), "\(refused.text)")
    #expect(
      try await run(["values", "33.14"], token: sragen).text.contains("33.14 Kabupaten Sragen: notStarted")
    )

    let dryRun = try await run(["import", Self.example.path, "--dry-run"], token: sragen)
    #expect(dryRun.status == 0 && dryRun.text.contains("30 values would change"), "\(dryRun.errors)")
    #expect(dryRun.errors.contains("check: checking"))
    let imported = try await run(["import", Self.example.path], token: sragen)
    #expect(imported.status == 0 && imported.text.contains("30 values changed"), "\(imported.errors)")

    #expect(try await run(["save", "33.14", "PEM-1=tujuh"], token: sragen).status == 64)
    let saved = try await run(["save", "33.14", "PEM-1=74,4", "--comment", "angka final"], token: sragen)
    #expect(saved.status == 0 && saved.text.contains("33.14 Kabupaten Sragen: draft"), "\(saved.errors)")
    #expect(try await run(["submit", "33.14"], token: sragen).text.contains("submitted"))

    // The operator may not verify its own region; its province may.
    let notTheirs = try await run(["verify", "33.14"], token: sragen)
    #expect(notTheirs.status == 64 + 7, "\(notTheirs.errors)")
    #expect(try await run(["return", "33.14"]).status == 64)
    let jateng = intakeFolder.appending("jateng.token")
    _ = try await run([
      "tokens", "issue", "admin.jateng", "--role", "province", "--region", "33", "--out", jateng.path,
    ])
    let verified = try await run(["verify", "33.14"], token: jateng)
    #expect(verified.status == 0 && verified.text.contains("verified"), "\(verified.errors)")

    let progress = try await run(["progress", "--province", "33"])
    #expect(progress.text.contains("33.14   Kabupaten Sragen") && progress.text.contains("verified"))
    #expect(progress.text.contains("36 regions: 35 notStarted, 1 verified, 0 late"), "\(progress.text)")

    // Intake's outbox publishes the verified values; scoring has them within seconds.
    let score = try await eventuallyValue("Sragen scored") {
      let score = try await run(["score", "33.14"])
      return score.status == 64 + 5 ? nil : score
    }
    #expect(
      score.text.hasPrefix("33.14 Kabupaten Sragen: 81.21 participatory (partisipatif)"),
      "\(score.errors)"
    )
    let explained = try await run(["explain", "33.14"])
    #expect(explained.text.contains("From its verified values:"))
    #expect(
      explained.text.contains("PEM-1      pemungutan   74.4   74.40  0.0400    2.98"),
      "\(explained.text)"
    )
    #expect(try await run(["distribution"]).text.contains("1 regions scored"))
    #expect(
      try await run(["ranking", "--province", "33"]).text.contains("1  33.14   Kabupaten Sragen  81.21")
    )

    // A revoked token is refused at once.
    let listed = try await run(["tokens", "list", "--json"])
    let ids = try #require(
      (try JSONSerialization.jsonObject(with: listed.output) as? [String: Any])?["tokens"] as? [[String: Any]]
    )
    let operatorID = try #require(ids.first { $0["name"] as? String == "operator.sragen" }?["id"] as? String)
    #expect(try await run(["tokens", "revoke", operatorID, "--reason", "pindah tugas"]).status == 0)
    #expect(try await run(["values", "33.14"], token: sragen).status == 64 + 16)
  }
}
