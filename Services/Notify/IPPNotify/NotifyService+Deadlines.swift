internal import ServiceRuntime
internal import Logging
internal import Foundation
public import NotifyAPI
internal import IPPSchema
public import RPCCore

/// The reminder schedule around each election's deadline, and what it will send next.
extension NotifyService {
  /// `SetDeadline`: sets an election's schedule (KPU RI's admins); reminders still to come
  /// follow it at once.
  public func setDeadline(
    _ request: Notify.SetDeadlineRequest,
    context: RPCContext
  ) throws -> Notify.DeadlineSchedule {
    var problems: [String] = []
    if request.daysBefore.count > 10 || request.daysBefore.contains(where: { !(1...60).contains($0) })
      || Set(request.daysBefore).count != request.daysBefore.count
    {
      problems.append("daysBefore is at most 10 different days, each 1 to 60")
    }
    if !(0...60).contains(request.lateDays) { problems.append("lateDays is 0 to 60") }
    if !(0..<1440).contains(request.officeHoursFrom) || !(1...1440).contains(request.officeHoursUntil)
      || request.officeHoursFrom >= request.officeHoursUntil
    {
      problems.append("office hours are minutes after midnight, officeHoursFrom before officeHoursUntil")
    }
    guard problems.isEmpty else {
      throw RPCError(code: .invalidArgument, message: problems.joined(separator: "; "))
    }
    try deadlines.setSchedule(request, by: context.principal?.name ?? "unknown", at: clock.now)
    context.logger.notice(
      "reminder schedule set",
      metadata: ["ipp.election": "\(request.election)", "ipp.days_before": "\(request.daysBefore)"]
    )
    return try deadlines.schedule(request.election)
  }

  /// `Deadline`: an election's schedule and its deadline as intake last said.
  public func deadline(
    _ request: Notify.DeadlineRequest,
    context: RPCContext
  ) throws -> Notify.DeadlineSchedule {
    try deadlines.schedule(request.election)
  }

  /// `Preview`: what the schedule will write next, for recipients in the caller's scope.
  public func preview(_ request: Notify.PreviewRequest, context: RPCContext) throws -> Notify.PreviewResponse
  {
    try Self.requireLimit(request.limit)
    var preview = try planner.preview(request.election, limit: 1000)
    preview.notifications = Array(
      preview.notifications.filter { Self.sees(context, $0.region) }.prefix(request.limit)
    )
    return preview
  }
}
