internal import MonitorAPI
public import ServiceRuntime

/// `ipp-monitor`: how the service is defined to the shared runtime. Its own tables and methods arrive
/// with its feature issue; until then it serves `ipp.Health` and `ipp.Admin`.
public enum MonitorService {
  /// The definition `ipp-monitor`'s main runs.
  public static let definition = ServiceDefinition(
    name: "ipp-monitor",
    defaultRPCPort: Monitor.defaultPort,
    defaultAdminPort: Monitor.defaultAdminPort,
    registerMigrations: { _ in },
    registerMethods: { _, _ in }
  )
}
