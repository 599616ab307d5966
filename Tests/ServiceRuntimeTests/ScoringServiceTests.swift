import Foundation
import IPPSchema
import RPC
import RPCCore
import TestSupport
import ServiceTestSupport
import Testing

/// The real ipp-scoring executable, called by the Python example of docs/scoring-api.md.
struct ScoringServiceTests {
  @Test func pythonExampleScoresAgainstTheRealService() async throws {
    let (service, rpcPort, tokenFile) = try await ServiceProcess.ready("ipp-scoring")
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../docs/examples/scoring_client.py").standardizedFileURL

    let run = try await Program.run(["python3", example.path, String(rpcPort), tokenFile.path])
    try #require(run.status == 0, "the example failed: \(run.errors)")
    let output = run.text
    let result = try CBORValueJSON.parse(output)
    // Hand computed: registrasi 86, pencalonan 63.3333, kampanye 77.5, sosialisasi 77, pemungutan 74.
    #expect(result["total"] as? Double == 75.57)
    #expect(result["category"] as? String == "engagement")
    #expect(result["version"] as? String == "pilkada-2024.default-1")
    #expect(
      result["dimensions"] as? [String: Double] == [
        "registrasi": 86, "pencalonan": 63.3333, "kampanye": 77.5, "sosialisasi": 77, "pemungutan": 74,
      ]
    )
    #expect(result["explained_missing"] as? [String] == ["PEM-3"])
    #expect(result["explained_pem3_weight"] as? Double == 0)
    #expect(
      result["categorize_77_5"] as? [String: String] == ["category": "engagement", "name": "keterikatan"]
    )
    #expect(
      result["refused"] as? [String] == [
        "INVALID_ARGUMENT", "unknown indicator NOPE in methodology pilkada-2024.default-2",
      ]
    )
    service.signal(SIGTERM)
    #expect(await service.waitForExit() == 0)
  }

  @Test func badMethodologyFileStopsTheServiceAtStart() async throws {
    let service = try ServiceProcess("ipp-scoring")
    let folder = service.directory.appendingPathComponent("state/methodologies")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try
      #"{"version": "x", "description": "", "aggregation": "arithmetic", "missingData": "reweight", "thresholds": {"engagementFrom": 60, "participatoryAbove": 77.5}, "dimensions": [{"code": "a", "name": "A", "weight": 0.7, "indicators": [{"code": "A-1", "name": "", "direction": "higher", "normalisation": {"kind": "ratio"}, "weight": 1}]}]}"#
      .write(to: folder.appendingPathComponent("x.json"), atomically: true, encoding: .utf8)
    try service.start()
    #expect(await service.waitForExit() == 1)
    #expect(service.errorOutput.contains("x.json: the dimension weights add up to 0.7, not 1"))
  }
}

/// JSON from a test peer, as Foundation objects.
enum CBORValueJSON {
  static func parse(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }
}
