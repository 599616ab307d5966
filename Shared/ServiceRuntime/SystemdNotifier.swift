public import Foundation
#if canImport(Glibc)
  internal import Glibc
#endif

/// sd_notify without libsystemd: datagrams to `$NOTIFY_SOCKET` (a path, or an abstract socket
/// written `@name`). Does nothing when the variable is unset, so the same binary runs by hand.
public struct SystemdNotifier: Sendable {
  private let socketPath: String?

  /// A notifier for the socket in `environment`'s `NOTIFY_SOCKET`.
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// `READY=1` with a status line.
  public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
  /// A `STATUS=` line.
  public func status(_ status: String) { send("STATUS=\(status)") }
  /// `WATCHDOG=1`.
  public func watchdog() { send("WATCHDOG=1") }
  /// `STOPPING=1` with a status line.
  public func stopping(status: String) { send("STOPPING=1\nSTATUS=\(status)") }

  /// How often to send WATCHDOG=1: half of `WATCHDOG_USEC`, if it is set for this process.
  public static func watchdogInterval(
    environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> Duration?
  {
    guard let microseconds = environment["WATCHDOG_USEC"].flatMap(Int64.init), microseconds > 0 else {
      return nil
    }
    if let pid = environment["WATCHDOG_PID"].flatMap(Int32.init), pid != getpid() { return nil }
    return .microseconds(microseconds / 2)
  }

  /// Sends one notification; failures are ignored, as sd_notify's are.
  public func send(_ message: String) {
    guard let socketPath else { return }
    let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    var pathBytes = Array(socketPath.utf8)
    if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard pathBytes.count < capacity else { return }
    withUnsafeMutableBytes(of: &address.sun_path) { path in
      path.copyBytes(from: pathBytes)
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
    let bytes = Array(message.utf8)
    _ = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
        bytes.withUnsafeBytes {
          sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sockaddrPointer, length)
        }
      }
    }
  }
}
