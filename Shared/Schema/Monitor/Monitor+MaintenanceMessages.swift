public import Foundation
public import IPPSchema

extension Monitor {
  /// A span of time during which a site, a province's sites, or every site alerts nothing: checks
  /// go on and are recorded, and what changed is told to ipp-notify once the window is over, if
  /// it still holds.
  public struct MaintenanceWindow: Codable, Sendable, Equatable {
    public var id: Int64
    /// One site; nil with `province` nil for every site.
    public var host: String?
    /// A province's sites: its own and its kab/kota's.
    public var province: RegionCode?
    /// In the zone it was given in.
    public var startsAt: ZonedTime
    public var endsAt: ZonedTime
    public var reason: String
    /// Who set it.
    public var createdBy: String
    /// When it was ended before its end, and by whom.
    public var endedAt: Date?
    public var endedBy: String?

    public init(
      id: Int64,
      host: String?,
      province: RegionCode?,
      startsAt: ZonedTime,
      endsAt: ZonedTime,
      reason: String,
      createdBy: String,
      endedAt: Date? = nil,
      endedBy: String? = nil
    ) {
      self.id = id
      self.host = host
      self.province = province
      self.startsAt = startsAt
      self.endsAt = endsAt
      self.reason = reason
      self.createdBy = createdBy
      self.endedAt = endedAt
      self.endedBy = endedBy
    }
  }

  /// `Maintenance`: a new window, for one site (`host`), a province's sites (`province`), or,
  /// with neither, every site (KPU RI's admins only). Times are written with their zone,
  /// `2026-12-05 22:00 WIB`; at most 14 days long.
  public struct MaintenanceRequest: Codable, Sendable {
    public var host: String?
    public var province: RegionCode?
    public var startsAt: ZonedTime
    public var endsAt: ZonedTime
    public var reason: String

    public init(
      host: String? = nil,
      province: RegionCode? = nil,
      startsAt: ZonedTime,
      endsAt: ZonedTime,
      reason: String
    ) {
      self.host = host
      self.province = province
      self.startsAt = startsAt
      self.endsAt = endsAt
      self.reason = reason
    }
  }

  /// `MaintenanceWindows`: the windows in the caller's scope that are not over, or also those
  /// that are (the last 400 days'), newest first.
  public struct MaintenanceWindowsRequest: Codable, Sendable {
    public var includePast: Bool

    public init(includePast: Bool = false) {
      self.includePast = includePast
    }
  }

  public struct MaintenanceWindowsResponse: Codable, Sendable, Equatable {
    public var windows: [MaintenanceWindow]

    public init(windows: [MaintenanceWindow]) {
      self.windows = windows
    }
  }

  /// `EndMaintenance`: ends a window now (or drops one not yet started), with a reason (logged).
  public struct EndMaintenanceRequest: Codable, Sendable {
    public var id: Int64
    public var reason: String

    public init(id: Int64, reason: String) {
      self.id = id
      self.reason = reason
    }
  }
}
