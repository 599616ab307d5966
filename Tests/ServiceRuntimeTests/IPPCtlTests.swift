import Foundation
import TestSupport
import ServiceTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real ippctl against the real ipp-scoring: JSON in and out, backups, and exit statuses.
struct IPPCtlTests {
  private let ippctl = ServiceProcess.binDirectory.appendingPathComponent("ippctl").path

  @Test func callsMethodsMakesBackupsAndExitsWithTheStatus() async throws {
    let (service, rpcPort, tokenFile) = try await ServiceProcess.ready("ipp-scoring")
    let target = ["--target", "127.0.0.1:\(rpcPort)"]
    let withToken = target + ["--token-file", tokenFile.path]

    let health = try await Program.run([ippctl, "health", "--compact"] + target)
    #expect(health.status == 0, "\(health.errors)")
    #expect(health.text == #"{"status":"SERVING"}"#)

    let categorize = try await Program.run(
      [ippctl, "call", "--compact"] + withToken + ["ipp.Scoring/Categorize", #"{"score": 77.5}"#]
    )
    #expect(categorize.text == #"{"category":"engagement","name":"keterikatan"}"#)

    // The request from standard input, the token from $IPP_TOKEN_FILE.
    let fromInput = try await Program.run(
      [ippctl, "call", "--compact"] + target + ["ipp.Scoring/Categorize", "-"],
      input: Array(#"{"score": 80}"#.utf8),
      environment: ["IPP_TOKEN_FILE": tokenFile.path]
    )
    #expect(fromInput.text == #"{"category":"participatory","name":"partisipatif"}"#)

    let backup = try await Program.run([ippctl, "backup", "--compact"] + withToken)
    #expect(backup.status == 0, "\(backup.errors)")
    let backupPath =
      try #require(
        try JSONSerialization.jsonObject(with: backup.output) as? [String: Any]
      )["path"] as? String
    #expect(FileManager.default.fileExists(atPath: try #require(backupPath)))
    let backups = try await Program.run([ippctl, "backups", "--compact"] + withToken)
    #expect(backups.text.contains(try #require(backupPath)))

    // Failures: 64 + the gRPC status, and one line naming it.
    let unknown = try await Program.run([ippctl, "call"] + withToken + ["ipp.Scoring/Nope"])
    #expect(unknown.status == 64 + 12)
    #expect(unknown.errors == "ippctl: UNIMPLEMENTED: Method not found: /ipp.Scoring/Nope\n")
    let outOfRange = try await Program.run(
      [ippctl, "call"] + withToken + ["ipp.Scoring/Categorize", #"{"score": 777}"#]
    )
    #expect(outOfRange.status == 64 + 3)
    #expect(outOfRange.errors == "ippctl: INVALID_ARGUMENT: A score is between 0 and 100, not 777.0\n")
    let noToken = try await Program.run(
      [ippctl, "call"] + target + ["ipp.Scoring/Categorize", #"{"score": 1}"#],
      environment: ["IPP_TOKEN_FILE": "/nonexistent/token"]
    )
    #expect(noToken.status == 64)
    #expect(noToken.errors.contains("Cannot read the token file /nonexistent/token"))
    let notJSON = try await Program.run([ippctl, "call"] + withToken + ["ipp.Scoring/Categorize", "{score"])
    #expect(notJSON.status == 64)
    #expect(notJSON.errors.contains("The request is not JSON"))

    service.signal(SIGTERM)
    #expect(await service.waitForExit() == 0)
  }
}
