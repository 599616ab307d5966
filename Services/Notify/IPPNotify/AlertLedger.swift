public import Foundation
public import GRDB
public import IPPSchema
public import NotifyAPI
public import ServiceRuntime

/// Events, the alerts they make, silences, acknowledgements, and which recipients each event
/// still has to reach. An event notifies only when its alert changes: it starts firing, resolves,
/// or gets more severe; a repeat of the same state is recorded and sent to no one.
public struct AlertLedger: Sendable {
  /// An event routed to a recipient, waiting to be grouped into one message with the others.
  public struct RoutedEvent: Sendable, Equatable {
    public var route: Int64
    public var recipientID: String
    public var kind: Notify.EventKind
    public var severity: Notify.Severity
    public var region: RegionCode?
    public var subject: String
    public var summary: String
    public var resolved: Bool
    public var occurredAt: Date
    public var receivedAt: Date
  }

  let pool: DatabasePool

  public init(storage: ServiceStorage) {
    pool = storage.pool
  }

  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("notify.4 alerts, silences and routes") { db in
      try db.create(table: "alert") { table in
        table.primaryKey("fingerprint", .text)
        table.column("kind", .text).notNull()
        table.column("severity", .text).notNull()
        table.column("region", .text)
        table.column("subject", .text).notNull()
        table.column("summary", .text).notNull()
        table.column("firing", .boolean).notNull()
        table.column("since", .datetime).notNull()
        table.column("last_event_at", .datetime).notNull()
        table.column("acknowledged_by", .text)
        table.column("acknowledgement", .text)
      }
      try db.create(table: "event") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("event_id", .text).notNull().unique()
        table.column("fingerprint", .text).notNull().references("alert")
        table.column("severity", .text).notNull()
        table.column("summary", .text).notNull()
        table.column("resolved", .boolean).notNull()
        table.column("occurred_at", .datetime).notNull()
        table.column("received_at", .datetime).notNull()
        table.column("raised_by", .text).notNull()
      }
      try db.create(table: "silence") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("kind", .text)
        table.column("region", .text)
        table.column("subject", .text)
        table.column("starts_at", .datetime).notNull()
        table.column("ends_at", .datetime).notNull()
        table.column("comment", .text).notNull()
        table.column("created_by", .text).notNull()
      }
      try db.create(table: "alert_route") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("event", .integer).notNull().references("event")
        table.column("recipient_id", .text).notNull()
        table.column("grouped", .boolean).notNull().defaults(to: false)
      }
      try db.create(index: "alert_route_waiting", on: "alert_route", columns: ["grouped", "recipient_id"])
    }
  }

  /// `kind/region/subject`, the region `RI` for KPU RI's own.
  public static func fingerprint(_ kind: Notify.EventKind, _ region: RegionCode?, _ subject: String) -> String
  {
    "\(kind.rawValue)/\(region?.rawValue ?? "RI")/\(subject)"
  }

  /// Records `event` and routes it to those of `recipients` that take it, unless a silence
  /// matches or the alert is acknowledged; all in one transaction. A repeated event id does
  /// nothing again and answers what was done the first time.
  public func raise(
    _ event: Notify.RaiseEventRequest,
    by who: String,
    recipients: [RecipientDirectory.Entry],
    at now: Date
  ) throws -> Notify.RaiseEventResponse {
    let fingerprint = Self.fingerprint(event.kind, event.region, event.subject)
    return try pool.write { db in
      if let earlier = try Int64.fetchOne(
        db,
        sql: "SELECT id FROM event WHERE event_id = ?",
        arguments: [event.eventID]
      ) {
        return Notify.RaiseEventResponse(
          alert: try Self.alert(db, fingerprint)!,
          duplicate: true,
          routedTo: try String.fetchAll(
            db,
            sql: "SELECT recipient_id FROM alert_route WHERE event = ? ORDER BY id",
            arguments: [earlier]
          ),
          silencedBy: []
        )
      }
      let before = try Self.alert(db, fingerprint)
      let changed: Bool
      if let before {
        changed = before.firing == event.resolved || (!event.resolved && event.severity > before.severity)
        try db.execute(
          sql: """
            UPDATE alert SET severity = ?, summary = ?, firing = ?, last_event_at = ?,
              since = CASE WHEN firing = ? THEN since ELSE ? END,
              acknowledged_by = CASE WHEN ? THEN NULL ELSE acknowledged_by END,
              acknowledgement = CASE WHEN ? THEN NULL ELSE acknowledgement END
            WHERE fingerprint = ?
            """,
          arguments: [
            event.severity.rawValue, event.summary, !event.resolved, event.occurredAt, !event.resolved,
            event.occurredAt, event.resolved, event.resolved, fingerprint,
          ]
        )
      } else {
        // A condition first heard of as resolved was never told as firing: nothing to say.
        changed = !event.resolved
        try db.execute(
          sql: """
            INSERT INTO alert (fingerprint, kind, severity, region, subject, summary, firing, since, last_event_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            fingerprint, event.kind.rawValue, event.severity.rawValue, event.region?.rawValue, event.subject,
            event.summary, !event.resolved, event.occurredAt, event.occurredAt,
          ]
        )
      }
      try db.execute(
        sql: """
          INSERT INTO event (event_id, fingerprint, severity, summary, resolved, occurred_at, received_at, raised_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          event.eventID, fingerprint, event.severity.rawValue, event.summary, event.resolved,
          event.occurredAt, now,
          who,
        ]
      )
      let eventRow = db.lastInsertedRowID
      let silencedBy = try Self.silences(db, at: now, includingEnded: false).filter {
        Self.matches($0.matchers, event)
      }
      .map(\.id)
      let acknowledged = before?.acknowledgedBy != nil && !event.resolved
      var routedTo: [String] = []
      if changed && silencedBy.isEmpty && !acknowledged {
        routedTo = recipients.map(\.recipient).filter { Self.takes($0, event) }.map(\.id)
        for recipient in routedTo {
          try db.execute(
            sql: "INSERT INTO alert_route (event, recipient_id) VALUES (?, ?)",
            arguments: [eventRow, recipient]
          )
        }
      }
      return Notify.RaiseEventResponse(
        alert: try Self.alert(db, fingerprint)!,
        duplicate: false,
        routedTo: routedTo,
        silencedBy: silencedBy
      )
    }
  }

  /// Whether `recipient` is sent `event`: it takes alerts of that kind and severity, and answers
  /// for the event's region (KPU RI's recipients for every region).
  static func takes(_ recipient: Notify.Recipient, _ event: Notify.RaiseEventRequest) -> Bool {
    guard recipient.notices.contains(.alert), event.severity >= recipient.minimumSeverity,
      recipient.eventKinds?.contains(event.kind) ?? true
    else { return false }
    guard let scope = recipient.region else { return true }
    return event.region.map(scope.contains) ?? false
  }

  static func matches(_ matchers: Notify.Matchers, _ event: Notify.RaiseEventRequest) -> Bool {
    if let kind = matchers.kind, kind != event.kind { return false }
    if let subject = matchers.subject, subject != event.subject { return false }
    if let region = matchers.region, !(event.region.map(region.contains) ?? false) { return false }
    return true
  }

  /// Mutes a firing alert until it resolves; nil when there is no such alert.
  public func acknowledge(_ fingerprint: String, comment: String, by who: String) throws -> Notify.Alert? {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE alert SET acknowledged_by = ?, acknowledgement = ? WHERE fingerprint = ? AND firing",
        arguments: [who, comment, fingerprint]
      )
      return try Self.alert(db, fingerprint)
    }
  }

  /// One alert.
  public func alert(_ fingerprint: String) throws -> Notify.Alert? {
    try pool.read { db in try Self.alert(db, fingerprint) }
  }

  /// Firing alerts, then those resolved since `resolvedSince`, newest first within each.
  public func alerts(resolvedSince: Date) throws -> [Notify.Alert] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT * FROM alert WHERE firing OR last_event_at >= ? ORDER BY firing DESC, last_event_at DESC",
        arguments: [resolvedSince]
      )
      .map(Self.alert)
    }
  }

  /// Starts a silence.
  public func silence(_ request: Notify.SilenceRequest, by who: String, at now: Date) throws -> Notify.Silence
  {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO silence (kind, region, subject, starts_at, ends_at, comment, created_by)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          request.matchers.kind?.rawValue, request.matchers.region?.rawValue, request.matchers.subject, now,
          request.endsAt, request.comment, who,
        ]
      )
      return Notify.Silence(
        id: db.lastInsertedRowID,
        matchers: request.matchers,
        startsAt: now,
        endsAt: request.endsAt,
        comment: request.comment,
        createdBy: who
      )
    }
  }

  /// Ends a silence now; nil when there is none with `id`.
  public func endSilence(_ id: Int64, at now: Date) throws -> Notify.Silence? {
    try pool.write { db in
      try db.execute(sql: "UPDATE silence SET ends_at = MIN(ends_at, ?) WHERE id = ?", arguments: [now, id])
      return try Row.fetchOne(db, sql: "SELECT * FROM silence WHERE id = ?", arguments: [id]).map(
        Self.silence
      )
    }
  }

  /// Silences in force at `now` (soonest ending first), then those ended in the last 7 days.
  public func silences(at now: Date) throws -> [Notify.Silence] {
    try pool.read { db in try Self.silences(db, at: now, includingEnded: true) }
  }

  private static func silences(_ db: Database, at now: Date, includingEnded: Bool) throws -> [Notify.Silence]
  {
    let since = includingEnded ? now - 7 * 86_400 : now
    return try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM silence WHERE starts_at <= ? AND ends_at > ?
        ORDER BY ends_at <= ?, ends_at
        """,
      arguments: [now, since, now]
    )
    .map(silence)
  }

  /// The routed events of each recipient whose oldest has waited `wait` by `now`, oldest first.
  public func groupsDue(at now: Date, wait: TimeInterval) throws -> [String: [RoutedEvent]] {
    try pool.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT r.id AS route, r.recipient_id, a.kind, e.severity, a.region, a.subject, e.summary, e.resolved,
            e.occurred_at, e.received_at
          FROM alert_route r JOIN event e ON e.id = r.event JOIN alert a ON a.fingerprint = e.fingerprint
          WHERE NOT r.grouped ORDER BY r.id
          """
      )
      let routed = rows.map {
        RoutedEvent(
          route: $0["route"],
          recipientID: $0["recipient_id"],
          kind: Notify.EventKind(rawValue: $0["kind"]) ?? .notice,
          severity: Notify.Severity(rawValue: $0["severity"]) ?? .warning,
          region: ($0["region"] as String?).flatMap { try? RegionCode($0) },
          subject: $0["subject"],
          summary: $0["summary"],
          resolved: $0["resolved"],
          occurredAt: $0["occurred_at"],
          receivedAt: $0["received_at"]
        )
      }
      return Dictionary(grouping: routed, by: \.recipientID).filter { $0.value[0].receivedAt <= now - wait }
    }
  }

  /// Writes a group's notifications to the outbox and marks its events grouped, in one
  /// transaction; the drafts' dedup keys make a second run write nothing again.
  public func markGrouped(
    _ group: [RoutedEvent],
    writing drafts: [NotificationOutbox.Draft],
    at now: Date
  ) throws {
    try pool.write { db in
      for draft in drafts { _ = try NotificationOutbox.enqueue(draft, at: now, in: db) }
      for event in group {
        try db.execute(sql: "UPDATE alert_route SET grouped = 1 WHERE id = ?", arguments: [event.route])
      }
    }
  }

  /// Deletes events received before `cutoff` (and their routes, once grouped), and silences that
  /// ended before it; alerts stay, as the latest state of each condition.
  public func prune(before cutoff: Date) throws {
    try pool.write { db in
      let old = "SELECT id FROM event WHERE received_at < ?"
      try db.execute(sql: "DELETE FROM alert_route WHERE grouped AND event IN (\(old))", arguments: [cutoff])
      try db.execute(
        sql: "DELETE FROM event WHERE received_at < ? AND id NOT IN (SELECT event FROM alert_route)",
        arguments: [cutoff]
      )
      try db.execute(sql: "DELETE FROM silence WHERE ends_at < ?", arguments: [cutoff])
    }
  }

  private static func alert(_ db: Database, _ fingerprint: String) throws -> Notify.Alert? {
    try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE fingerprint = ?", arguments: [fingerprint]).map(
      alert
    )
  }

  private static func alert(_ row: Row) -> Notify.Alert {
    Notify.Alert(
      fingerprint: row["fingerprint"],
      kind: Notify.EventKind(rawValue: row["kind"]) ?? .notice,
      severity: Notify.Severity(rawValue: row["severity"]) ?? .warning,
      region: (row["region"] as String?).flatMap { try? RegionCode($0) },
      subject: row["subject"],
      summary: row["summary"],
      firing: row["firing"],
      since: row["since"],
      lastEventAt: row["last_event_at"],
      acknowledgedBy: row["acknowledged_by"],
      acknowledgement: row["acknowledgement"]
    )
  }

  private static func silence(_ row: Row) -> Notify.Silence {
    Notify.Silence(
      id: row["id"],
      matchers: Notify.Matchers(
        kind: (row["kind"] as String?).flatMap(Notify.EventKind.init(rawValue:)),
        region: (row["region"] as String?).flatMap { try? RegionCode($0) },
        subject: row["subject"]
      ),
      startsAt: row["starts_at"],
      endsAt: row["ends_at"],
      comment: row["comment"],
      createdBy: row["created_by"]
    )
  }
}
