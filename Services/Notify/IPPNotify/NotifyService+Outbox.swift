internal import ServiceRuntime
internal import Logging
internal import Foundation
public import NotifyAPI
internal import IPPSchema
public import RPCCore

/// The outbox: what waits, what went (with every attempt), what was given up on.
extension NotifyService {
  /// `Pending`: waiting, soonest due first.
  public func pending(
    _ request: Notify.PendingRequest,
    context: RPCContext
  ) throws -> Notify.NotificationsResponse {
    try Self.requireLimit(request.limit)
    return try records(
      outbox.list(state: .pending, scope: context.principal?.scope, limit: request.limit, soonestFirst: true),
      context
    )
  }

  /// `History`: newest first, with every attempt.
  public func history(
    _ request: Notify.HistoryRequest,
    context: RPCContext
  ) throws -> Notify.NotificationsResponse {
    try Self.requireLimit(request.limit)
    if let region = request.region { try context.requireAccess(toRegion: region.rawValue) }
    let found = try outbox.list(
      recipientID: request.recipient,
      region: request.region,
      scope: context.principal?.scope,
      limit: request.limit,
      beforeID: request.beforeID
    )
    return try records(found, context, withAttempts: true)
  }

  /// `DeadLetters`: given up on, newest first, with every attempt.
  public func deadLetters(
    _ request: Notify.DeadLettersRequest,
    context: RPCContext
  ) throws -> Notify.NotificationsResponse {
    try Self.requireLimit(request.limit)
    return try records(
      outbox.list(state: .dead, scope: context.principal?.scope, limit: request.limit),
      context,
      withAttempts: true
    )
  }

  /// `Resend`: puts a dead letter back in the queue, due now.
  public func resend(_ request: Notify.ResendRequest, context: RPCContext) throws -> Notify.NotificationRecord
  {
    guard let found = try outbox.notification(request.id) else {
      throw RPCError(code: .notFound, message: "There is no notification \(request.id)")
    }
    try Self.requireAccess(context, to: found.draft.region)
    guard try outbox.resend(request.id, at: clock.now) else {
      throw RPCError(
        code: .failedPrecondition,
        message: "Notification \(request.id) is \(found.state.rawValue); only a dead letter is resent"
      )
    }
    context.logger.notice("notification resent", metadata: ["ipp.notification": "\(request.id)"])
    return try records([outbox.notification(request.id)!], context, withAttempts: true).notifications[0]
  }

  static func requireLimit(_ limit: Int) throws(RPCError) {
    guard (1...1000).contains(limit) else {
      throw RPCError(code: .invalidArgument, message: "limit is 1 to 1000, not \(limit)")
    }
  }

  /// National notifications (no region) are left out for callers with a scope.
  private func records(
    _ found: [NotificationOutbox.Notification],
    _ context: RPCContext,
    withAttempts: Bool = false
  ) throws -> Notify.NotificationsResponse {
    Notify.NotificationsResponse(
      notifications: try found.filter { Self.sees(context, $0.draft.region) }.map { notification in
        Notify.NotificationRecord(
          id: notification.id,
          dedupKey: notification.dedupKey,
          recipient: notification.draft.recipientID,
          channel: notification.draft.channel.rawValue,
          address: notification.recipient,
          kind: notification.draft.kind,
          region: notification.draft.region,
          subject: notification.draft.subject,
          state: notification.state,
          createdAt: notification.createdAt,
          nextAttemptAt: notification.nextAttemptAt,
          lastError: notification.lastError,
          attempts: withAttempts
            ? try outbox.attempts(of: notification.id).map {
              Notify.DeliveryAttempt(at: $0.at, outcome: $0.outcome, reply: $0.reply)
            } : [],
          attemptCount: notification.attempts
        )
      }
    )
  }
}
