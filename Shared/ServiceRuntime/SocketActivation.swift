internal import Foundation

#if canImport(Glibc)
  internal import Glibc
#endif

/// The listening sockets systemd passes to a socket-activated service (sd_listen_fds(3)): they
/// start at descriptor 3, `LISTEN_FDS` says how many, `LISTEN_FDNAMES` their names
/// (`FileDescriptorName=` in the .socket unit), and `LISTEN_PID` which process they are for.
enum SocketActivation {
  /// The first passed descriptor (`SD_LISTEN_FDS_START`).
  static let firstDescriptor: CInt = 3

  /// The socket to serve RPC on, when systemd passed this process any: the one named `rpc`, else
  /// the first. The variables are removed and the descriptors closed on exec, so no child
  /// process takes them for its own.
  static func takeRPCListener(from environment: [String: String]) -> CInt? {
    defer {
      for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) }
    }
    guard environment["LISTEN_PID"].flatMap({ pid_t($0) }) == getpid(),
      let count = environment["LISTEN_FDS"].flatMap({ Int($0) }), count > 0
    else { return nil }
    let names = environment["LISTEN_FDNAMES"]?.split(separator: ":", omittingEmptySubsequences: false) ?? []
    for descriptor in firstDescriptor..<(firstDescriptor + CInt(count)) {
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }
    let index = names.prefix(count).firstIndex(of: "rpc") ?? 0
    return firstDescriptor + CInt(index)
  }
}
