/// `ipp.Notify`, served by `ipp-notify`: deadline reminders and alerts, by email and webhook, none lost and none sent twice. Its messages, method descriptors and typed client
/// arrive with the service's own issue; the namespace and ports are here first so that the
/// service, ippctl and other services read them from one place.
public enum Notify {
  /// The service's name on the wire: `ipp.Notify/<Method>`.
  public static let serviceName = "Notify"
  /// The RPC port when none is configured.
  public static let defaultPort = 7404
  /// The admin HTTP port (`/healthz`, `/readyz`, `/metrics`) when none is configured.
  public static let defaultAdminPort = 9404
}
