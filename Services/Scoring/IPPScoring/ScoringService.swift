public import ServiceRuntime

/// `ipp-scoring`: how the service is defined to the shared runtime. Its own tables and methods arrive
/// with its feature issue; until then it serves `ipp.Health` and `ipp.Admin`.
public enum ScoringService {
  /// The definition `ipp-scoring`'s main runs.
  public static let definition = ServiceDefinition(
    name: "ipp-scoring", defaultRPCPort: 7402, defaultAdminPort: 9402,
    registerMigrations: { _ in },
    registerMethods: { _, _ in })
}
