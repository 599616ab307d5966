internal import ServiceRuntime
internal import Logging
internal import Foundation
public import NotifyAPI
internal import IPPSchema
public import RPCCore

/// Events and alerts: raising, acknowledging, silencing.
extension NotifyService {
  /// `RaiseEvent`: records the event and routes it (ipp-monitor and admins).
  public func raiseEvent(
    _ request: Notify.RaiseEventRequest,
    context: RPCContext
  ) throws -> Notify.RaiseEventResponse {
    var problems: [String] = []
    if request.eventID.isEmpty || request.eventID.utf8.count > 200 {
      problems.append("eventID is 1 to 200 bytes")
    }
    if request.subject.isEmpty || request.subject.utf8.count > 200
      || request.subject.contains(where: \.isNewline)
    {
      problems.append("subject is 1 to 200 bytes on one line")
    }
    if request.summary.isEmpty || request.summary.utf8.count > 2000 {
      problems.append("summary is 1 to 2000 bytes")
    }
    let now = clock.now
    if request.occurredAt > now + 86_400 {
      problems.append("occurredAt \(request.occurredAt) is in the future")
    }
    guard problems.isEmpty else {
      throw RPCError(code: .invalidArgument, message: problems.joined(separator: "; "))
    }
    try Self.requireAccess(context, to: request.region)
    let response = try ledger.raise(
      request,
      by: context.principal?.name ?? "unknown",
      recipients: try directory.all(),
      at: now
    )
    if !response.duplicate {
      context.logger.info(
        "event raised",
        metadata: [
          "ipp.alert": "\(response.alert.fingerprint)", "ipp.resolved": "\(request.resolved)",
          "ipp.routed_to": "\(response.routedTo.count)", "ipp.silenced_by": "\(response.silencedBy)",
        ]
      )
    }
    return response
  }

  /// `Alerts`: firing, then resolved in the last 7 days, within the caller's scope.
  public func alerts(_ request: Notify.AlertsRequest, context: RPCContext) throws -> Notify.AlertsResponse {
    if let province = request.province { try context.requireAccess(toRegion: province.rawValue) }
    return Notify.AlertsResponse(
      alerts: try ledger.alerts(resolvedSince: clock.now - 7 * 86_400).filter { alert in
        Self.sees(context, alert.region)
          && (request.province.map { province in alert.region.map(province.contains) ?? false } ?? true)
      }
    )
  }

  /// `Acknowledge`: mutes a firing alert until it resolves.
  public func acknowledge(_ request: Notify.AcknowledgeRequest, context: RPCContext) throws -> Notify.Alert {
    guard let alert = try ledger.alert(request.fingerprint) else {
      throw RPCError(code: .notFound, message: "There is no alert \(request.fingerprint)")
    }
    try Self.requireAccess(context, to: alert.region)
    guard alert.firing else {
      throw RPCError(
        code: .failedPrecondition,
        message: "\(request.fingerprint) has resolved: nothing to acknowledge"
      )
    }
    try Self.requireComment(request.comment)
    let who = context.principal?.name ?? "unknown"
    context.logger.notice("alert acknowledged", metadata: ["ipp.alert": "\(request.fingerprint)"])
    return try ledger.acknowledge(request.fingerprint, comment: request.comment, by: who)!
  }

  /// `Silence`: mutes matching events until `endsAt` (at most 30 days); a province's admin
  /// silences within its province only.
  public func silence(_ request: Notify.SilenceRequest, context: RPCContext) throws -> Notify.Silence {
    let now = clock.now
    let matchers = request.matchers
    if matchers.kind == nil && matchers.region == nil && matchers.subject == nil {
      throw RPCError(
        code: .invalidArgument,
        message: "A silence needs at least one matcher: kind, region or subject"
      )
    }
    if context.principal?.scope != nil && matchers.region == nil {
      throw RPCError(code: .permissionDenied, message: "Silence a region within your scope (matchers.region)")
    }
    if let region = matchers.region { try context.requireAccess(toRegion: region.rawValue) }
    guard request.endsAt > now, request.endsAt <= now + 30 * 86_400 else {
      throw RPCError(code: .invalidArgument, message: "endsAt must be after now and at most 30 days ahead")
    }
    try Self.requireComment(request.comment)
    let silence = try ledger.silence(request, by: context.principal?.name ?? "unknown", at: now)
    context.logger.notice(
      "silence started",
      metadata: ["ipp.silence": "\(silence.id)", "ipp.ends_at": "\(silence.endsAt)"]
    )
    return silence
  }

  /// `Silences`: in force, then ended in the last 7 days, within the caller's scope.
  public func silences(
    _ request: Notify.SilencesRequest,
    context: RPCContext
  ) throws -> Notify.SilencesResponse {
    Notify.SilencesResponse(
      silences: try ledger.silences(at: clock.now).filter { Self.sees(context, $0.matchers.region) }
    )
  }

  /// `EndSilence`: ends one now.
  public func endSilence(_ request: Notify.EndSilenceRequest, context: RPCContext) throws -> Notify.Silence {
    guard let silence = try ledger.silences(at: clock.now).first(where: { $0.id == request.id }) else {
      throw RPCError(
        code: .notFound,
        message: "There is no silence \(request.id) in force or ended this week"
      )
    }
    try Self.requireAccess(context, to: silence.matchers.region)
    context.logger.notice("silence ended", metadata: ["ipp.silence": "\(request.id)"])
    return try ledger.endSilence(request.id, at: clock.now)!
  }

  private static func requireComment(_ comment: String) throws(RPCError) {
    guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, comment.utf8.count <= 1000 else {
      throw RPCError(code: .invalidArgument, message: "Say why in comment (1 to 1000 bytes)")
    }
  }
}
