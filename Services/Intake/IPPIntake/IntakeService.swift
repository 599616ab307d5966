internal import IntakeAPI
public import ServiceRuntime

/// `ipp-intake`: how the service is defined to the shared runtime. Its own tables and methods arrive
/// with its feature issue; until then it serves `ipp.Health` and `ipp.Admin`.
public enum IntakeService {
  /// The definition `ipp-intake`'s main runs.
  public static let definition = ServiceDefinition(
    name: "ipp-intake",
    defaultRPCPort: Intake.defaultPort,
    defaultAdminPort: Intake.defaultAdminPort,
    registerMigrations: { _ in },
    registerMethods: { _, _ in }
  )
}
