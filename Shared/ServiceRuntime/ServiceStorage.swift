public import GRDB
internal import Foundation

/// A service's own SQLite database: a GRDB `DatabasePool` (WAL, so readers never wait for the
/// writer), a busy timeout, foreign keys on, the service's migrations applied and
/// `PRAGMA integrity_check` passed before anything is served, and online backups that are safe
/// while serving.
public final class ServiceStorage: Sendable {
  /// The database.
  public let pool: DatabasePool
  /// The database file.
  public let path: String

  /// Opens (creating if needed) `<directory>/<name>.sqlite`, migrates it and checks its integrity.
  public init(directory: String, name: String, migrator: DatabaseMigrator) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    path = "\(directory)/\(name).sqlite"
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(5)
    configuration.label = name
    pool = try DatabasePool(path: path, configuration: configuration)
    try migrator.migrate(pool)
    let result = try pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
    guard result == "ok" else {
      throw StorageError(message: "The integrity check of \(path) failed: \(result ?? "no result")")
    }
  }

  /// Copies the database, consistently, to a new file at `destination` while it keeps serving.
  public func backup(to destination: String) throws {
    guard !FileManager.default.fileExists(atPath: destination) else {
      throw StorageError(message: "\(destination) exists; a backup never overwrites a file")
    }
    let target = try DatabaseQueue(path: destination)
    try pool.backup(to: target)
    try target.close()
  }

  /// Closes the database; waits for the writes in progress.
  public func close() throws {
    try pool.close()
  }
}

/// A database that cannot be opened or trusted.
public struct StorageError: Error, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  public var description: String { message }
}
