public import Foundation
public import GRDB
public import ServiceRuntime

/// ipp-notify's durable outbox: every notification, its dedup key, its delivery state and every
/// attempt with the server's reply. A notification is written here before anything is sent, and
/// marked sent only after the server accepted it, so nothing acknowledged is lost; one that was
/// accepted just before a crash is sent again on restart with the same Message-ID.
public struct NotificationOutbox: Sendable {
  /// Where a notification stands.
  public enum State: String, Sendable, Codable {
    /// Waiting for its next attempt.
    case pending
    /// The server accepted it.
    case sent
    /// Given up on: refused for good, or too many failed attempts. Visible, and resendable.
    case dead
  }

  /// A notification to send.
  public struct Notification: Sendable, Equatable {
    public var id: Int64
    /// Event, recipient and step: what makes it unique.
    public var dedupKey: String
    public var recipient: String
    public var subject: String
    public var text: String
    public var html: String?
    public var zone: String
    public var createdAt: Date
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
  }

  /// One delivery attempt.
  public struct Attempt: Sendable, Equatable {
    public var at: Date
    /// `sent`, `transient` or `permanent`.
    public var outcome: String
    /// The server's reply, or what went wrong.
    public var reply: String
  }

  let pool: DatabasePool

  public init(storage: ServiceStorage) {
    pool = storage.pool
  }

  public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("notify.1 outbox and attempts") { db in
      try db.create(table: "notification") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("dedup_key", .text).notNull().unique()
        table.column("recipient", .text).notNull()
        table.column("subject", .text).notNull()
        table.column("text", .text).notNull()
        table.column("html", .text)
        table.column("zone", .text).notNull()
        table.column("created_at", .datetime).notNull()
        table.column("state", .text).notNull()
        table.column("attempts", .integer).notNull()
        table.column("next_attempt_at", .datetime).notNull()
        table.column("last_error", .text)
      }
      try db.create(index: "notification_due", on: "notification", columns: ["state", "next_attempt_at"])
      try db.create(table: "delivery_attempt") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("notification", .integer).notNull().references("notification")
        table.column("at", .datetime).notNull()
        table.column("outcome", .text).notNull()
        table.column("reply", .text).notNull()
      }
    }
  }

  /// Queues a notification unless one with its dedup key exists: a restart, a retry or a double
  /// trigger never makes a second. Answers whether it was new.
  @discardableResult
  public func enqueue(
    dedupKey: String,
    recipient: String,
    subject: String,
    text: String,
    html: String?,
    zone: String,
    at now: Date
  ) throws -> Bool {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO notification (dedup_key, recipient, subject, text, html, zone, created_at, state, attempts,
            next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
          ON CONFLICT (dedup_key) DO NOTHING
          """,
        arguments: [dedupKey, recipient, subject, text, html, zone, now, now]
      )
      return db.changesCount == 1
    }
  }

  /// Pending notifications due by `now`, oldest first, at most `limit`.
  public func due(at now: Date, limit: Int) throws -> [Notification] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM notification WHERE state = 'pending' AND next_attempt_at <= ?
          ORDER BY next_attempt_at, id LIMIT ?
          """,
        arguments: [now, limit]
      )
      .map(Self.notification)
    }
  }

  /// Records that the server accepted `id`.
  public func markSent(_ id: Int64, reply: String, at now: Date) throws {
    try pool.write { db in
      try db.execute(
        sql:
          "UPDATE notification SET state = 'sent', attempts = attempts + 1, last_error = NULL WHERE id = ?",
        arguments: [id]
      )
      try Self.recordAttempt(db, id, outcome: "sent", reply: reply, at: now)
    }
  }

  /// Records a failed attempt: tried again at `retryAt`, or dead-lettered when that is nil.
  public func markFailed(_ id: Int64, transient: Bool, reply: String, retryAt: Date?, at now: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          UPDATE notification SET attempts = attempts + 1, last_error = ?, state = ?,
            next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?
          """,
        arguments: [reply, retryAt == nil ? State.dead.rawValue : State.pending.rawValue, retryAt, id]
      )
      try Self.recordAttempt(db, id, outcome: transient ? "transient" : "permanent", reply: reply, at: now)
    }
  }

  /// Puts a dead-lettered notification back in the queue, due at once with a fresh count of
  /// attempts (its earlier attempts stay in its history). Answers false when `id` is not dead.
  public func resend(_ id: Int64, at now: Date) throws -> Bool {
    try pool.write { db in
      try db.execute(
        sql: """
          UPDATE notification SET state = 'pending', attempts = 0, next_attempt_at = ?
          WHERE id = ? AND state = 'dead'
          """,
        arguments: [now, id]
      )
      return db.changesCount == 1
    }
  }

  /// Every notification in `state`, newest first, at most `limit`.
  public func notifications(in state: State, limit: Int = 1000) throws -> [Notification] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM notification WHERE state = ? ORDER BY id DESC LIMIT ?",
        arguments: [state.rawValue, limit]
      )
      .map(Self.notification)
    }
  }

  /// A notification's attempts, oldest first.
  public func attempts(of id: Int64) throws -> [Attempt] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT at, outcome, reply FROM delivery_attempt WHERE notification = ? ORDER BY id",
        arguments: [id]
      )
      .map { Attempt(at: $0["at"], outcome: $0["outcome"], reply: $0["reply"]) }
    }
  }

  private static func recordAttempt(
    _ db: Database,
    _ id: Int64,
    outcome: String,
    reply: String,
    at now: Date
  ) throws {
    try db.execute(
      sql: "INSERT INTO delivery_attempt (notification, at, outcome, reply) VALUES (?, ?, ?, ?)",
      arguments: [id, now, outcome, reply]
    )
  }

  private static func notification(_ row: Row) -> Notification {
    Notification(
      id: row["id"],
      dedupKey: row["dedup_key"],
      recipient: row["recipient"],
      subject: row["subject"],
      text: row["text"],
      html: row["html"],
      zone: row["zone"],
      createdAt: row["created_at"],
      state: State(rawValue: row["state"]) ?? .pending,
      attempts: row["attempts"],
      nextAttemptAt: row["next_attempt_at"],
      lastError: row["last_error"]
    )
  }
}
