internal import Foundation
internal import GRDB
internal import IPPSchema
internal import Logging
internal import RPCCore

/// How every service answers `ipp.Admin` (messages in IPPSchema's ``Admin``): online backups
/// of its database, recorded in the runtime's own table.
extension Admin {
  /// The runtime's own tables, migrated before the service's.
  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("ipp.runtime.1 backups") { db in
      try db.create(table: "backup") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("path", .text).notNull().unique()
        table.column("bytes", .integer).notNull()
        table.column("created_at", .datetime).notNull()
      }
    }
  }

  /// Registers `ipp.Admin` for `storage`, writing backups under `directory`.
  static func register(
    in router: inout RPCRouter,
    storage: ServiceStorage,
    service: String,
    directory: String
  ) {
    router.register(backup, access: .roles([.admin])) { _, context in
      let now = Date()
      let stamp = now.formatted(
        .iso8601.year().month().day().time(includingFractionalSeconds: true).dateTimeSeparator(.standard)
      )
      .replacingOccurrences(of: ":", with: "")
      let path = "\(directory)/\(service)-\(stamp).sqlite"
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try storage.backup(to: path)
        let bytes =
          (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        // Answered as recorded (the time at the database's millisecond precision), so the answer
        // equals its entry in ListBackups.
        let backup = try await storage.pool.write { db in
          try db.execute(
            sql: "INSERT INTO backup (path, bytes, created_at) VALUES (?, ?, ?)",
            arguments: [path, bytes, now]
          )
          return try Row.fetchOne(
            db,
            sql: "SELECT id, path, bytes, created_at FROM backup WHERE id = ?",
            arguments: [db.lastInsertedRowID]
          ).map(Self.backup)!
        }
        context.logger.notice("backup made", metadata: ["ipp.path": "\(path)", "ipp.bytes": "\(bytes)"])
        return backup
      } catch {
        throw RPCError(code: .internal, message: "The backup could not be made", cause: error)
      }
    }
    router.register(listBackups, access: .roles([.admin])) { _, _ in
      let rows = try storage.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT id, path, bytes, created_at FROM backup ORDER BY id")
      }
      return ListBackupsResponse(backups: rows.map(Self.backup))
    }
  }

  private static func backup(_ row: Row) -> Backup {
    Backup(id: row["id"], path: row["path"], bytes: row["bytes"], createdAt: row["created_at"])
  }
}
