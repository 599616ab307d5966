package import NIOCore

extension SocketAddress {
  /// `127.0.0.1:7401` or `[::1]:7401`, for logs and status lines.
  package var hostAndPort: String {
    let host = ipAddress ?? "?"
    return host.contains(":") ? "[\(host)]:\(port ?? 0)" : "\(host):\(port ?? 0)"
  }
}
