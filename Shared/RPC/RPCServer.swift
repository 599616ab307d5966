public import RPCCore
public import Logging
public import NIOCore
public import NIOPosix
internal import NIOSSL
internal import Synchronization

/// Serves registered RPC methods over HTTP/2 on one TCP port: cleartext with prior knowledge, or
/// TLS with ALPN `h2`.
///
/// Limits: concurrent streams per connection (SETTINGS_MAX_CONCURRENT_STREAMS), connections in
/// all, message size, and an idle timeout after which a connection with nothing going on, or a
/// peer that stopped reading, is closed. ``shutdown()`` sends GOAWAY, lets calls in flight finish
/// within the drain time, then closes what is left.
public final class RPCServer: Sendable {
  /// How the server listens and what it allows.
  public struct Configuration: Sendable {
    /// The address to bind; loopback by default.
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one (see ``RPCServer/start()``).
    public var port = 0
    /// Streams a client may have open at once on one connection.
    public var maxConcurrentStreams = 100
    /// Connections open at once; more are closed as they arrive.
    public var maxConnections = 1000
    /// The largest request message, in bytes (RESOURCE_EXHAUSTED above it).
    public var maxMessageSize = 4 * 1024 * 1024
    /// A connection that neither reads nor writes for this long is closed.
    public var idleTimeout: Duration = .seconds(300)
    /// How long ``RPCServer/shutdown()`` waits for calls in flight.
    public var drainTime: Duration = .seconds(10)
    /// TLS with ALPN `h2`; nil serves cleartext HTTP/2 with prior knowledge.
    public var tls: ServerTLS?
    /// The line a peer that is not a gRPC client (curl, a browser, a load balancer's probe) is
    /// answered with: what the port serves and where to look instead.
    public var plainTextNotice =
      "This port serves gRPC over HTTP/2 with prior knowledge (POST /ipp.<Service>/<Method>, content-type application/grpc+cbor); see docs/protocol.md."
    /// A socket already bound and listening (one systemd passed: socket activation) to accept on
    /// instead of binding ``host`` and ``port``.
    public var listeningSocket: CInt?

    /// The defaults: 127.0.0.1, a free port, 100 streams, 1000 connections, 4 MiB, 300 s idle, 10 s drain.
    public init() {}
  }

  private let configuration: Configuration
  private let router: RPCRouter
  private let authenticator: Authenticator
  private let logger: Logger
  private let observer: any RPCObserver
  private let group: any EventLoopGroup
  private let state = Mutex(State())

  private struct State {
    var listener: (any Channel)?
    var tlsContext: NIOSSLContext?
    var connections: [ObjectIdentifier: ConnectionEntry] = [:]
  }

  private struct ConnectionEntry: @unchecked Sendable {
    var connection: ServerConnection
    var channel: any Channel
  }

  /// A server for `router`'s methods, checking tokens with `authenticator`.
  public init(
    configuration: Configuration,
    router: RPCRouter,
    authenticator: Authenticator,
    logger: Logger,
    observer: (any RPCObserver)? = nil,
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) {
    self.configuration = configuration
    self.router = router
    self.authenticator = authenticator
    self.logger = logger
    self.observer = observer ?? LoggingMetricsObserver(logger: logger)
    self.group = group
  }

  /// Binds the port (or takes over ``Configuration/listeningSocket``) and starts accepting
  /// connections; returns the address listened on.
  @discardableResult
  public func start() async throws -> SocketAddress {
    let tlsContext = try configuration.tls?.makeContext()
    state.withLock { $0.tlsContext = tlsContext }
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(.backlog, value: 256)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .childChannelInitializer { [self] channel in accept(channel) }
    let listener = try await
      (configuration.listeningSocket.map { bootstrap.withBoundSocket($0) }
      ?? bootstrap.bind(host: configuration.host, port: configuration.port)).get()
    state.withLock { $0.listener = listener }
    logger.info(
      "listening",
      metadata: [
        "ipp.address": "\(listener.localAddress?.hostAndPort ?? "?")"
      ]
    )
    return listener.localAddress!
  }

  /// Stops accepting, sends GOAWAY on every connection, waits up to the drain time for calls in
  /// flight, then closes every connection.
  public func shutdown() async {
    let (listener, entries) = state.withLock { ($0.listener, Array($0.connections.values)) }
    try? await listener?.close()
    for entry in entries {
      entry.channel.eventLoop.execute { entry.connection.drain() }
    }
    let closed = entries.map(\.channel.closeFuture)
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        for future in closed { try? await future.get() }
      }
      group.addTask { [configuration] in try? await Task.sleep(for: configuration.drainTime) }
      await group.next()
      group.cancelAll()
    }
    for entry in entries {
      try? await entry.channel.close()
    }
  }

  /// How many connections are open.
  public var connectionCount: Int { state.withLock { $0.connections.count } }

  private func accept(_ channel: any Channel) -> EventLoopFuture<Void> {
    let peer = channel.remoteAddress?.hostAndPort ?? "unknown"
    let id = ObjectIdentifier(channel)
    let tooMany = state.withLock { $0.connections.count >= configuration.maxConnections }
    if tooMany {
      logger.warning("connection refused: too many connections", metadata: ["ipp.peer": "\(peer)"])
      return channel.close()
    }
    do {
      let connection = try ServerConnection(
        peer: peer,
        router: router,
        authenticator: authenticator,
        configuration: configuration,
        observer: observer,
        logger: logger
      ) { [weak self] in
        _ = self?.state.withLock { $0.connections.removeValue(forKey: id) }
      }
      state.withLock { $0.connections[id] = ConnectionEntry(connection: connection, channel: channel) }
      let idle = TimeAmount.nanoseconds(configuration.idleTimeout.nanoseconds)
      let tlsContext = state.withLock { $0.tlsContext }
      return channel.eventLoop.makeCompletedFuture {
        if let tlsContext {
          try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext))
        }
        try channel.pipeline.syncOperations.addHandlers([
          IdleStateHandler(allTimeout: idle), NGHTTP2ChannelHandler(connection: connection),
        ])
      }
    } catch {
      return channel.eventLoop.makeFailedFuture(error)
    }
  }
}
