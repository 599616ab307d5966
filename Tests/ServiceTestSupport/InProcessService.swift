public import Foundation
internal import Logging
public import RPCCore
public import ServiceRuntime

/// A service's whole router (health, admin and its own methods) over a fresh database in a
/// temporary directory, called in this process as any principal: how a service's handlers are
/// tested without sockets or a process. The directory is removed when this goes away.
public final class InProcessService: Sendable {
  /// The state directory.
  public let directory: URL
  /// The service's database.
  public let storage: ServiceStorage
  /// Every method the service answers.
  public let router: RPCRouter
  /// What the service's RPC server would check issued tokens with.
  public let issuedTokens: IssuedTokenVerifier

  /// `definition`'s methods over a new state directory, which `prepare` may fill first (with
  /// data files the service reads at start); issued tokens expire by `clock`.
  public init(
    _ definition: ServiceDefinition,
    clock: any WallClock = SystemClock(),
    prepare: (URL) throws -> Void = { _ in }
  ) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipp-test-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try prepare(directory)
    var logger = Logger(label: definition.name)
    logger.logLevel = .critical
    storage = try ServiceStorage(
      directory: directory.path,
      name: definition.name,
      migrator: definition.migrator
    )
    let settings = definition.settings.reduce(into: [String: String]()) { $0[$1.key] = $1.defaultValue }
    issuedTokens = IssuedTokenVerifier(clock: clock)
    router = try definition.router(
      ServiceContext(
        storage: storage,
        stateDirectory: directory.path,
        settings: settings,
        logger: logger,
        issuedTokens: issuedTokens
      )
    )
  }

  /// A caller of the service's methods as `principal` (nil: without a token).
  public func caller(as principal: Principal?) -> InProcessCaller {
    InProcessCaller(router: router, principal: principal)
  }

  deinit {
    try? storage.close()
    try? FileManager.default.removeItem(at: directory)
  }
}

extension Principal {
  /// KPU RI's admin: everything, everywhere.
  public static let testAdmin = Principal(name: "kpu-ri.admin", role: .admin)
  /// Another IPP service.
  public static let testService = Principal(name: "ipp-intake", role: .service)
  /// KPU Provinsi Jawa Tengah.
  public static let testProvince = Principal(name: "jateng.admin", role: .province, scope: "33")
  /// KPU Provinsi Jawa Timur: not Jawa Tengah's kab/kota.
  public static let testOtherProvince = Principal(name: "jatim.admin", role: .province, scope: "35")
  /// The operator of KPU Kabupaten Sragen.
  public static let testRegency = Principal(name: "sragen.operator", role: .regency, scope: "33.14")
  /// A read-only viewer.
  public static let testViewer = Principal(name: "viewer", role: .viewer)
}
