/// Where the prober connects instead of where DNS would send it, as `curl --resolve` does: a
/// host (or every host under a domain, `*.kpu.go.id`) and port, to an address and port. Tests,
/// benchmarks and `make run` point every KPU host at a web farm on loopback with it; production
/// has none and probes the real sites.
public struct ResolveOverride: Sendable, Equatable, CustomStringConvertible {
  /// `kab-sragen.kpu.go.id` or `*.kpu.go.id`.
  public var host: String
  public var port: Int
  public var address: String
  public var targetPort: Int

  public init(host: String, port: Int, address: String, targetPort: Int) {
    self.host = host.lowercased()
    self.port = port
    self.address = address
    self.targetPort = targetPort
  }

  /// `HOST:PORT=ADDRESS:PORT`, such as `*.kpu.go.id:443=127.0.0.1:18443`.
  public init?(_ text: String) {
    let sides = text.split(separator: "=", omittingEmptySubsequences: false)
    guard sides.count == 2, let from = Self.hostAndPort(sides[0]), let to = Self.hostAndPort(sides[1]) else {
      return nil
    }
    self.init(host: from.host, port: from.port, address: to.host, targetPort: to.port)
  }

  public var description: String { "\(host):\(port)=\(address):\(targetPort)" }

  /// Whether this entry stands for `host` on `port`.
  public func matches(host other: String, port otherPort: Int) -> Bool {
    guard port == otherPort else { return false }
    let name = other.lowercased()
    return host.hasPrefix("*.") ? name.hasSuffix(host.dropFirst()) : name == host
  }

  private static func hostAndPort(_ text: Substring) -> (host: String, port: Int)? {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (1...65535).contains(port), colon > text.startIndex
    else { return nil }
    return (String(text[..<colon]), port)
  }
}
