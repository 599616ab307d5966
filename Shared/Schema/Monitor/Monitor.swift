/// `ipp.Monitor`, served by `ipp-monitor`: whether the 553 KPU websites are up and kept current. Its messages, method descriptors and typed client
/// arrive with the service's own issue; the namespace and ports are here first so that the
/// service, ippctl and other services read them from one place.
public enum Monitor {
  /// The service's name on the wire: `ipp.Monitor/<Method>`.
  public static let serviceName = "Monitor"
  /// The RPC port when none is configured.
  public static let defaultPort = 7403
  /// The admin HTTP port (`/healthz`, `/readyz`, `/metrics`) when none is configured.
  public static let defaultAdminPort = 9403
}
