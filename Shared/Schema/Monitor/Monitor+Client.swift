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
  }
}
