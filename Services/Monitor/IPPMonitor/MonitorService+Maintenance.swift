public import Foundation
internal import IPPSchema
public import MonitorAPI
public import RPCCore
internal import Logging
internal import ServiceRuntime

/// Maintenance windows: set by KPU RI's admins anywhere, by a province's admins within their
/// province; read by anyone within their scope.
extension MonitorService {
  /// The longest window: a site that needs more is not in maintenance, it is down.
  static let longestWindow: TimeInterval = 14 * 86_400

  /// `Maintenance`: a new window; every problem named at once.
  public func maintenance(
    _ request: Monitor.MaintenanceRequest,
    context: RPCContext
  ) throws -> Monitor.MaintenanceWindow {
    let now = clock.now
    var problems: [String] = []
    var region: RegionCode?
    if request.host != nil, request.province != nil {
      problems.append("give a host or a province, not both")
    }
    if let host = request.host {
      if let target = try store.target(host) {
        region = target.region
      } else {
        throw RPCError(code: .notFound, message: "There is no site \(host)")
      }
    }
    if let province = request.province {
      if province.level != .province {
        problems.append("province is a province code such as 33, not \(province)")
      }
      region = province
    }
    if request.endsAt.instant <= request.startsAt.instant { problems.append("endsAt is not after startsAt") }
    if request.endsAt.instant.timeIntervalSince(request.startsAt.instant) > Self.longestWindow {
      problems.append("a window is at most 14 days")
    }
    if request.endsAt.instant <= now { problems.append("endsAt is in the past") }
    if request.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      problems.append("say why in reason")
    }
    if request.reason.count > 500 { problems.append("reason is at most 500 characters") }
    guard problems.isEmpty else {
      throw RPCError(code: .invalidArgument, message: problems.joined(separator: "; "))
    }
    if request.host == nil, request.province == nil {
      guard context.principal?.scope == nil else {
        throw RPCError(code: .permissionDenied, message: "Only KPU RI's admins set a window for every site")
      }
    } else {
      try requireManager(context, of: region)
    }
    let who = context.principal?.name ?? "-"
    let window = try store.addMaintenance(request, by: who, at: now)
    context.logger.notice(
      "maintenance window set",
      metadata: [
        "ipp.maintenance": "\(window.id)", "ipp.host": "\(request.host ?? "-")",
        "ipp.region": "\(request.province?.rawValue ?? "-")", "ipp.starts_at": "\(request.startsAt)",
        "ipp.ends_at": "\(request.endsAt)", "ipp.reason": "\(request.reason)",
      ]
    )
    return window
  }

  /// `MaintenanceWindows`: those in the caller's scope (every site's windows concern everyone).
  public func maintenanceWindows(
    _ request: Monitor.MaintenanceWindowsRequest,
    context: RPCContext
  ) throws -> Monitor.MaintenanceWindowsResponse {
    let now = clock.now
    let windows = try store.maintenanceWindows(
      at: now,
      includePast: request.includePast,
      pastSince: now - 400 * 86_400
    )
    let scope = context.principal?.scope.map { String($0.prefix(2)) }
    return Monitor.MaintenanceWindowsResponse(
      windows: try windows.filter { window in
        guard let scope else { return true }
        if let province = window.province { return province.rawValue == scope }
        if let host = window.host {
          return try store.target(host)?.region.map {
            $0.rawValue == scope || $0.rawValue.hasPrefix(scope + ".")
          }
            ?? false
        }
        return true
      }
    )
  }

  /// `EndMaintenance`: ends a window now; what it held back is told at the next check.
  public func endMaintenance(
    _ request: Monitor.EndMaintenanceRequest,
    context: RPCContext
  ) throws -> Monitor.MaintenanceWindow {
    guard let window = try store.maintenance(request.id) else {
      throw RPCError(code: .notFound, message: "There is no maintenance window \(request.id)")
    }
    if window.host == nil, window.province == nil {
      guard context.principal?.scope == nil else {
        throw RPCError(code: .permissionDenied, message: "Only KPU RI's admins end a window for every site")
      }
    } else {
      try requireManager(
        context,
        of: try window.host.flatMap { try store.target($0)?.region } ?? window.province
      )
    }
    guard !request.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw RPCError(code: .invalidArgument, message: "say why in reason")
    }
    guard try store.endMaintenance(request.id, by: context.principal?.name ?? "-", at: clock.now) else {
      throw RPCError(code: .failedPrecondition, message: "Maintenance window \(request.id) is already over")
    }
    context.logger.notice(
      "maintenance window ended",
      metadata: ["ipp.maintenance": "\(request.id)", "ipp.reason": "\(request.reason)"]
    )
    return try store.maintenance(request.id) ?? window
  }
}
