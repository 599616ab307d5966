internal import NotifyAPI
public import ServiceRuntime

/// `ipp-notify`: how the service is defined to the shared runtime. Its own tables and methods arrive
/// with its feature issue; until then it serves `ipp.Health` and `ipp.Admin`.
public enum NotifyService {
  /// The definition `ipp-notify`'s main runs.
  public static let definition = ServiceDefinition(
    name: "ipp-notify",
    defaultRPCPort: Notify.defaultPort,
    defaultAdminPort: Notify.defaultAdminPort,
    registerMigrations: { _ in },
    registerMethods: { _, _ in }
  )
}
