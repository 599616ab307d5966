public import Foundation
public import IPPSchema

extension Notify {
  /// What an event is about. Each kind is a condition that starts and later resolves: a site
  /// down and then recovered, stale and then posting again, a certificate expiring and then
  /// renewed.
  public enum EventKind: String, Codable, Sendable, CaseIterable {
    case siteDown
    case siteStale
    case certificateExpiring
    /// Anything else an admin or a service wants said.
    case notice
  }

  /// `RaiseEvent`: one event, from ipp-monitor or an admin.
  public struct RaiseEventRequest: Codable, Sendable {
    /// The sender's id for this event: a retry with the same id is the same event.
    public var eventID: String
    public var kind: EventKind
    public var severity: Severity
    /// The region it concerns; nil for KPU RI's own.
    public var region: RegionCode?
    /// What it is about within the region, such as the site's host `kab-sragen.kpu.go.id`.
    public var subject: String
    /// One line for people: `down since 03:12 WIB: connection refused`.
    public var summary: String
    /// True when the condition has ended (recovered, posting again, renewed).
    public var resolved: Bool
    public var occurredAt: Date

    public init(
      eventID: String,
      kind: EventKind,
      severity: Severity,
      region: RegionCode?,
      subject: String,
      summary: String,
      resolved: Bool = false,
      occurredAt: Date
    ) {
      self.eventID = eventID
      self.kind = kind
      self.severity = severity
      self.region = region
      self.subject = subject
      self.summary = summary
      self.resolved = resolved
      self.occurredAt = occurredAt
    }
  }

  /// What became of an event.
  public struct RaiseEventResponse: Codable, Sendable, Equatable {
    /// The alert the event belongs to (kind, region and subject).
    public var alert: Alert
    /// True when this event id had been raised before: nothing new was done.
    public var duplicate: Bool
    /// The recipients it will go to (in their next grouped message).
    public var routedTo: [String]
    /// The silences that kept it from others.
    public var silencedBy: [Int64]

    public init(alert: Alert, duplicate: Bool, routedTo: [String], silencedBy: [Int64]) {
      self.alert = alert
      self.duplicate = duplicate
      self.routedTo = routedTo
      self.silencedBy = silencedBy
    }
  }

  /// A condition as notify knows it: the latest event of one kind, region and subject.
  public struct Alert: Codable, Sendable, Equatable {
    /// `siteDown/3314/kab-sragen.kpu.go.id`: kind, region (or `RI`) and subject.
    public var fingerprint: String
    public var kind: EventKind
    public var severity: Severity
    public var region: RegionCode?
    public var subject: String
    public var summary: String
    public var firing: Bool
    public var since: Date
    public var lastEventAt: Date
    /// Who acknowledged it, muting it until it resolves.
    public var acknowledgedBy: String?
    public var acknowledgement: String?

    public init(
      fingerprint: String,
      kind: EventKind,
      severity: Severity,
      region: RegionCode?,
      subject: String,
      summary: String,
      firing: Bool,
      since: Date,
      lastEventAt: Date,
      acknowledgedBy: String?,
      acknowledgement: String?
    ) {
      self.fingerprint = fingerprint
      self.kind = kind
      self.severity = severity
      self.region = region
      self.subject = subject
      self.summary = summary
      self.firing = firing
      self.since = since
      self.lastEventAt = lastEventAt
      self.acknowledgedBy = acknowledgedBy
      self.acknowledgement = acknowledgement
    }
  }

  /// `Alerts`: those of one province, or all in the caller's scope.
  public struct AlertsRequest: Codable, Sendable {
    public var province: RegionCode?

    public init(province: RegionCode? = nil) {
      self.province = province
    }
  }

  /// Firing alerts first, then resolved ones, newest first within each.
  public struct AlertsResponse: Codable, Sendable, Equatable {
    public var alerts: [Alert]

    public init(alerts: [Alert]) {
      self.alerts = alerts
    }
  }

  /// `Acknowledge`: which alert, and why.
  public struct AcknowledgeRequest: Codable, Sendable {
    public var fingerprint: String
    public var comment: String

    public init(fingerprint: String, comment: String) {
      self.fingerprint = fingerprint
      self.comment = comment
    }
  }

  /// What a silence matches: every given field must match; a province matches its kab/kota.
  public struct Matchers: Codable, Sendable, Equatable {
    public var kind: EventKind?
    public var region: RegionCode?
    public var subject: String?

    public init(kind: EventKind? = nil, region: RegionCode? = nil, subject: String? = nil) {
      self.kind = kind
      self.region = region
      self.subject = subject
    }
  }

  /// `Silence`: what to mute, until when, and why.
  public struct SilenceRequest: Codable, Sendable {
    public var matchers: Matchers
    /// At most 30 days ahead.
    public var endsAt: Date
    public var comment: String

    public init(matchers: Matchers, endsAt: Date, comment: String) {
      self.matchers = matchers
      self.endsAt = endsAt
      self.comment = comment
    }
  }

  /// A silence: matched events are recorded but sent to no one.
  public struct Silence: Codable, Sendable, Equatable {
    public var id: Int64
    public var matchers: Matchers
    public var startsAt: Date
    public var endsAt: Date
    public var comment: String
    public var createdBy: String

    public init(
      id: Int64,
      matchers: Matchers,
      startsAt: Date,
      endsAt: Date,
      comment: String,
      createdBy: String
    ) {
      self.id = id
      self.matchers = matchers
      self.startsAt = startsAt
      self.endsAt = endsAt
      self.comment = comment
      self.createdBy = createdBy
    }
  }

  /// `Silences`: no fields.
  public struct SilencesRequest: Codable, Sendable {
    public init() {}
  }

  /// Silences in force (soonest ending first), then those ended in the last 7 days.
  public struct SilencesResponse: Codable, Sendable, Equatable {
    public var silences: [Silence]

    public init(silences: [Silence]) {
      self.silences = silences
    }
  }

  /// `EndSilence`: which.
  public struct EndSilenceRequest: Codable, Sendable {
    public var id: Int64

    public init(id: Int64) {
      self.id = id
    }
  }
}
