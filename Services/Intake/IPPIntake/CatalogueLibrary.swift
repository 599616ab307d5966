internal import Foundation
public import IntakeAPI
internal import RPCCore

/// The indicator catalogues intake knows, by version: compiled in from `Catalogues/`, each
/// checked when the service starts (a bad catalogue stops it with the problem named).
///
/// `pilkada-2024.catalogue-1` is this project's example, not KPU's form: 30 indicators in KPU's
/// five published dimensions, exactly the ones ipp-scoring's default methodology
/// `pilkada-2024.default-2` scores (a test checks that both name the same indicators with
/// compatible types and ranges).
public struct CatalogueLibrary: Sendable {
  /// By version.
  public let catalogues: [String: Intake.Catalogue]

  /// The compiled-in catalogues, checked.
  public init() throws(CatalogueError) {
    var catalogues: [String: Intake.Catalogue] = [:]
    for (name, json) in [("pilkada-2024.catalogue-1.json", PackageResources.pilkada_2024_catalogue_1_json)] {
      let catalogue: Intake.Catalogue
      do {
        catalogue = try JSONDecoder().decode(Intake.Catalogue.self, from: Data(json))
      } catch let error as DecodingError {
        throw CatalogueError(source: name, problem: "not a catalogue: \(error.summary)")
      } catch {
        throw CatalogueError(source: name, problem: "not a catalogue: \(error)")
      }
      try Self.check(catalogue, source: name)
      catalogues[catalogue.version] = catalogue
    }
    self.catalogues = catalogues
  }

  /// Checks that codes are unique and belong to a listed dimension, that each range fits its
  /// type, and that each rule relates known indicators in the number its kind reads.
  package static func check(_ catalogue: Intake.Catalogue, source: String) throws(CatalogueError) {
    func fail(_ problem: String) -> CatalogueError { CatalogueError(source: source, problem: problem) }
    let dimensions = Set(catalogue.dimensions.map(\.code))
    var codes: Set<String> = []
    for indicator in catalogue.indicators {
      guard codes.insert(indicator.code).inserted else {
        throw fail("indicator \(indicator.code) is listed twice")
      }
      guard dimensions.contains(indicator.dimension) else {
        throw fail("indicator \(indicator.code) is in dimension \(indicator.dimension), which is not listed")
      }
      let fits: Bool =
        switch indicator.type {
        case .count: indicator.minimum >= 0 && indicator.minimum.rounded() == indicator.minimum
        case .percent: indicator.minimum >= 0 && indicator.maximum <= 100
        case .ratio: indicator.minimum >= 0
        case .yesNo: indicator.minimum == 0 && indicator.maximum == 1
        case .scale1to5: indicator.minimum == 1 && indicator.maximum == 5
        }
      guard indicator.minimum < indicator.maximum, fits else {
        throw fail(
          "indicator \(indicator.code): the range \(indicator.minimum)-\(indicator.maximum) does not fit a \(indicator.type)"
        )
      }
    }
    for rule in catalogue.rules {
      let arity = rule.kind == .between ? 3 : 2
      guard rule.indicators.count == arity else {
        throw fail(
          "rule \(rule.code) (\(rule.kind)) relates \(arity) indicators, not \(rule.indicators.count)"
        )
      }
      if let unknown = rule.indicators.first(where: { !codes.contains($0) }) {
        throw fail("rule \(rule.code) names indicator \(unknown), which is not in the catalogue")
      }
    }
  }
}
