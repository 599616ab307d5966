public import Foundation
public import IPPSchema

extension Intake {
  /// `Elections`: no fields.
  public struct ElectionsRequest: Codable, Sendable {
    public init() {}
  }

  /// `Elections`: every election intake knows.
  public struct ElectionsResponse: Codable, Sendable, Equatable {
    /// One election.
    public struct Entry: Codable, Sendable, Equatable {
      /// Its id: `pilkada-2024`.
      public var id: ElectionID
      /// Its name: `Pemilihan Serentak 2024`.
      public var name: String
      /// Provinces taking part.
      public var provinces: Int
      /// Kab/kota taking part.
      public var kabKota: Int
      /// When filling opens; nil until KPU RI sets the window.
      public var opensAt: ZonedTime?
      /// The deadline (batas akhir pengisian); nil until set.
      public var closesAt: ZonedTime?

      public init(
        id: ElectionID,
        name: String,
        provinces: Int,
        kabKota: Int,
        opensAt: ZonedTime? = nil,
        closesAt: ZonedTime? = nil
      ) {
        self.id = id
        self.name = name
        self.provinces = provinces
        self.kabKota = kabKota
        self.opensAt = opensAt
        self.closesAt = closesAt
      }
    }

    /// The elections, by id.
    public var elections: [Entry]

    public init(elections: [Entry]) {
      self.elections = elections
    }
  }

  /// `SetFillingWindow`: when an election's filling opens and closes, each written with its zone
  /// (KPU RI states national deadlines in WIB: `2026-12-15 23:59 WIB`).
  public struct SetFillingWindowRequest: Codable, Sendable {
    public var election: ElectionID
    /// When filling opens.
    public var opensAt: ZonedTime
    /// The deadline; after `opensAt`.
    public var closesAt: ZonedTime
    /// Why, for the audit trail: `Surat KPU RI No ...`.
    public var reason: String

    public init(election: ElectionID, opensAt: ZonedTime, closesAt: ZonedTime, reason: String) {
      self.election = election
      self.opensAt = opensAt
      self.closesAt = closesAt
      self.reason = reason
    }
  }

  /// `FillingWindow`: which election, seen from which region.
  public struct FillingWindowRequest: Codable, Sendable {
    public var election: ElectionID
    /// The region asking; its zone is the one the answer adds.
    public var region: RegionCode

    public init(election: ElectionID, region: RegionCode) {
      self.election = election
      self.region = region
    }
  }

  /// `GrantExtension`: lets one region file after the deadline, until a given time.
  public struct GrantExtensionRequest: Codable, Sendable {
    public var election: ElectionID
    public var region: RegionCode
    /// The end of the extension; after the election's deadline.
    public var until: ZonedTime
    /// Why, for the audit trail.
    public var reason: String

    public init(election: ElectionID, region: RegionCode, until: ZonedTime, reason: String) {
      self.election = election
      self.region = region
      self.until = until
      self.reason = reason
    }
  }

  /// `AuditTrail`: whose trail.
  public struct AuditTrailRequest: Codable, Sendable {
    public var election: ElectionID
    /// The region; its trail includes the election-wide changes (the window).
    public var region: RegionCode

    public init(election: ElectionID, region: RegionCode) {
      self.election = election
      self.region = region
    }
  }

  /// `AuditTrail`: every change that concerns the region, oldest first.
  public struct AuditTrailResponse: Codable, Sendable, Equatable {
    /// One change: who, when, what, and why.
    public struct Event: Codable, Sendable, Equatable {
      public var at: Date
      /// The caller's name: `kpu-ri.admin`.
      public var principal: String
      /// The method: `GrantExtension`.
      public var action: String
      /// The region it concerns; nil for an election-wide change.
      public var region: RegionCode?
      /// What changed.
      public var detail: String
      /// Why, as the caller said.
      public var reason: String

      public init(
        at: Date,
        principal: String,
        action: String,
        region: RegionCode?,
        detail: String,
        reason: String
      ) {
        self.at = at
        self.principal = principal
        self.action = action
        self.region = region
        self.detail = detail
        self.reason = reason
      }
    }

    public var events: [Event]

    public init(events: [Event]) {
      self.events = events
    }
  }

  /// An election's filling window, as one region (or KPU RI, when it sets it) sees it.
  public struct FillingWindow: Codable, Sendable, Equatable {
    /// Where the window is now.
    public enum State: String, Codable, Sendable {
      /// KPU RI has not set it yet.
      case notSet
      /// Set; filling has not opened yet.
      case notYetOpen
      /// Filling is open: saving and submitting are allowed.
      case open
      /// The deadline has passed.
      case closed
    }

    public var election: ElectionID
    /// The region it is seen from; nil when KPU RI set it.
    public var region: RegionCode?
    public var state: State
    /// When filling opens, in the zone it was set in.
    public var opensAt: ZonedTime?
    /// The deadline, in the zone it was set in.
    public var closesAt: ZonedTime?
    /// The deadline in the region's own zone (`2026-12-16 00:59 WITA` for 23:59 WIB); nil when
    /// no region is given or no deadline is set.
    public var closesAtInRegion: ZonedTime?
    /// An extension KPU RI granted this region: it may still file until then, in the zone it
    /// was granted in.
    public var extendedUntil: ZonedTime?
    /// The extension's end in the region's own zone.
    public var extendedUntilInRegion: ZonedTime?
    /// Seconds until the window (or the region's extension) ends while open; nil otherwise.
    public var secondsLeft: Int?
    /// The moment this answer describes.
    public var asOf: Date

    public init(
      election: ElectionID,
      region: RegionCode?,
      state: State,
      opensAt: ZonedTime?,
      closesAt: ZonedTime?,
      closesAtInRegion: ZonedTime?,
      extendedUntil: ZonedTime? = nil,
      extendedUntilInRegion: ZonedTime? = nil,
      secondsLeft: Int?,
      asOf: Date
    ) {
      self.election = election
      self.region = region
      self.state = state
      self.opensAt = opensAt
      self.closesAt = closesAt
      self.closesAtInRegion = closesAtInRegion
      self.extendedUntil = extendedUntil
      self.extendedUntilInRegion = extendedUntilInRegion
      self.secondsLeft = secondsLeft
      self.asOf = asOf
    }
  }
}
