internal import Logging
public import NIOCore
internal import NIOHTTP1
internal import NIOPosix

/// An HTTP CONNECT proxy on loopback that sends each tunnel where a ``ResolveOverride`` says:
/// how the prober's requests through async-http-client (which has no resolver hook, but tunnels
/// every proxied request, HTTP or HTTPS, with CONNECT) reach local stand-ins for the KPU hosts.
/// TLS runs end to end through the tunnel, so the certificate is checked against the real host
/// name. A host no entry covers is refused (403): nothing leaves the machine through it.
public final class ResolvingProxy: Sendable {
  private let channel: any Channel
  /// The port it listens on, on 127.0.0.1.
  public let port: Int

  private init(channel: any Channel) {
    self.channel = channel
    self.port = channel.localAddress?.port ?? 0
  }

  /// Starts the proxy on a free loopback port (waiting for the bind: called once at start).
  public static func start(overrides: [ResolveOverride], group: any EventLoopGroup) throws -> ResolvingProxy {
    let channel = try ServerBootstrap(group: group)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          let decoder = ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes))
          let encoder = HTTPResponseEncoder()
          try channel.pipeline.syncOperations.addHandlers([
            decoder, encoder, ConnectHandler(overrides: overrides, decoder: decoder, encoder: encoder),
          ])
        }
      }
      .bind(host: "127.0.0.1", port: 0).wait()
    return ResolvingProxy(channel: channel)
  }

  public func stop() async {
    try? await channel.close()
  }
}

/// Answers one CONNECT: connects to the overridden address, says 200, then glues the two
/// connections together.
private final class ConnectHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let overrides: [ResolveOverride]
  private let decoder: ByteToMessageHandler<HTTPRequestDecoder>
  private let encoder: HTTPResponseEncoder
  private var answered = false

  init(
    overrides: [ResolveOverride],
    decoder: ByteToMessageHandler<HTTPRequestDecoder>,
    encoder: HTTPResponseEncoder
  ) {
    self.overrides = overrides
    self.decoder = decoder
    self.encoder = encoder
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard case .head(let head) = unwrapInboundIn(data), !answered else { return }
    answered = true
    let target = head.uri.split(separator: ":")
    guard head.method == .CONNECT, target.count == 2, let port = Int(target[1]),
      let entry = overrides.first(where: { $0.matches(host: String(target[0]), port: port) })
    else {
      respond(context, .forbidden, thenClose: true)
      return
    }
    let client = context.channel
    let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
    ClientBootstrap(group: context.eventLoop)
      .connectTimeout(.seconds(10))
      .connect(host: entry.address, port: entry.targetPort)
      .whenComplete { result in
        let (handler, context) = loopBound.value
        switch result {
        case .success(let server):
          handler.respond(context, .ok, thenClose: false)
          let (clientGlue, serverGlue) = GlueHandler.pair()
          do {
            try context.pipeline.syncOperations.removeHandler(handler.encoder)
            try context.pipeline.syncOperations.removeHandler(handler.decoder)
            try context.pipeline.syncOperations.addHandler(clientGlue)
            try context.pipeline.syncOperations.removeHandler(handler)
            try server.pipeline.syncOperations.addHandler(serverGlue)
          } catch {
            client.close(promise: nil)
            server.close(promise: nil)
          }
        case .failure:
          handler.respond(context, .badGateway, thenClose: true)
        }
      }
  }

  private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, thenClose: Bool) {
    var headers = HTTPHeaders()
    if thenClose { headers.add(name: "Connection", value: "close") }
    headers.add(name: "Content-Length", value: "0")
    context.write(
      wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
      promise: nil
    )
    let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
    if thenClose { done.whenComplete { _ in context.close(promise: nil) } }
  }
}

/// One half of a pair that passes bytes between two channels, each half writing what the other
/// reads, with backpressure, and closing both when one closes.
private final class GlueHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = NIOAny
  typealias OutboundIn = NIOAny
  typealias OutboundOut = NIOAny

  private var partner: GlueHandler?
  private var context: ChannelHandlerContext?
  private var pendingRead = false

  static func pair() -> (GlueHandler, GlueHandler) {
    let (first, second) = (GlueHandler(), GlueHandler())
    first.partner = second
    second.partner = first
    return (first, second)
  }

  func handlerAdded(context: ChannelHandlerContext) { self.context = context }

  func handlerRemoved(context: ChannelHandlerContext) {
    self.context = nil
    partner = nil
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) { partner?.write(data) }

  func channelReadComplete(context: ChannelHandlerContext) { partner?.flush() }

  func channelInactive(context: ChannelHandlerContext) { partner?.close() }

  func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    if context.channel.isWritable { partner?.becameWritable() }
  }

  func read(context: ChannelHandlerContext) {
    if partner?.isWritable ?? true { context.read() } else { pendingRead = true }
  }

  private var isWritable: Bool { context?.channel.isWritable ?? false }

  private func write(_ data: NIOAny) { context?.write(data, promise: nil) }

  private func flush() { context?.flush() }

  private func close() { context?.close(promise: nil) }

  private func becameWritable() {
    guard pendingRead, let context else { return }
    pendingRead = false
    context.read()
  }
}
