import Foundation
import TestSupport
import ServiceTestSupport
import Testing

/// The real ipp-intake executable, called by the Python example of docs/intake-api.md.
struct IntakeServiceTests {
  @Test func pythonExampleSetsAWindowAndReadsItInMakassar() async throws {
    let (service, rpcPort, tokenFile) = try await ServiceProcess.ready("ipp-intake")
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../docs/examples/intake_client.py").standardizedFileURL

    let run = try await Program.run(["python3", example.path, String(rpcPort), tokenFile.path])
    try #require(run.status == 0, "the example failed: \(run.errors)")
    let result = try CBORValueJSON.parse(run.text)
    #expect(
      result["elections"] as? [String: [Int]] == ["pilkada-2024": [37, 508], "pemilu-2024": [38, 514]]
    )
    #expect(result["closes"] as? String == "2026-12-15 23:59 WIB")
    #expect(result["makassar_closes"] as? String == "2026-12-16 00:59 WITA")
    #expect(result["jateng_regions"] as? Int == 36)
    #expect(result["sragen"] as? String == "Kabupaten Sragen")
    #expect(
      result["refused"] as? [String] == [
        "INVALID_ARGUMENT",
        "The request is not a valid FillingWindowRequest: region: 33.99 is not on the official list of region codes",
      ]
    )
    #expect(result["import_check"] as? String == "2 changes, separator ;, decimal mark ,, committed False")
    #expect(result["imported"] as? String == "2 changes, committed True")
    #expect(result["exported"] as? [String] == ["33.14", "Kabupaten Sragen", "CAL-1", "3"])
    #expect(result["after_revoke"] as? String == "UNAUTHENTICATED")
    service.signal(SIGTERM)
    #expect(await service.waitForExit() == 0)
  }
}
