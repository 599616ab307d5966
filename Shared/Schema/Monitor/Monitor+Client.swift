public import RPCCore

extension Monitor {
  /// A typed client of `ipp.Monitor`: one function per method, over any ``RPCCaller``.
  public struct Client<Caller: RPCCaller>: Sendable {
    /// What makes the calls.
    public let caller: Caller

    public init(_ caller: Caller) {
      self.caller = caller
    }

    /// One site.
    public func site(_ request: SiteRequest, options: CallOptions = CallOptions()) async throws -> Site {
      try await caller.unary(Method.site, request, options: options)
    }

    /// Sites in scope, narrowed.
    public func sites(
      _ request: SitesRequest,
      options: CallOptions = CallOptions()
    ) async throws -> SitesResponse {
      try await caller.unary(Method.sites, request, options: options)
    }

    /// Checks a site now.
    public func checkNow(_ request: SiteRequest, options: CallOptions = CallOptions()) async throws -> Site {
      try await caller.unary(Method.checkNow, request, options: options)
    }

    /// Corrects a site's address or pages.
    public func updateSite(
      _ request: UpdateSiteRequest,
      options: CallOptions = CallOptions()
    ) async throws -> Site {
      try await caller.unary(Method.updateSite, request, options: options)
    }

    /// A province's coordination-meeting report.
    public func provinceActivity(
      _ request: ProvinceActivityRequest,
      options: CallOptions = CallOptions()
    ) async throws -> ProvinceActivityResponse {
      try await caller.unary(Method.provinceActivity, request, options: options)
    }

    /// A site's checks over time.
    public func history(
      _ request: HistoryRequest,
      options: CallOptions = CallOptions()
    ) async throws -> HistoryResponse {
      try await caller.unary(Method.history, request, options: options)
    }

    /// Sets a maintenance window.
    public func maintenance(
      _ request: MaintenanceRequest,
      options: CallOptions = CallOptions()
    ) async throws -> MaintenanceWindow {
      try await caller.unary(Method.maintenance, request, options: options)
    }

    /// The maintenance windows in scope.
    public func maintenanceWindows(
      _ request: MaintenanceWindowsRequest,
      options: CallOptions = CallOptions()
    ) async throws -> MaintenanceWindowsResponse {
      try await caller.unary(Method.maintenanceWindows, request, options: options)
    }

    /// Ends a maintenance window now.
    public func endMaintenance(
      _ request: EndMaintenanceRequest,
      options: CallOptions = CallOptions()
    ) async throws -> MaintenanceWindow {
      try await caller.unary(Method.endMaintenance, request, options: options)
    }
  }
}
