public import Foundation
public import RPCCore

/// `ipp.Admin`, answered by every service for the admin role: online backups of its database.
public enum Admin {
  /// Asks for a backup now.
  public struct BackupRequest: Codable, Sendable {
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

    public init(id: Int64, path: String, bytes: Int64, createdAt: Date) {
      self.id = id
      self.path = path
      self.bytes = bytes
      self.createdAt = createdAt
    }
  }

  /// Asks for the backups made so far.
  public struct ListBackupsRequest: Codable, Sendable {
    public init() {}
  }

  /// The backups made so far, oldest first.
  public struct ListBackupsResponse: Codable, Sendable {
    /// The backups.
    public var backups: [Backup]

    public init(backups: [Backup]) {
      self.backups = backups
    }
  }

  /// Makes a consistent copy of the database while the service keeps serving, and records it.
  public static let backup = RPCMethod<BackupRequest, Backup>(
    service: "Admin",
    name: "Backup",
    isIdempotent: false
  )
  /// Lists the backups recorded.
  public static let listBackups = RPCMethod<ListBackupsRequest, ListBackupsResponse>(
    service: "Admin",
    name: "ListBackups",
    isIdempotent: true
  )

  /// A typed client of `ipp.Admin` on any service.
  public struct Client<Caller: RPCCaller>: Sendable {
    private let caller: Caller

    public init(_ caller: Caller) {
      self.caller = caller
    }

    /// Makes a backup now.
    public func backup(options: CallOptions = CallOptions()) async throws -> Backup {
      try await caller.unary(Admin.backup, BackupRequest(), options: options)
    }

    /// The backups made so far.
    public func listBackups(options: CallOptions = CallOptions()) async throws -> ListBackupsResponse {
      try await caller.unary(Admin.listBackups, ListBackupsRequest(), options: options)
    }
  }
}
