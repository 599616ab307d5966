public import RPCCore

/// `ipp.Monitor`, served by `ipp-monitor`: whether the 553 KPU websites are up and kept current.
///
/// One site per office (KPU RI, 38 provinces, 514 kab/kota), checked on a schedule for being up
/// (with Gatus's thresholds against flapping) and for the date of its newest post.
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
  }
}
