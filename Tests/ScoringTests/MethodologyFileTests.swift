import Foundation
import IPPScoring
import ScoringAPI
import TestSupport
import Testing

/// Methodology files: the default loads, added versions load, and bad files stop the service at
/// start with a message naming the problem.
struct MethodologyFileTests {
  private let folder = try! TemporaryDirectory("ipp-methodologies")

  private func directory(with files: [String: String]) throws -> String {
    let directory = folder.appending(UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory.path
  }

  private func file(
    weights: (Double, Double) = (0.5, 0.5),
    indicatorWeights: (Double, Double) = (0.5, 0.5),
    second: String = "B-1",
    goalposts: (Double, Double) = (0, 10),
    thresholds: (Double, Double) = (60, 77.5)
  ) -> String {
    """
    {"version": "test-2", "description": "test", "aggregation": "arithmetic", "missingData": "reweight",
     "thresholds": {"engagementFrom": \(thresholds.0), "participatoryAbove": \(thresholds.1)},
     "dimensions": [
       {"code": "a", "name": "A", "weight": \(weights.0), "indicators": [
         {"code": "A-1", "name": "", "direction": "higher", "normalisation": {"kind": "minMax", "min": \(goalposts.0), "max": \(goalposts.1)}, "weight": \(indicatorWeights.0)},
         {"code": "A-2", "name": "", "direction": "lower", "normalisation": {"kind": "ratio"}, "weight": \(indicatorWeights.1)}]},
       {"code": "b", "name": "B", "weight": \(weights.1), "indicators": [
         {"code": "\(second)", "name": "", "direction": "higher", "normalisation": {"kind": "yesNo"}, "weight": 1}]}]}
    """
  }

  @Test func defaultAndAddedVersionsLoad() throws {
    let library = try MethodologyLibrary(directory: try directory(with: ["test-2.json": file()]))
    #expect(Set(library.scorers.keys) == ["pilkada-2024.default-1", "pilkada-2024.default-2", "test-2"])
    #expect(library.defaultVersion == "test-2")
    let builtIn = try MethodologyLibrary(directory: "/nonexistent")
    #expect(builtIn.defaultVersion == "pilkada-2024.default-2")
    #expect(try builtIn.scorer(nil).methodology.dimensions.count == 5)
    #expect(throws: UnknownMethodology.self) { try builtIn.scorer("nope") }
  }

  @Test(arguments: [
    ("weights", "the dimension weights add up to 0.9, not 1"),
    ("indicatorWeights", "the indicator weights of dimension a add up to 1.2, not 1"),
    ("duplicate", "indicator A-1 appears twice"),
    ("goalposts", "indicator A-1 has goalposts min 10.0 and max 10.0; min must be below max"),
    ("thresholds", "the thresholds are out of order: engagement from 80.0, participatory above 77.5"),
  ])
  func badFilesNameTheProblem(fault: String, problem: String) throws {
    let text =
      switch fault {
      case "weights": file(weights: (0.5, 0.4))
      case "indicatorWeights": file(indicatorWeights: (0.6, 0.6))
      case "duplicate": file(second: "A-1")
      case "goalposts": file(goalposts: (10, 10))
      default: file(thresholds: (80, 77.5))
      }
    let folder = try directory(with: ["bad.json": text])
    #expect(throws: MethodologyError(source: "\(folder)/bad.json", problem: problem)) {
      try MethodologyLibrary(directory: folder)
    }
  }

  @Test func unknownNormalisationAndBrokenJSONAreNamed() throws {
    let folder = try directory(with: ["bad.json": file().replacingOccurrences(of: "yesNo", with: "coinFlip")])
    let error = try #require(throws: MethodologyError.self) { try MethodologyLibrary(directory: folder) }
    #expect(error.problem.contains("unknown normalisation \"coinFlip\""))
    let broken = try directory(with: ["broken.json": "{"])
    #expect(throws: MethodologyError.self) { try MethodologyLibrary(directory: broken) }
  }

  @Test func sameVersionTwiceIsRefused() throws {
    let folder = try directory(with: ["one.json": file(), "two.json": file()])
    #expect(throws: MethodologyError(source: folder, problem: "version test-2 is defined twice")) {
      try MethodologyLibrary(directory: folder)
    }
  }
}
