internal import ScoringAPI
internal import Foundation
internal import RPCCore

/// The methodology versions the scoring service knows: the compiled-in ones
/// (``BuiltInMethodologies``) and every `*.json` file in its methodology directory, each
/// validated at start.
public struct MethodologyLibrary: Sendable {
  /// By version.
  public let scorers: [String: Scorer]
  /// The version used when a caller names none: the newest file's if any, else the last
  /// compiled-in one.
  public let defaultVersion: String

  /// Loads the default and the files in `directory` (which need not exist).
  public init(directory: String) throws(MethodologyError) {
    var methodologies: [Methodology] = []
    for builtIn in BuiltInMethodologies.all {
      methodologies.append(try Self.decode(Data(builtIn.json), source: "(built-in \(builtIn.name))"))
    }
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasSuffix(".json") }.sorted()
    for file in files {
      let path = "\(directory)/\(file)"
      guard let data = FileManager.default.contents(atPath: path) else {
        throw MethodologyError(source: path, problem: "the file cannot be read")
      }
      methodologies.append(try Self.decode(data, source: path))
    }
    var scorers: [String: Scorer] = [:]
    for methodology in methodologies {
      guard scorers[methodology.version] == nil else {
        throw MethodologyError(source: directory, problem: "version \(methodology.version) is defined twice")
      }
      scorers[methodology.version] = Scorer(methodology: methodology)
    }
    self.scorers = scorers
    defaultVersion = methodologies.last!.version
  }

  /// The scorer for `version`, or for the default version when nil.
  public func scorer(_ version: String?) throws(UnknownMethodology) -> Scorer {
    guard let scorer = scorers[version ?? defaultVersion] else {
      throw UnknownMethodology(version: version ?? defaultVersion, known: scorers.keys.sorted())
    }
    return scorer
  }

  private static func decode(_ data: Data, source: String) throws(MethodologyError) -> Methodology {
    let methodology: Methodology
    do {
      methodology = try JSONDecoder().decode(Methodology.self, from: data)
    } catch let error as DecodingError {
      throw MethodologyError(source: source, problem: "not a methodology: \(error.summary)")
    } catch {
      throw MethodologyError(source: source, problem: "not a methodology: \(error)")
    }
    try methodology.validate(source: source)
    return methodology
  }
}
