public import AsyncHTTPClient
public import Foundation
public import NIOCore
internal import NIOHTTPCompression
internal import NIOHTTP1
internal import NIOPosix
internal import NIOSSL

/// One HTTP(S) GET of a site's page with async-http-client: connect and total timeouts, a limit
/// on redirects (and none twice to the same place), and a cap on how much of the body is read.
/// Answers what a check records: the status, how long it took, the body's size and its first
/// bytes (for the dates in it), or why it failed.
public struct SiteProber: Sendable {
  /// The limits of one check.
  public struct Limits: Sendable {
    public var connectTimeout: TimeAmount = .seconds(10)
    public var totalTimeout: TimeAmount = .seconds(30)
    public var maxRedirects = 5
    /// Bytes of body read at most; the rest is not downloaded.
    public var bodyCap = 2 << 20

    public init() {}
  }

  /// What a check found.
  public struct Result: Sendable {
    /// The final status, when there was an answer.
    public var status: Int?
    public var latency: Duration
    /// Bytes of body read (at most the cap).
    public var bodyBytes: Int
    /// True when the body was longer than the cap.
    public var truncated: Bool
    /// The body read, as text (for freshness).
    public var body: String
    public var lastModified: String?
    /// Why it failed; nil when the site answered with a 2xx.
    public var failure: CheckFailure?
  }

  public let client: HTTPClient
  public let limits: Limits

  public init(client: HTTPClient, limits: Limits = Limits()) {
    self.client = client
    self.limits = limits
  }

  /// A client for the prober: redirects as `limits` say, through `proxyPort` (a
  /// ``ResolvingProxy``) when given, trusting `trustRoots` (PEM files) besides the system's.
  public static func makeClient(
    limits: Limits = Limits(),
    proxyPort: Int? = nil,
    trustRoots: [String] = []
  )
    throws -> HTTPClient
  {
    var tls = TLSConfiguration.makeClientConfiguration()
    if !trustRoots.isEmpty {
      tls.additionalTrustRoots = trustRoots.map { .file($0) }
    }
    var configuration = HTTPClient.Configuration(
      tlsConfiguration: tls,
      redirectConfiguration: .follow(max: limits.maxRedirects, allowCycles: false),
      timeout: .init(connect: limits.connectTimeout, read: limits.totalTimeout),
      proxy: proxyPort.map { .server(host: "127.0.0.1", port: $0) }
    )
    configuration.httpVersion = .http1Only
    configuration.decompression = .enabled(limit: .ratio(20))
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// GETs `url` once.
  public func check(_ url: String) async -> Result {
    let start = ContinuousClock.now
    var request = HTTPClientRequest(url: url)
    request.headers.add(name: "User-Agent", value: "ipp-monitor (KPU IPP Services)")
    request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
    // A site is checked minutes apart: a connection kept for the next check would only hold
    // memory here (553 of them, each with its TLS state) and a slot on the site's server.
    request.headers.add(name: "Connection", value: "close")
    do {
      let response = try await client.execute(request, timeout: limits.totalTimeout)
      var body: [UInt8] = []
      var truncated = false
      for try await chunk in response.body {
        let room = limits.bodyCap - body.count
        body += chunk.readableBytesView.prefix(room)
        if chunk.readableBytes > room {
          truncated = true
          break
        }
      }
      let status = Int(response.status.code)
      return Result(
        status: status,
        latency: ContinuousClock.now - start,
        bodyBytes: body.count,
        truncated: truncated,
        body: String(decoding: body, as: UTF8.self),
        lastModified: response.headers.first(name: "Last-Modified"),
        failure: (200..<300).contains(status) ? nil : .httpStatus(status)
      )
    } catch {
      return Result(
        status: nil,
        latency: ContinuousClock.now - start,
        bodyBytes: 0,
        truncated: false,
        body: "",
        lastModified: nil,
        failure: Self.failure(error)
      )
    }
  }

  /// What an error from async-http-client means for a site.
  static func failure(_ error: any Error) -> CheckFailure {
    if let error = error as? HTTPClientError {
      switch error {
      case .redirectLimitReached, .redirectCycleDetected: return .redirects
      case .deadlineExceeded, .readTimeout, .writeTimeout: return .timeout
      case .connectTimeout, .invalidProxyResponse, .remoteConnectionClosed: return .connect
      case .tlsHandshakeTimeout: return .tls("handshake timed out")
      default: return .connect
      }
    }
    if let error = error as? NIOSSLError { return .tls("\(error)") }
    if let error = error as? BoringSSLError { return .tls("\(error)") }
    if let error = error as? NIOConnectionError {
      return error.dnsAError != nil || error.dnsAAAAError != nil ? .dns : .connect
    }
    if error is ChannelError { return .connect }
    return .connect
  }
}
