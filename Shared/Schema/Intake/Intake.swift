public import RPCCore

/// `ipp.Intake`, served by `ipp-intake`: the indicator data kab/kota and provinces file before
/// the deadline, its verification, filling progress, accounts and the audit trail.
///
/// The regions and elections, each election's filling window ("pengisian IPP") shown to each
/// region in its own zone, extensions, the indicator catalogue, filing and verification,
/// progress, publishing to ipp-scoring, the audit trail, and the tokens every service accepts.
public enum Intake {
  /// The service's name on the wire: `ipp.Intake/<Method>`.
  public static let serviceName = "Intake"
  /// The RPC port when none is configured.
  public static let defaultPort = 7401
  /// The admin HTTP port (`/healthz`, `/readyz`, `/metrics`) when none is configured.
  public static let defaultAdminPort = 9401

  /// The method descriptors.
  public enum Method {
    /// The regions: every province and kab/kota, or those of one election or one province.
    public static let regions = RPCMethod<RegionsRequest, RegionsResponse>(
      service: serviceName,
      name: "Regions",
      isIdempotent: true
    )
    /// The elections, with how many regions take part and their filling windows.
    public static let elections = RPCMethod<ElectionsRequest, ElectionsResponse>(
      service: serviceName,
      name: "Elections",
      isIdempotent: true
    )
    /// Opens an election's filling window and sets its deadline (admin; audited).
    public static let setFillingWindow = RPCMethod<SetFillingWindowRequest, FillingWindow>(
      service: serviceName,
      name: "SetFillingWindow",
      isIdempotent: true
    )
    /// An election's filling window as one region sees it: open or not, the deadline in the
    /// zone KPU RI set it in and in the region's own, time left.
    public static let fillingWindow = RPCMethod<FillingWindowRequest, FillingWindow>(
      service: serviceName,
      name: "FillingWindow",
      isIdempotent: true
    )
    /// The indicators an election's regions file, with their checks and the rules across values.
    public static let catalogue = RPCMethod<CatalogueRequest, Catalogue>(
      service: serviceName,
      name: "Catalogue",
      isIdempotent: true
    )
    /// Saves some or all of a region's values as a draft; every change is a revision.
    public static let saveValues = RPCMethod<SaveValuesRequest, Submission>(
      service: serviceName,
      name: "SaveValues",
      isIdempotent: true
    )
    /// Submits a region's values to its province for verification.
    public static let submit = RPCMethod<TransitionRequest, Submission>(
      service: serviceName,
      name: "Submit",
      isIdempotent: true
    )
    /// Verifies a submitted region (its province's admin, or KPU RI): the values are locked.
    public static let verify = RPCMethod<TransitionRequest, Submission>(
      service: serviceName,
      name: "Verify",
      isIdempotent: true
    )
    /// Returns a submitted region to its operator with a comment on what to fix.
    public static let returnSubmission = RPCMethod<TransitionRequest, Submission>(
      service: serviceName,
      name: "Return",
      isIdempotent: true
    )
    /// Reopens a verified region for changes (KPU RI admin, with a reason).
    public static let reopen = RPCMethod<TransitionRequest, Submission>(
      service: serviceName,
      name: "Reopen",
      isIdempotent: true
    )
    /// A region's submission: state, values, what is missing, which rules are broken.
    public static let submission = RPCMethod<SubmissionRequest, Submission>(
      service: serviceName,
      name: "Submission",
      isIdempotent: true
    )
    /// Each region's filling progress: state, share of required values, last activity, time left.
    public static let progress = RPCMethod<ProgressRequest, ProgressResponse>(
      service: serviceName,
      name: "Progress",
      isIdempotent: true
    )
    /// A province's kab/kota by state, the late and the at-risk ones, and its own data.
    public static let provinceSummary = RPCMethod<ProvinceSummaryRequest, ProvinceSummaryResponse>(
      service: serviceName,
      name: "ProvinceSummary",
      isIdempotent: true
    )
    /// Regions that have not submitted while filling is open, least time left first.
    public static let atRisk = RPCMethod<AtRiskRequest, AtRiskResponse>(
      service: serviceName,
      name: "AtRisk",
      isIdempotent: true
    )
    /// Queues a verified region's values for ipp-scoring again (admin).
    public static let publish = RPCMethod<PublishRequest, PublishQueue>(
      service: serviceName,
      name: "Publish",
      isIdempotent: true
    )
    /// The publish outbox: waiting, sent, refused (admin, service).
    public static let publishQueue = RPCMethod<PublishQueueRequest, PublishQueue>(
      service: serviceName,
      name: "PublishQueue",
      isIdempotent: true
    )
    /// Lets one region file after the deadline until a given time (admin; audited).
    public static let grantExtension = RPCMethod<GrantExtensionRequest, FillingWindow>(
      service: serviceName,
      name: "GrantExtension",
      isIdempotent: true
    )
    /// Many regions' values from a CSV: a dry run reports every problem by row and column; a
    /// commit writes all of it in one transaction or nothing.
    public static let importCSV = RPCMethod<ImportCSVRequest, ImportReport>(
      service: serviceName,
      name: "ImportCSV",
      isIdempotent: true
    )
    /// An election's values, revisions or audit trail as CSV, streamed in pieces of whole rows.
    public static let exportCSV = RPCMethod<ExportCSVRequest, ExportCSVChunk>(
      service: serviceName,
      name: "ExportCSV",
      kind: .serverStreaming,
      isIdempotent: true
    )
    /// Issues a token for a person or a service (KPU RI; a province for its operators).
    public static let issueToken = RPCMethod<IssueTokenRequest, IssuedToken>(
      service: serviceName,
      name: "IssueToken",
      isIdempotent: true
    )
    /// The tokens the caller manages, with expiry and last use; never the tokens themselves.
    public static let listTokens = RPCMethod<ListTokensRequest, ListTokensResponse>(
      service: serviceName,
      name: "ListTokens",
      isIdempotent: true
    )
    /// Replaces a token with a new one for the same owner and revokes the old one.
    public static let rotateToken = RPCMethod<RotateTokenRequest, IssuedToken>(
      service: serviceName,
      name: "RotateToken",
      isIdempotent: true
    )
    /// Revokes a token (audited); every service refuses it within its refresh interval.
    public static let revokeToken = RPCMethod<RevokeTokenRequest, TokenRecord>(
      service: serviceName,
      name: "RevokeToken",
      isIdempotent: true
    )
    /// The revoked tokens, for the other services (service role), which report token use in turn.
    public static let tokenRevocations = RPCMethod<TokenRevocationsRequest, TokenRevocationsResponse>(
      service: serviceName,
      name: "TokenRevocations",
      isIdempotent: true
    )
    /// Every change that concerns a region of an election, with who, when and why.
    public static let auditTrail = RPCMethod<AuditTrailRequest, AuditTrailResponse>(
      service: serviceName,
      name: "AuditTrail",
      isIdempotent: true
    )
  }
}
