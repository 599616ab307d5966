internal import CBOR
internal import Foundation
internal import GRDB
public import IntakeAPI
internal import IPPSchema
internal import Logging
public import RPCCore
internal import ServiceRuntime

/// Filing: operators save values and submit; the province verifies or returns; KPU RI reopens.
/// Every write names a request id and is done once: a retry returns the first answer.
extension IntakeService {
  /// `SaveValues`: some or all of a region's values as a draft; every change is a revision.
  public func saveValues(_ request: Intake.SaveValuesRequest, context: RPCContext) throws -> Intake.Submission
  {
    let filer = try requireFiler(context, request.region)
    let (election, catalogue) = try filing(request.election, request.region)
    try requireOpenWindow(election, request.region)
    guard request.values.count <= catalogue.indicators.count else {
      throw RPCError(
        code: .invalidArgument,
        message:
          "\(request.values.count) values, but catalogue \(catalogue.version) has \(catalogue.indicators.count) indicators"
      )
    }
    let problems = FiledValueCheck.problems(request.values, in: catalogue)
    guard problems.isEmpty else {
      throw RPCError(code: .invalidArgument, message: problems.joined(separator: "; "))
    }
    return try once(request, method: "SaveValues", requestID: request.requestID, principal: filer) {
      db,
      now in
      try saveDraft(
        db,
        request.election,
        request.region,
        request.values,
        catalogue: catalogue,
        by: filer,
        at: now,
        requestID: request.requestID
      )
      return try submission(db, request.election, request.region, catalogue)
    }
  }

  /// Writes checked `values` into `region`'s draft (a returned submission stays returned), each
  /// change a revision; FAILED_PRECONDITION once submitted or verified. Returns how many values
  /// changed.
  @discardableResult
  func saveDraft(
    _ db: Database,
    _ election: ElectionID,
    _ region: RegionCode,
    _ values: [Intake.FiledValue],
    catalogue: Intake.Catalogue,
    by filer: String,
    at now: Date,
    requestID: String
  ) throws -> Int {
    let record = try IntakeStore.submission(db, election, region)
    let state = record?.state ?? .notStarted
    switch state {
    case .notStarted, .draft, .returned: break
    case .submitted:
      throw RPCError(
        code: .failedPrecondition,
        message: "\(region) has submitted its values: ask the province to return them before changing any"
      )
    case .verified:
      throw RPCError(
        code: .failedPrecondition,
        message: "\(region)'s values are verified and locked; a KPU RI admin may reopen them"
      )
    }
    let current = try IntakeStore.values(db, election, region)
    var changed = 0
    for filed in values {
      let wrote = try IntakeStore.write(
        db,
        election,
        region,
        filed,
        previous: current[filed.indicator],
        by: filer,
        at: now,
        requestID: requestID
      )
      if wrote { changed += 1 }
    }
    try IntakeStore.setSubmission(
      db,
      election,
      region,
      state: state == .returned ? .returned : .draft,
      catalogue: catalogue.version,
      lastComment: record?.lastComment,
      by: filer,
      at: now
    )
    return changed
  }

  /// `Submit`: sends a draft (or a returned submission) to the province, once every required
  /// value is present or has a reason and no rule across values is broken.
  public func submit(_ request: Intake.TransitionRequest, context: RPCContext) throws -> Intake.Submission {
    let filer = try requireFiler(context, request.region)
    let (election, catalogue) = try filing(request.election, request.region)
    try requireOpenWindow(election, request.region)
    return try once(request, method: "Submit", requestID: request.requestID, principal: filer) { db, now in
      let current = try submission(db, request.election, request.region, catalogue)
      guard current.state == .draft || current.state == .returned else {
        throw RPCError(
          code: .failedPrecondition,
          message:
            "\(request.region) cannot submit from \(current.state): only a draft or a returned submission can be submitted"
        )
      }
      guard current.missingRequired.isEmpty else {
        throw RPCError(
          code: .failedPrecondition,
          message: "Fill in or give a reason for: \(current.missingRequired.joined(separator: ", "))"
        )
      }
      guard current.ruleViolations.isEmpty else {
        throw RPCError(code: .failedPrecondition, message: current.ruleViolations.joined(separator: "; "))
      }
      return try transition(
        db,
        request,
        catalogue,
        to: .submitted,
        comment: request.comment,
        by: filer,
        at: now
      )
    }
  }

  /// `Verify`: the province (or KPU RI) accepts a submitted region; its values are locked.
  public func verify(_ request: Intake.TransitionRequest, context: RPCContext) throws -> Intake.Submission {
    let verifier = try requireVerifier(context, request.region)
    let catalogue = try filing(request.election, request.region).catalogue
    return try once(request, method: "Verify", requestID: request.requestID, principal: verifier) { db, now in
      try requireState(db, request, is: .submitted, toDo: "verify")
      // Published to scoring from the outbox, which commits with the verification or not at all.
      try IntakeStore.enqueuePublication(db, request.election, request.region, at: now)
      return try transition(
        db,
        request,
        catalogue,
        to: .verified,
        comment: request.comment,
        by: verifier,
        at: now
      )
    }
  }

  /// `Return`: the province sends a submitted region back with what to fix.
  public func returnSubmission(
    _ request: Intake.TransitionRequest,
    context: RPCContext
  ) throws
    -> Intake.Submission
  {
    let verifier = try requireVerifier(context, request.region)
    let catalogue = try filing(request.election, request.region).catalogue
    let comment = try Self.reason(request.comment ?? "")
    return try once(request, method: "Return", requestID: request.requestID, principal: verifier) { db, now in
      try requireState(db, request, is: .submitted, toDo: "return")
      return try transition(db, request, catalogue, to: .returned, comment: comment, by: verifier, at: now)
    }
  }

  /// `Reopen`: a KPU RI admin opens a verified region for changes again, saying why.
  public func reopen(_ request: Intake.TransitionRequest, context: RPCContext) throws -> Intake.Submission {
    let admin = context.principal?.name ?? "unknown"
    let catalogue = try filing(request.election, request.region).catalogue
    let reason = try Self.reason(request.comment ?? "")
    return try once(request, method: "Reopen", requestID: request.requestID, principal: admin) { db, now in
      try requireState(db, request, is: .verified, toDo: "reopen")
      return try transition(db, request, catalogue, to: .draft, comment: reason, by: admin, at: now)
    }
  }

  /// `Submission`: a region's state and values, for anyone whose scope covers it.
  public func submission(_ request: Intake.SubmissionRequest, context: RPCContext) throws -> Intake.Submission
  {
    try context.requireAccess(to: request.region)
    let catalogue = try filing(request.election, request.region).catalogue
    return try store.pool.read { db in try submission(db, request.election, request.region, catalogue) }
  }

  // MARK: Rules of who and when

  /// The filer's name. An operator (or a province admin, for the province's own data) files for
  /// exactly the region of their token; a KPU RI admin anywhere. Anything else is
  /// PERMISSION_DENIED, logged.
  func requireFiler(_ context: RPCContext, _ region: RegionCode) throws -> String {
    guard let principal = context.principal else {
      throw RPCError(code: .unauthenticated, message: "No caller")
    }
    if principal.role == .admin { return principal.name }
    guard principal.role == .regency || principal.role == .province, principal.scope == region.rawValue else {
      context.logger.warning("write outside scope refused", metadata: ["ipp.region": "\(region)"])
      throw RPCError(code: .permissionDenied, message: "\(principal.name) may not file values for \(region)")
    }
    return principal.name
  }

  /// The verifier's name: a province admin for the kab/kota of their province, a KPU RI admin
  /// for any region (the provinces' own data included).
  private func requireVerifier(_ context: RPCContext, _ region: RegionCode) throws -> String {
    guard let principal = context.principal else {
      throw RPCError(code: .unauthenticated, message: "No caller")
    }
    if principal.role == .admin { return principal.name }
    guard principal.role == .province, region.level == .kabkota, principal.scope == region.province.rawValue
    else {
      context.logger.warning("verification outside scope refused", metadata: ["ipp.region": "\(region)"])
      throw RPCError(code: .permissionDenied, message: "\(principal.name) may not verify or return \(region)")
    }
    return principal.name
  }

  /// Throws FAILED_PRECONDITION, saying when it closed in the region's own zone, unless filing
  /// is open for the region now (its extension included).
  func requireOpenWindow(_ stored: IntakeStore.Election, _ region: RegionCode) throws {
    let election = stored.id
    let window = Self.window(
      election,
      opensAt: stored.opensAt,
      closesAt: stored.closesAt,
      extendedUntil: try store.extensionUntil(election, region: region),
      seenFrom: region,
      at: clock.now
    )
    switch window.state {
    case .open: return
    case .notSet:
      throw RPCError(code: .failedPrecondition, message: "Filling for \(election) has not been opened yet")
    case .notYetOpen:
      throw RPCError(
        code: .failedPrecondition,
        message:
          "Filling for \(election) opens at \(window.opensAt.map { $0.in(region.region.zone) }.map(\.rawValue) ?? "?")"
      )
    case .closed:
      let end = window.extendedUntilInRegion ?? window.closesAtInRegion
      throw RPCError(
        code: .failedPrecondition,
        message:
          "Filling for \(election) closed at \(end?.rawValue ?? "?") for \(region) (\(region.region.name)); "
          + "ask KPU RI for an extension"
      )
    }
  }

  /// The election (read once) and the catalogue `region` files for it; NOT_FOUND for an unknown
  /// election, FAILED_PRECONDITION when the region does not take part or there is no catalogue.
  func filing(
    _ election: ElectionID,
    _ region: RegionCode
  ) throws
    -> (election: IntakeStore.Election, catalogue: Intake.Catalogue)
  {
    let stored = try requireElection(election)
    try requireTakingPart(region, in: election)
    return (stored, try catalogue(of: stored))
  }

  func requireState(
    _ db: Database,
    _ request: Intake.TransitionRequest,
    is expected: Intake.SubmissionState,
    toDo action: String
  ) throws {
    let state = try IntakeStore.submission(db, request.election, request.region)?.state ?? .notStarted
    guard state == expected else {
      throw RPCError(
        code: .failedPrecondition,
        message: "Cannot \(action) \(request.region): its submission is \(state), not \(expected)"
      )
    }
  }

  // MARK: Writing

  /// Runs `write` in one transaction unless `principal` already made request `requestID`: then
  /// the logged answer is returned and nothing is written again. The same id with a different
  /// request is INVALID_ARGUMENT.
  func once<Request: Encodable, Response: Codable>(
    _ request: Request,
    method: String,
    requestID: String,
    principal: String,
    write: (Database, Date) throws -> Response
  ) throws -> Response {
    guard (1...128).contains(requestID.count) else {
      throw RPCError(code: .invalidArgument, message: "requestID is 1 to 128 characters, such as a UUID")
    }
    let requestBytes = Array(method.utf8) + (try CBOREncoder().encode(request))
    let now = clock.now
    return try store.pool.write { db in
      if let logged = try IntakeStore.loggedAnswer(db, principal: principal, requestID: requestID) {
        guard logged.request == requestBytes else {
          throw RPCError(
            code: .invalidArgument,
            message: "requestID \(requestID) was already used for a different request: use a new one"
          )
        }
        return try CBORDecoder().decode(Response.self, from: logged.response)
      }
      let answer = try write(db, now)
      try IntakeStore.logAnswer(
        db,
        principal: principal,
        requestID: requestID,
        request: requestBytes,
        response: try CBOREncoder().encode(answer),
        at: now
      )
      return answer
    }
  }

  private func transition(
    _ db: Database,
    _ request: Intake.TransitionRequest,
    _ catalogue: Intake.Catalogue,
    to state: Intake.SubmissionState,
    comment: String?,
    by principal: String,
    at now: Date
  ) throws -> Intake.Submission {
    let record = try IntakeStore.submission(db, request.election, request.region)
    try IntakeStore.setSubmission(
      db,
      request.election,
      request.region,
      state: state,
      catalogue: catalogue.version,
      lastComment: comment ?? record?.lastComment,
      by: principal,
      at: now
    )
    try IntakeStore.audit(
      db,
      at: now,
      principal: principal,
      action: "\(record?.state ?? .notStarted) -> \(state)",
      election: request.election,
      region: request.region,
      detail: "state \(state)",
      reason: comment ?? ""
    )
    return try submission(db, request.election, request.region, catalogue)
  }

  private func submission(
    _ db: Database,
    _ election: ElectionID,
    _ region: RegionCode,
    _ catalogue: Intake.Catalogue
  ) throws -> Intake.Submission {
    let record = try IntakeStore.submission(db, election, region)
    let values = try IntakeStore.values(db, election, region)
    return Intake.Submission(
      election: election,
      region: region,
      state: record?.state ?? .notStarted,
      catalogue: record?.catalogue ?? catalogue.version,
      values: catalogue.indicators.compactMap { values[$0.code] },
      missingRequired: FiledValueCheck.missing(values, in: catalogue),
      ruleViolations: FiledValueCheck.ruleViolations(values, in: catalogue),
      lastComment: record?.lastComment,
      outliers: OutlierCheck.outliers(
        values,
        peers: try IntakeStore.peerValues(db, election, of: region),
        region: region,
        in: catalogue
      )
    )
  }
}
