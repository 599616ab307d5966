public import RPCCore

extension Intake {
  /// A typed client of `ipp.Intake`: one function per method, over any ``RPCCaller``.
  public struct Client<Caller: RPCCaller>: Sendable {
    /// What makes the calls.
    public let caller: Caller

    public init(_ caller: Caller) {
      self.caller = caller
    }

    /// The regions, of one election or province if given.
    public func regions(
      _ request: RegionsRequest = RegionsRequest(),
      options: CallOptions = CallOptions()
    )
      async throws -> RegionsResponse
    {
      try await caller.unary(Method.regions, request, options: options)
    }

    /// Every election, with its window.
    public func elections(options: CallOptions = CallOptions()) async throws -> ElectionsResponse {
      try await caller.unary(Method.elections, ElectionsRequest(), options: options)
    }

    /// Sets an election's filling window.
    public func setFillingWindow(
      _ request: SetFillingWindowRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> FillingWindow
    {
      try await caller.unary(Method.setFillingWindow, request, options: options)
    }

    /// An election's filling window as a region sees it.
    public func fillingWindow(
      _ request: FillingWindowRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> FillingWindow
    {
      try await caller.unary(Method.fillingWindow, request, options: options)
    }

    /// An election's indicator catalogue.
    public func catalogue(
      _ request: CatalogueRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> Catalogue
    {
      try await caller.unary(Method.catalogue, request, options: options)
    }

    /// Saves values as a draft.
    public func saveValues(
      _ request: SaveValuesRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> Submission
    {
      try await caller.unary(Method.saveValues, request, options: options)
    }

    /// Submits a region's values.
    public func submit(
      _ request: TransitionRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> Submission
    {
      try await caller.unary(Method.submit, request, options: options)
    }

    /// Verifies a submitted region.
    public func verify(
      _ request: TransitionRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> Submission
    {
      try await caller.unary(Method.verify, request, options: options)
    }

    /// Returns a submitted region with a comment.
    public func returnSubmission(
      _ request: TransitionRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> Submission
    {
      try await caller.unary(Method.returnSubmission, request, options: options)
    }

    /// Reopens a verified region.
    public func reopen(
      _ request: TransitionRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> Submission
    {
      try await caller.unary(Method.reopen, request, options: options)
    }

    /// A region's submission.
    public func submission(
      _ request: SubmissionRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> Submission
    {
      try await caller.unary(Method.submission, request, options: options)
    }

    /// Each region's filling progress.
    public func progress(
      _ request: ProgressRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> ProgressResponse
    {
      try await caller.unary(Method.progress, request, options: options)
    }

    /// A province's summary for the coordination meeting.
    public func provinceSummary(
      _ request: ProvinceSummaryRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> ProvinceSummaryResponse
    {
      try await caller.unary(Method.provinceSummary, request, options: options)
    }

    /// Regions that have not submitted while filling is open.
    public func atRisk(
      _ request: AtRiskRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> AtRiskResponse
    {
      try await caller.unary(Method.atRisk, request, options: options)
    }

    /// Queues a verified region for ipp-scoring again.
    public func publish(
      _ request: PublishRequest,
      options: CallOptions = CallOptions()
    ) async throws
      -> PublishQueue
    {
      try await caller.unary(Method.publish, request, options: options)
    }

    /// The publish outbox.
    public func publishQueue(options: CallOptions = CallOptions()) async throws -> PublishQueue {
      try await caller.unary(Method.publishQueue, PublishQueueRequest(), options: options)
    }

    /// Lets one region file after the deadline.
    public func grantExtension(
      _ request: GrantExtensionRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> FillingWindow
    {
      try await caller.unary(Method.grantExtension, request, options: options)
    }

    /// A region's audit trail.
    public func auditTrail(
      _ request: AuditTrailRequest,
      options: CallOptions = CallOptions()
    )
      async throws -> AuditTrailResponse
    {
      try await caller.unary(Method.auditTrail, request, options: options)
    }

    /// Imports values from a CSV, or checks them (`dryRun`).
    public func importCSV(
      _ request: ImportCSVRequest,
      options: CallOptions = CallOptions()
    ) async throws -> ImportReport {
      try await caller.unary(Method.importCSV, request, options: options)
    }

    /// Exports values, revisions or the audit trail as CSV, handing each piece to `body` in order.
    public func exportCSV(
      _ request: ExportCSVRequest,
      options: CallOptions = CallOptions(),
      body: (ExportCSVChunk) async throws -> Void
    ) async throws {
      try await caller.serverStreaming(Method.exportCSV, request, options: options, body: body)
    }

    /// The whole export of `request`: its CSV text and its rows.
    public func exportCSV(
      _ request: ExportCSVRequest,
      options: CallOptions = CallOptions()
    ) async throws -> (csv: String, rows: Int) {
      var whole = (csv: "", rows: 0)
      try await exportCSV(request, options: options) { chunk in
        whole.csv += chunk.csv
        whole.rows += chunk.rows
      }
      return whole
    }

    /// Issues a token.
    public func issueToken(
      _ request: IssueTokenRequest,
      options: CallOptions = CallOptions()
    ) async throws -> IssuedToken {
      try await caller.unary(Method.issueToken, request, options: options)
    }

    /// The tokens the caller manages.
    public func listTokens(
      _ request: ListTokensRequest = ListTokensRequest(),
      options: CallOptions = CallOptions()
    ) async throws -> ListTokensResponse {
      try await caller.unary(Method.listTokens, request, options: options)
    }

    /// Replaces a token.
    public func rotateToken(
      _ request: RotateTokenRequest,
      options: CallOptions = CallOptions()
    ) async throws -> IssuedToken {
      try await caller.unary(Method.rotateToken, request, options: options)
    }

    /// Revokes a token.
    public func revokeToken(
      _ request: RevokeTokenRequest,
      options: CallOptions = CallOptions()
    ) async throws -> TokenRecord {
      try await caller.unary(Method.revokeToken, request, options: options)
    }

    /// The revoked tokens, reporting token use.
    public func tokenRevocations(
      _ request: TokenRevocationsRequest,
      options: CallOptions = CallOptions()
    ) async throws -> TokenRevocationsResponse {
      try await caller.unary(Method.tokenRevocations, request, options: options)
    }
  }
}
