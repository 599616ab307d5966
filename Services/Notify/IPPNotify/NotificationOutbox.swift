public import Foundation
public import GRDB
public import ServiceRuntime
public import NotifyAPI
public import IPPSchema

/// ipp-notify's durable outbox: every notification, its dedup key, its delivery state and every
/// attempt with the server's reply. A notification is written here before anything is sent, and
/// marked sent only after the server accepted it, so nothing acknowledged is lost; one that was
/// accepted just before a crash is sent again on restart with the same Message-ID.
public struct NotificationOutbox: Sendable {
  /// Where a notification stands: pending, sent or dead.
  public typealias State = Notify.NotificationRecord.State

  /// What a notification goes by (email or webhook).
  public enum Channel: String, Sendable, Codable {
    case email
    case webhook
  }

  /// A notification to write: everything but its delivery state.
  public struct Draft: Sendable, Equatable {
    /// Event, recipient and step: what makes it unique.
    public var dedupKey: String
    /// The recipient's id.
    public var recipientID: String
    public var channel: Channel
    /// The email address or webhook URL.
    public var recipient: String
    public var kind: Notify.NoticeKind
    public var region: RegionCode?
    public var subject: String
    /// The text body; for a webhook, the JSON body.
    public var text: String
    public var html: String?
    /// The recipient's zone, for the message's dates.
    public var zone: String
    /// Not sent before this (the end of quiet hours); nil for at once.
    public var notBefore: Date?

    public init(
      dedupKey: String,
      recipientID: String,
      channel: Channel,
      recipient: String,
      kind: Notify.NoticeKind,
      region: RegionCode?,
      subject: String,
      text: String,
      html: String? = nil,
      zone: String,
      notBefore: Date? = nil
    ) {
      self.dedupKey = dedupKey
      self.recipientID = recipientID
      self.channel = channel
      self.recipient = recipient
      self.kind = kind
      self.region = region
      self.subject = subject
      self.text = text
      self.html = html
      self.zone = zone
      self.notBefore = notBefore
    }
  }

  /// A notification as the outbox holds it.
  public struct Notification: Sendable, Equatable {
    public var id: Int64
    public var draft: Draft
    public var createdAt: Date
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?

    public var dedupKey: String { draft.dedupKey }
    public var recipient: String { draft.recipient }
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
    migrator.registerMigration("notify.2 outbox channels and recipients") { db in
      try db.alter(table: "notification") { table in
        table.add(column: "recipient_id", .text).notNull().defaults(to: "")
        table.add(column: "channel", .text).notNull().defaults(to: Channel.email.rawValue)
        table.add(column: "kind", .text).notNull().defaults(to: Notify.NoticeKind.deadlineReminder.rawValue)
        table.add(column: "region", .text)
      }
      try db.create(index: "notification_recipient", on: "notification", columns: ["recipient_id", "id"])
      try db.create(index: "notification_region", on: "notification", columns: ["region", "id"])
      try db.create(index: "delivery_attempt_notification", on: "delivery_attempt", columns: ["notification"])
    }
  }

  /// Queues a notification unless one with its dedup key exists: a restart, a retry or a double
  /// trigger never makes a second. Answers whether it was new.
  @discardableResult
  public func enqueue(_ draft: Draft, at now: Date) throws -> Bool {
    try pool.write { db in try Self.enqueue(draft, at: now, in: db) }
  }

  /// Queues each of `drafts` whose dedup key is new, in one transaction; answers how many were.
  @discardableResult
  public func enqueue(_ drafts: [Draft], at now: Date) throws -> Int {
    try pool.write { db in try drafts.filter { try Self.enqueue($0, at: now, in: db) }.count }
  }

  /// ``enqueue(_:at:)`` within a caller's transaction.
  static func enqueue(_ draft: Draft, at now: Date, in db: Database) throws -> Bool {
    try db.execute(
      sql: """
        INSERT INTO notification (dedup_key, recipient_id, channel, recipient, kind, region, subject, text, html,
          zone, created_at, state, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
        ON CONFLICT (dedup_key) DO NOTHING
        """,
      arguments: [
        draft.dedupKey, draft.recipientID, draft.channel.rawValue, draft.recipient, draft.kind.rawValue,
        draft.region?.rawValue, draft.subject, draft.text, draft.html, draft.zone, now,
        max(now, draft.notBefore ?? now),
      ]
    )
    return db.changesCount == 1
  }

  /// Whether a notification with `dedupKey` has been written.
  public func contains(_ dedupKey: String) throws -> Bool {
    try pool.read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM notification WHERE dedup_key = ?", arguments: [dedupKey])
        ?? false
    }
  }

  /// Pending notifications by `channel` due by `now`, oldest first, at most `limit`.
  public func due(_ channel: Channel, at now: Date, limit: Int) throws -> [Notification] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM notification WHERE state = 'pending' AND channel = ? AND next_attempt_at <= ?
          ORDER BY next_attempt_at, id LIMIT ?
          """,
        arguments: [channel.rawValue, now, limit]
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
    try list(state: state, limit: limit)
  }

  /// Notifications newest first (or, with `soonestFirst`, soonest due first), at most `limit`:
  /// in `state` if given, to `recipientID`, about `region` (a province takes in its kab/kota),
  /// within `scope` (a principal's: a region code whose own and whose kab/kota's notifications
  /// it sees; nil sees all), older than `beforeID`.
  public func list(
    state: State? = nil,
    recipientID: String? = nil,
    region: RegionCode? = nil,
    scope: String? = nil,
    limit: Int,
    beforeID: Int64? = nil,
    soonestFirst: Bool = false
  ) throws -> [Notification] {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let state {
      conditions.append("state = ?")
      arguments += [state.rawValue]
    }
    if let recipientID {
      conditions.append("recipient_id = ?")
      arguments += [recipientID]
    }
    for prefix in [region?.rawValue, scope].compactMap({ $0 }) {
      conditions.append("(region = ? OR region LIKE ?)")
      arguments += [prefix, prefix + ".%"]
    }
    if let beforeID {
      conditions.append("id < ?")
      arguments += [beforeID]
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let order = soonestFirst ? "next_attempt_at, id" : "id DESC"
    arguments += [limit]
    return try pool.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM notification \(filter) ORDER BY \(order) LIMIT ?",
        arguments: arguments
      )
      .map(Self.notification)
    }
  }

  /// How many notifications are in `state` (read from the index, so cheap for pending and dead
  /// however long the history).
  public func count(in state: State) throws -> Int {
    try pool.read { db in
      try Int.fetchOne(
        db,
        sql: "SELECT COUNT(*) FROM notification WHERE state = ?",
        arguments: [state.rawValue]
      ) ?? 0
    }
  }

  /// Deletes sent and dead notifications written before `cutoff`, with their attempts; answers how
  /// many. Pending ones stay whatever their age.
  @discardableResult
  public func prune(before cutoff: Date) throws -> Int {
    try pool.write { db in
      let old = "SELECT id FROM notification WHERE state != 'pending' AND created_at < ?"
      try db.execute(sql: "DELETE FROM delivery_attempt WHERE notification IN (\(old))", arguments: [cutoff])
      try db.execute(sql: "DELETE FROM notification WHERE id IN (\(old))", arguments: [cutoff])
      return db.changesCount
    }
  }

  /// One notification, if it exists.
  public func notification(_ id: Int64) throws -> Notification? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM notification WHERE id = ?", arguments: [id]).map(
        Self.notification
      )
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
      draft: Draft(
        dedupKey: row["dedup_key"],
        recipientID: row["recipient_id"],
        channel: Channel(rawValue: row["channel"]) ?? .email,
        recipient: row["recipient"],
        kind: Notify.NoticeKind(rawValue: row["kind"]) ?? .alert,
        region: (row["region"] as String?).flatMap { try? RegionCode($0) },
        subject: row["subject"],
        text: row["text"],
        html: row["html"],
        zone: row["zone"]
      ),
      createdAt: row["created_at"],
      state: State(rawValue: row["state"]) ?? .pending,
      attempts: row["attempts"],
      nextAttemptAt: row["next_attempt_at"],
      lastError: row["last_error"]
    )
  }
}
