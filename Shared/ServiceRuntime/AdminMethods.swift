public import Foundation
internal import GRDB
internal import Logging
public import RPC

/// `ipp.Admin`, answered by every service for the admin role: online backups of its database.
public enum Admin {
  /// Asks for a backup now.
  public struct BackupRequest: Codable, Sendable {
    /// A request.
    public init() {}
  }

  /// A backup that was made.
  public struct Backup: Codable, Sendable, Equatable {
    /// Its number, in the order made.
    public var id: Int64
    /// The file, under the service's state directory.
    public var path: String
    /// Its size.
    public var bytes: Int64
    /// When it was made.
    public var createdAt: Date
  }

  /// Asks for the backups made so far.
  public struct ListBackupsRequest: Codable, Sendable {
    /// A request.
    public init() {}
  }

  /// The backups made so far, oldest first.
  public struct ListBackupsResponse: Codable, Sendable {
    /// The backups.
    public var backups: [Backup]
  }

  /// Makes a consistent copy of the database while the service keeps serving, and records it.
  public static let backup = RPCMethod<BackupRequest, Backup>(
    service: "Admin", name: "Backup", isIdempotent: false)
  /// Lists the backups recorded.
  public static let listBackups = RPCMethod<ListBackupsRequest, ListBackupsResponse>(
    service: "Admin", name: "ListBackups", isIdempotent: true)

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
    in router: inout RPCRouter, storage: ServiceStorage, service: String, directory: String
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
        let id = try await storage.pool.write { db in
          try db.execute(
            sql: "INSERT INTO backup (path, bytes, created_at) VALUES (?, ?, ?)",
            arguments: [path, bytes, now])
          return db.lastInsertedRowID
        }
        context.logger.notice("backup made", metadata: ["ipp.path": "\(path)", "ipp.bytes": "\(bytes)"])
        return Backup(id: id, path: path, bytes: bytes, createdAt: now)
      } catch {
        throw RPCError(code: .internal, message: "The backup could not be made", cause: error)
      }
    }
    router.register(listBackups, access: .roles([.admin])) { _, _ in
      let rows = try storage.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT id, path, bytes, created_at FROM backup ORDER BY id")
      }
      return ListBackupsResponse(
        backups: rows.map {
          Backup(id: $0["id"], path: $0["path"], bytes: $0["bytes"], createdAt: $0["created_at"])
        })
    }
  }
}
