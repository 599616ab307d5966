internal import ScoringAPI
internal import Logging
public import ServiceRuntime

/// `ipp-scoring`: the participation index computed and explained for any caller. Methodologies
/// are the compiled-in default plus every `*.json` in `<state>/methodologies`, validated at start:
/// a bad file stops the service with a message naming the problem.
public enum ScoringService {
  /// The definition `ipp-scoring`'s main runs.
  public static let definition = ServiceDefinition(
    name: "ipp-scoring", defaultRPCPort: 7402, defaultAdminPort: 9402,
    registerMigrations: { ScoreStore.registerMigrations(&$0) },
    registerMethods: { router, context in
      let library = try MethodologyLibrary(directory: "\(context.stateDirectory)/methodologies")
      context.logger.info(
        "methodologies loaded",
        metadata: [
          "ipp.versions": "\(library.scorers.keys.sorted())", "ipp.default": "\(library.defaultVersion)",
        ])
      ScoringMethods.register(in: &router, library: library)
      ElectionScoreMethods.register(
        in: &router, library: library, store: ScoreStore(storage: context.storage))
    })
}
