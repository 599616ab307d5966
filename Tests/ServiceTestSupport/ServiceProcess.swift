public import Foundation
internal import RPCCore
internal import ServiceRuntime
internal import Synchronization
public import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A real service executable started by a test, on free ports, with a state directory and token
/// file made for the test, and optionally its own NOTIFY_SOCKET.
public final class ServiceProcess: @unchecked Sendable {
  public let process = Process()
  /// The state directory and token file, removed when the last process using it goes away.
  public let folder: TemporaryDirectory
  public var directory: URL { folder.url }
  public let adminToken: String
  /// The admin HTTP port, once ``ready(_:folder:adminToken:extraTokenLines:arguments:)`` saw it.
  public var adminPort = 0
  let stderr = Pipe()
  /// What the process wrote to standard error, read as it comes so that a chatty service never
  /// blocks on a full pipe (the last 4 MB kept).
  private let errorText = Mutex("")

  /// The folder the test binaries and the executables are built into.
  public static let binDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    .deletingLastPathComponent()

  public init(
    _ executable: String = "ipp-intake",
    folder: TemporaryDirectory? = nil,
    adminToken: String = "admin-" + UUID().uuidString,
    extraTokenLines: [String] = [],
    arguments: [String] = [],
    environment: [String: String] = [:]
  ) throws {
    self.adminToken = adminToken
    self.folder = try folder ?? TemporaryDirectory("ipp-svc")
    let tokens = self.directory.appendingPathComponent("tokens")
    let lines = [TokenFile.line(for: adminToken, role: .admin, name: "kpu.ri")] + extraTokenLines
    try (lines.joined(separator: "\n") + "\n").write(
      to: tokens,
      atomically: true,
      encoding: .utf8
    )
    process.executableURL = Self.binDirectory.appendingPathComponent(executable)
    process.arguments =
      [
        "--state.directory", self.directory.appendingPathComponent("state").path, "--tokens.file",
        tokens.path,
        "--rpc.port", "0", "--admin.port", "0",
      ] + arguments
    var merged = ProcessInfo.processInfo.environment
    merged["NOTIFY_SOCKET"] = nil
    merged["WATCHDOG_USEC"] = nil
    merged.merge(environment) { $1 }
    process.environment = merged
    process.standardError = stderr
    process.standardOutput = FileHandle.nullDevice
    stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let text = String(decoding: handle.availableData, as: UTF8.self)
      self?.errorText.withLock {
        $0 += text
        if $0.utf8.count > 4 << 20 { $0 = String($0.suffix(2 << 20)) }
      }
    }
  }

  public func start() throws { try process.run() }

  /// The RPC and admin ports from the READY status line: `serving RPC on 127.0.0.1:P, admin on
  /// 127.0.0.1:Q`; ipp-web's names one port, `serving HTTP on 127.0.0.1:P` (admin 0).
  public static func ports(_ status: String) throws -> (rpc: Int, admin: Int) {
    let serving = status.range(of: "serving").map { status[$0.lowerBound...] } ?? status[...]
    let numbers = serving.split(whereSeparator: { !$0.isNumber && $0 != "." && $0 != ":" }).compactMap {
      $0.split(separator: ":").last.flatMap { Int($0) }
    }
    switch numbers.count {
    case 0: throw ServiceProcessError("no ports in \(status)")
    case 1: return (numbers[0], 0)
    default: return (numbers[numbers.count - 2], numbers[numbers.count - 1])
    }
  }

  /// Starts ipp-scoring with its own notification socket and waits until it is ready; returns it,
  /// its RPC port and a file holding its admin token (as `make run` writes var/admin.token).
  /// `executable` started and ready, with its admin token in a file beside its state.
  public static func ready(
    _ executable: String,
    folder: TemporaryDirectory? = nil,
    adminToken: String = "admin-" + UUID().uuidString,
    extraTokenLines: [String] = [],
    arguments: [String] = []
  ) async throws -> (service: ServiceProcess, rpcPort: Int, tokenFile: URL) {
    let notify = try NotifySocket()
    let service = try ServiceProcess(
      executable,
      folder: folder,
      adminToken: adminToken,
      extraTokenLines: extraTokenLines,
      arguments: arguments,
      environment: ["NOTIFY_SOCKET": notify.path]
    )
    try service.start()
    guard let status = await notify.await("READY=1") else {
      throw ServiceProcessError("\(executable) did not become ready: \(service.errorOutput)")
    }
    let (rpcPort, adminPort) = try ports(status)
    service.adminPort = adminPort
    let tokenFile = service.directory.appendingPathComponent("admin.token")
    try service.adminToken.write(to: tokenFile, atomically: true, encoding: .utf8)
    return (service, rpcPort, tokenFile)
  }

  /// Waits for the process to exit (on its own thread, off the cooperative pool) and returns its status.
  public func waitForExit() async -> Int32 {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        self.process.waitUntilExit()
        let handle = self.stderr.fileHandleForReading
        handle.readabilityHandler = nil
        let rest = String(decoding: handle.availableData, as: UTF8.self)
        self.errorText.withLock { $0 += rest }
        continuation.resume(returning: self.process.terminationStatus)
      }
    }
  }

  public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// GETs a path on the admin port with curl, returning the body.
  public static func httpGet(port: Int, path: String) async throws -> String {
    String(
      decoding: try await Program.run(["curl", "-s", "http://127.0.0.1:\(port)\(path)"]).output,
      as: UTF8.self
    )
  }

  /// Everything the process wrote to standard error so far (all of it once it has exited).
  public var errorOutput: String { errorText.withLock { $0 } }
}

/// A datagram socket standing in for systemd's notification socket.
public final class NotifySocket: @unchecked Sendable {
  public let path: String
  private let descriptor: Int32

  public init() throws {
    path =
      FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))")
      .path
    descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0 else { throw ServiceProcessError("cannot bind \(path)") }
    var timeout = timeval(tv_sec: 20, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit {
    close(descriptor)
    unlink(path)
  }

  /// The next notification, or nil after 20 s without one. Blocks a thread of its own.
  public func next() async -> String? {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(self.descriptor, &buffer, buffer.count, 0)
        continuation.resume(returning: count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil)
      }
    }
  }

  /// Reads notifications until one contains `text` (for at most 60 s); returns it.
  public func await(_ text: String) async -> String? {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline, let message = await next() {
      if message.contains(text) { return message }
    }
    return nil
  }
}

/// Why a service process could not be started or read.
public struct ServiceProcessError: Error, CustomStringConvertible {
  public let description: String

  init(_ description: String) {
    self.description = description
  }
}
