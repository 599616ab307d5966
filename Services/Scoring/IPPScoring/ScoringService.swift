internal import IPPSchema
internal import Logging
public import RPCCore
internal import ScoringAPI
public import ServiceRuntime

/// `ipp-scoring`'s handlers: one method per RPC of ``Scoring``, over the methodologies loaded at
/// start and the scores kept in the service's database. The calculation methods are in
/// `ScoringService+Calculation.swift`, the election-score methods in
/// `ScoringService+ElectionScores.swift`; ``register(in:)`` is the table of who may call what.
public struct ScoringService: Sendable {
  /// The methodologies, by version.
  public let library: MethodologyLibrary
  /// The published values and the scores kept from them.
  public let store: ScoreStore

  /// The service over `library` and `store`.
  public init(library: MethodologyLibrary, store: ScoreStore) {
    self.library = library
    self.store = store
  }

  /// Registers every method with who may call it and where it runs. Scoring one region takes
  /// microseconds and touches no storage, so the calculation methods run on the event loop; the
  /// rest read or write the database and run on the concurrent pool.
  public func register(in router: inout RPCRouter) {
    router.register(Scoring.Method.score, access: .authenticated, execution: .eventLoop, handler: score)
    router.register(Scoring.Method.explain, access: .authenticated, execution: .eventLoop, handler: explain)
    router.register(
      Scoring.Method.categorize,
      access: .authenticated,
      execution: .eventLoop,
      handler: categorize
    )
    router.register(
      Scoring.Method.methodologies,
      access: .authenticated,
      execution: .eventLoop,
      handler: methodologies
    )
    router.register(Scoring.Method.publish, access: .roles([.service, .admin]), handler: publish)
    router.register(Scoring.Method.regionScore, access: .authenticated, handler: regionScore)
    router.register(Scoring.Method.provinceScores, access: .authenticated, handler: provinceScores)
    router.register(Scoring.Method.distribution, access: .authenticated, handler: distribution)
    router.register(Scoring.Method.ranking, access: .authenticated, handler: ranking)
    router.register(Scoring.Method.history, access: .authenticated, handler: history)
    router.register(Scoring.Method.recompute, access: .roles([.admin]), handler: recompute)
    router.register(Scoring.Method.sensitivity, access: .authenticated, handler: sensitivity)
  }

  /// The definition `ipp-scoring`'s main runs. Methodologies are the compiled-in default plus
  /// every `*.json` in `<state>/methodologies`, validated at start: a bad file stops the service
  /// with a message naming the problem.
  public static let definition = ServiceDefinition(
    name: "ipp-scoring",
    defaultRPCPort: Scoring.defaultPort,
    defaultAdminPort: Scoring.defaultAdminPort,
    registerMigrations: { ScoreStore.registerMigrations(&$0) },
    registerMethods: { router, context in
      let library = try MethodologyLibrary(directory: "\(context.stateDirectory)/methodologies")
      context.logger.info(
        "methodologies loaded",
        metadata: [
          "ipp.versions": "\(library.scorers.keys.sorted())", "ipp.default": "\(library.defaultVersion)",
        ]
      )
      ScoringService(library: library, store: ScoreStore(storage: context.storage)).register(in: &router)
    }
  )
}
