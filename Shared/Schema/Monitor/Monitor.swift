public import RPCCore

/// `ipp.Monitor`, served by `ipp-monitor`: whether the 553 KPU websites are up and kept current.
///
/// One site per office (KPU RI, 38 provinces, 514 kab/kota), checked on a schedule for being up
/// (with Gatus's thresholds against flapping), for its posts (activity, staleness) and its
/// certificate, with history, maintenance windows, and alerts sent to ipp-notify.
public enum Monitor {
  /// The service's name on the wire: `ipp.Monitor/<Method>`.
  public static let serviceName = "Monitor"
  /// The RPC port when none is configured.
  public static let defaultPort = 7403
  /// The admin HTTP port (`/healthz`, `/readyz`, `/metrics`) when none is configured.
  public static let defaultAdminPort = 9403

  /// The method descriptors.
  public enum Method {
    /// One site with its state, last check and activity.
    public static let site = RPCMethod<SiteRequest, Site>(
      service: serviceName,
      name: "Site",
      isIdempotent: true
    )
    /// The sites of a province (or all in the caller's scope), narrowed by state.
    public static let sites = RPCMethod<SitesRequest, SitesResponse>(
      service: serviceName,
      name: "Sites",
      isIdempotent: true
    )
    /// Checks a site now and answers what was found (admins, and province admins within their
    /// province).
    public static let checkNow = RPCMethod<SiteRequest, Site>(
      service: serviceName,
      name: "CheckNow",
      isIdempotent: true
    )
    /// Corrects a site's address or sets the pages watched for posts besides its news listing.
    public static let updateSite = RPCMethod<UpdateSiteRequest, Site>(
      service: serviceName,
      name: "UpdateSite",
      isIdempotent: true
    )
    /// A province's coordination-meeting report: each site's state, posts and uptime.
    public static let provinceActivity = RPCMethod<ProvinceActivityRequest, ProvinceActivityResponse>(
      service: serviceName,
      name: "ProvinceActivity",
      isIdempotent: true
    )
    /// A site's checks, one by one or rolled up by hour or day.
    public static let history = RPCMethod<HistoryRequest, HistoryResponse>(
      service: serviceName,
      name: "History",
      isIdempotent: true
    )
    /// Sets a maintenance window (admins, and province admins within their province).
    public static let maintenance = RPCMethod<MaintenanceRequest, MaintenanceWindow>(
      service: serviceName,
      name: "Maintenance",
      isIdempotent: false
    )
    /// The maintenance windows in scope.
    public static let maintenanceWindows = RPCMethod<MaintenanceWindowsRequest, MaintenanceWindowsResponse>(
      service: serviceName,
      name: "MaintenanceWindows",
      isIdempotent: true
    )
    /// Ends a maintenance window now.
    public static let endMaintenance = RPCMethod<EndMaintenanceRequest, MaintenanceWindow>(
      service: serviceName,
      name: "EndMaintenance",
      isIdempotent: true
    )
  }
}
