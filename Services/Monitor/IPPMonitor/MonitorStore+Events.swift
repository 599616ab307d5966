public import Foundation
public import GRDB
public import IPPSchema
public import NotifyAPI

/// The events ipp-monitor owes ipp-notify: written in the same transaction as the state change
/// they report, sent in order, kept until notify has taken them.
extension MonitorStore {
  /// An event waiting for notify.
  public struct PendingEvent: Sendable {
    public var id: Int64
    public var request: Notify.RaiseEventRequest
    public var attempts: Int
    public var nextAttemptAt: Date
  }

  static func registerEventMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("monitor.2 event outbox") { db in
      try db.create(table: "event_outbox") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("kind", .text).notNull()
        table.column("severity", .text).notNull()
        table.column("region", .text)
        table.column("subject", .text).notNull()
        table.column("summary", .text).notNull()
        table.column("resolved", .boolean).notNull()
        table.column("occurred_at", .datetime).notNull()
        table.column("state", .text).notNull().defaults(to: "waiting")
        table.column("attempts", .integer).notNull().defaults(to: 0)
        table.column("next_attempt_at", .datetime).notNull()
        table.column("last_error", .text)
      }
      try db.create(index: "event_outbox_waiting", on: "event_outbox", columns: ["state", "id"])
    }
  }

  /// Queues `event` within a caller's transaction.
  static func enqueue(_ event: Notify.RaiseEventRequest, in db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO event_outbox (kind, severity, region, subject, summary, resolved, occurred_at, next_attempt_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        event.kind.rawValue, event.severity.rawValue, event.region?.rawValue, event.subject, event.summary,
        event.resolved, event.occurredAt, event.occurredAt,
      ]
    )
  }

  /// The oldest event not yet taken by notify, if any.
  public func nextEvent() throws -> PendingEvent? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM event_outbox WHERE state = 'waiting' ORDER BY id LIMIT 1").map
      { row in
        let id: Int64 = row["id"]
        return PendingEvent(
          id: id,
          request: Notify.RaiseEventRequest(
            eventID: "ipp-monitor/\(id)",
            kind: Notify.EventKind(rawValue: row["kind"]) ?? .notice,
            severity: Notify.Severity(rawValue: row["severity"]) ?? .warning,
            region: (row["region"] as String?).flatMap { try? RegionCode($0) },
            subject: row["subject"],
            summary: row["summary"],
            resolved: row["resolved"],
            occurredAt: row["occurred_at"]
          ),
          attempts: row["attempts"],
          nextAttemptAt: row["next_attempt_at"]
        )
      }
    }
  }

  /// Marks an event taken (`sent`), refused for good (`refused`), or to be tried at `next`.
  public func markEvent(
    _ id: Int64,
    sent: Bool,
    refused: Bool = false,
    error: String? = nil,
    next: Date? = nil
  )
    throws
  {
    try pool.write { db in
      try db.execute(
        sql: """
          UPDATE event_outbox SET state = ?, attempts = attempts + 1, last_error = ?,
            next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?
          """,
        arguments: [sent ? "sent" : refused ? "refused" : "waiting", error, next, id]
      )
    }
  }

  /// How many events wait for notify.
  public func waitingEvents() throws -> Int {
    try pool.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event_outbox WHERE state = 'waiting'") ?? 0
    }
  }
}
