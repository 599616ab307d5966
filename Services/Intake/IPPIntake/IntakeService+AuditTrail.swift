public import IntakeAPI
internal import IPPSchema
public import RPCCore

extension IntakeService {
  /// `AuditTrail`: every change that concerns a region, with the election-wide ones; a caller
  /// sees the trails its scope covers.
  public func auditTrail(
    _ request: Intake.AuditTrailRequest,
    context: RPCContext
  ) throws
    -> Intake.AuditTrailResponse
  {
    try context.requireAccess(to: request.region)
    try requireElection(request.election)
    let events = try store.auditTrail(of: request.election, region: request.region).map {
      Intake.AuditTrailResponse.Event(
        at: $0.at,
        principal: $0.principal,
        action: $0.action,
        region: $0.region,
        detail: $0.detail,
        reason: $0.reason
      )
    }
    return Intake.AuditTrailResponse(events: events)
  }
}
