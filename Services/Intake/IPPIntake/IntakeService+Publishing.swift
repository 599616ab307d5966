public import IntakeAPI
internal import IPPSchema
public import RPCCore

/// Publishing to ipp-scoring on request, and the state of the outbox.
extension IntakeService {
  /// `Publish`: queues a verified region's current values for ipp-scoring again (after a
  /// methodology change, or once scoring's refusal was dealt with); audited.
  public func publish(_ request: Intake.PublishRequest, context: RPCContext) throws -> Intake.PublishQueue {
    try requireTakingPart(request.region, in: request.election)
    let admin = context.principal?.name ?? "unknown"
    return try once(request, method: "Publish", requestID: request.requestID, principal: admin) { db, now in
      let state = try IntakeStore.submission(db, request.election, request.region)?.state ?? .notStarted
      guard state == .verified else {
        throw RPCError(
          code: .failedPrecondition,
          message: "Only verified values are published; \(request.region)'s submission is \(state)"
        )
      }
      try IntakeStore.enqueuePublication(db, request.election, request.region, at: now)
      try IntakeStore.audit(
        db,
        at: now,
        principal: admin,
        action: "Publish",
        election: request.election,
        region: request.region,
        detail: "queued for ipp-scoring",
        reason: ""
      )
      return try IntakeStore.publishQueue(db)
    }
  }

  /// `PublishQueue`: how many publications wait, went, or were refused, and which were refused.
  public func publishQueue(
    _ request: Intake.PublishQueueRequest,
    context: RPCContext
  ) throws
    -> Intake.PublishQueue
  {
    try store.publishQueue()
  }
}
