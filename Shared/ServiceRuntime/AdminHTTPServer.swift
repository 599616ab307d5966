internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix
internal import Prometheus

/// The admin port, HTTP/1.1 for curl and Prometheus: `/healthz` (the process is alive),
/// `/readyz` (it can serve: database open, RPC port bound, not shutting down) and `/metrics`
/// (Prometheus text format).
final class AdminHTTPServer: Sendable {
  /// Answers whether the service can serve, and if not, why.
  typealias ReadinessCheck = @Sendable () -> (ready: Bool, reason: String)

  private let channel: any Channel

  private init(channel: any Channel) {
    self.channel = channel
  }

  /// The address bound.
  var localAddress: SocketAddress? { channel.localAddress }

  static func start(
    host: String,
    port: Int,
    readiness: @escaping ReadinessCheck,
    registry: PrometheusCollectorRegistry
  ) async throws -> AdminHTTPServer {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(Handler(readiness: readiness, registry: registry))
        }
      }
      .bind(host: host, port: port).get()
    return AdminHTTPServer(channel: channel)
  }

  func close() async {
    try? await channel.close()
  }

  private final class Handler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let readiness: ReadinessCheck
    let registry: PrometheusCollectorRegistry

    init(readiness: @escaping ReadinessCheck, registry: PrometheusCollectorRegistry) {
      self.readiness = readiness
      self.registry = registry
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .head(let request) = unwrapInboundIn(data) else { return }
      let (status, contentType, body): (HTTPResponseStatus, String, String)
      switch (request.method, request.uri.split(separator: "?").first.map(String.init) ?? "") {
      case (.GET, "/healthz"):
        (status, contentType, body) = (.ok, "text/plain", "ok\n")
      case (.GET, "/readyz"):
        let (ready, reason) = readiness()
        (status, contentType, body) = (ready ? .ok : .serviceUnavailable, "text/plain", reason + "\n")
      case (.GET, "/metrics"):
        (status, contentType, body) = (.ok, "text/plain; version=0.0.4", registry.emitToString())
      default:
        (status, contentType, body) = (
          .notFound, "text/plain", "not found: try /healthz, /readyz or /metrics\n"
        )
      }
      var headers = HTTPHeaders([("content-type", contentType), ("content-length", String(body.utf8.count))])
      if !request.isKeepAlive { headers.add(name: "connection", value: "close") }
      context.write(
        wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))),
        promise: nil
      )
      context.write(
        wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))),
        promise: nil
      )
      let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
      if !request.isKeepAlive {
        let channel = context.channel
        written.whenComplete { _ in channel.close(promise: nil) }
      }
    }
  }
}
