/// `ipp.Intake`, served by `ipp-intake`: the indicator data kab/kota and provinces file before the deadline, its verification, filling progress, accounts and the audit trail. Its messages, method descriptors and typed client
/// arrive with the service's own issue; the namespace and ports are here first so that the
/// service, ippctl and other services read them from one place.
public enum Intake {
  /// The service's name on the wire: `ipp.Intake/<Method>`.
  public static let serviceName = "Intake"
  /// The RPC port when none is configured.
  public static let defaultPort = 7401
  /// The admin HTTP port (`/healthz`, `/readyz`, `/metrics`) when none is configured.
  public static let defaultAdminPort = 9401
}
