internal import CBOR
public import RPCCore
public import NIOCore
public import NIOPosix
internal import NIOSSL
internal import Synchronization

/// Calls RPC methods on one server over one multiplexed HTTP/2 connection, made when first needed
/// and made again, after a jittered backoff, when it is lost. Idempotent methods are retried on
/// UNAVAILABLE; any method is retried when no connection could be made or the server refused its
/// stream before starting it, since then nothing reached a handler. A call's deadline bounds the
/// wait for a connection too: a call that runs out of time while connecting is DEADLINE_EXCEEDED.
public final class RPCClient: RPCCaller {
  /// Where to connect and how to call.
  public struct Configuration: Sendable {
    /// The server's host.
    public var host: String
    /// The server's port.
    public var port: Int
    /// Sent as `authorization: Bearer <token>` on every call.
    public var token: String?
    /// The largest response message accepted.
    public var maxMessageSize = 4 * 1024 * 1024
    /// Attempts per call, first included, where a retry is allowed.
    public var maxAttempts = 3
    /// The first retry's backoff; each next one doubles, up to ``maxBackoff``, with jitter.
    public var initialBackoff: Duration = .milliseconds(100)
    /// The longest backoff.
    public var maxBackoff: Duration = .seconds(2)
    /// How long a connection attempt may take.
    public var connectTimeout: Duration = .seconds(5)
    /// TLS with ALPN `h2`; nil speaks cleartext HTTP/2 with prior knowledge.
    public var tls: ClientTLS?

    /// A client of `host:port`, with an optional token.
    public init(host: String, port: Int, token: String? = nil) {
      self.host = host
      self.port = port
      self.token = token
    }
  }

  private let configuration: Configuration
  private let group: any EventLoopGroup
  private let connector: Connector

  /// A client; nothing connects until the first call.
  public init(configuration: Configuration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton)
  {
    self.configuration = configuration
    self.group = group
    self.connector = Connector(configuration: configuration, group: group)
  }

  /// Calls a unary method.
  public func unary<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions = CallOptions()
  ) async throws -> Response {
    precondition(method.kind == .unary, "\(method.path) is not unary")
    let payload = try CBOREncoder().encode(request)
    return try await withRetries(isIdempotent: method.isIdempotent) {
      var response: Response?
      try await self.perform(method.path, payload, options) { payload in
        guard response == nil else {
          throw RPCError(code: .internal, message: "A unary call got more than one response")
        }
        response = try method.decodeResponse(payload)
      }
      guard let response else { throw RPCError(code: .internal, message: "A unary call got no response") }
      return response
    }
  }

  /// Calls a server-streaming method, handing each response to `body` as it arrives. The server
  /// sends more only as `body` returns. A call is retried like a unary one only until its first
  /// response has been handed over.
  public func serverStreaming<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions = CallOptions(),
    body: (Response) async throws -> Void
  ) async throws {
    precondition(method.kind == .serverStreaming, "\(method.path) is not server-streaming")
    let payload = try CBOREncoder().encode(request)
    var delivered = false
    try await withRetries(isIdempotent: method.isIdempotent, mayRetry: { !delivered }) {
      try await self.perform(method.path, payload, options) {
        delivered = true
        try await body(try method.decodeResponse($0))
      }
    }
  }

  /// Calls the method at `path` (`/ipp.Scoring/Score`) with an encoded request, handing each
  /// encoded response message to `body`: for tools that call methods they have no types for, such
  /// as ippctl. Retried only when the server never took the call.
  public func call(
    path: String,
    request: [UInt8],
    options: CallOptions = CallOptions(),
    body: ([UInt8]) async throws -> Void
  ) async throws {
    var delivered = false
    try await withRetries(isIdempotent: false, mayRetry: { !delivered }) {
      try await self.perform(path, request, options) {
        delivered = true
        try await body($0)
      }
    }
  }

  /// Closes the connection.
  public func close() async {
    await connector.close()
  }

  private func withRetries<Result>(
    isIdempotent: Bool,
    mayRetry: () -> Bool = { true },
    _ attempt: () async throws -> Result
  )
    async throws -> Result
  {
    var backoff = configuration.initialBackoff
    for attemptNumber in 1... {
      do {
        return try await attempt()
      } catch is CancellationError {
        throw RPCError(code: .cancelled, message: "The call was cancelled")
      } catch let error as RPCError where error.code == .unavailable && isIdempotent {
        if attemptNumber >= configuration.maxAttempts || !mayRetry() { throw error }
      } catch is ClientConnection.NotProcessed {
        if attemptNumber >= configuration.maxAttempts || !mayRetry() {
          throw RPCError(code: .unavailable, message: "The server did not take the call")
        }
      } catch let failure as Connector.NotConnected {
        if attemptNumber >= configuration.maxAttempts { throw failure.error }
      }
      try await Task.sleep(for: backoff * Double.random(in: 0.5...1.0))
      backoff = min(backoff * 2, configuration.maxBackoff)
    }
    fatalError("unreachable")
  }

  private func perform(
    _ path: String,
    _ payload: [UInt8],
    _ options: CallOptions,
    onMessage: ([UInt8]) async throws -> Void
  ) async throws {
    let deadline = options.effectiveDeadline
    let connection = try await connection(before: deadline)
    var headers = [
      HTTP2Header(":method", "POST"), HTTP2Header(":scheme", configuration.tls == nil ? "http" : "https"),
      HTTP2Header(":path", path),
      HTTP2Header(":authority", "\(configuration.host):\(configuration.port)"),
      HTTP2Header("content-type", "application/grpc+cbor"), HTTP2Header("te", "trailers"),
    ]
    if let deadline {
      let remaining = deadline - ContinuousClock.now
      guard remaining > .zero else {
        throw RPCError(code: .deadlineExceeded, message: "The deadline had passed")
      }
      headers.append(HTTP2Header("grpc-timeout", GRPCTimeout.format(remaining)))
    }
    if let token = configuration.token { headers.append(HTTP2Header("authorization", "Bearer \(token)")) }
    for field in options.metadata { headers.append(HTTP2Header(field.name, field.value)) }
    let (messages, continuation) = AsyncThrowingStream<(payload: [UInt8], wireBytes: Int), any Error>
      .makeStream()
    let eventLoop = connection.eventLoop
    let requestHeaders = headers
    let streamID = try await eventLoop.submit {
      try connection.start(
        headers: requestHeaders,
        payload: payload,
        deadline: deadline,
        messages: continuation
      )
    }.get()
    try await withTaskCancellationHandler {
      do {
        for try await message in messages {
          eventLoop.execute { connection.consumed(message.wireBytes, streamID: streamID) }
          try await onMessage(message.payload)
        }
        try Task.checkCancellation()
      } catch is CancellationError {
        throw RPCError(code: .cancelled, message: "The call was cancelled")
      }
    } onCancel: {
      eventLoop.execute {
        connection.cancel(
          streamID: streamID,
          with: RPCError(code: .cancelled, message: "The call was cancelled")
        )
      }
    }
  }

  /// The connection, waited for until `deadline` at most; an attempt to connect that outlasts the
  /// wait goes on, for the calls that come next.
  private func connection(before deadline: ContinuousClock.Instant?) async throws -> ClientConnection {
    guard let deadline else { return try await connector.connection() }
    let connector = connector
    return try await withCheckedThrowingContinuation { continuation in
      let first = FirstResult(continuation)
      let timer = Task {
        try await Task.sleep(until: deadline, clock: .continuous)
        first.resume(
          with: .failure(RPCError(code: .deadlineExceeded, message: "The deadline passed while connecting"))
        )
      }
      Task {
        do {
          first.resume(with: .success(try await connector.connection()))
        } catch {
          first.resume(with: .failure(error))
        }
        timer.cancel()
      }
    }
  }
}

/// Resumes a continuation with the first of several results that race for it.
private final class FirstResult<Value: Sendable>: Sendable {
  private let continuation: Mutex<CheckedContinuation<Value, any Error>?>

  init(_ continuation: CheckedContinuation<Value, any Error>) {
    self.continuation = Mutex(continuation)
  }

  func resume(with result: Result<Value, any Error>) {
    continuation.withLock { waiting in
      waiting?.resume(with: result)
      waiting = nil
    }
  }
}

/// Holds the client's one connection, making a new one when it is gone.
private actor Connector {
  private let configuration: RPCClient.Configuration
  private let group: any EventLoopGroup
  private var current: ClientConnection?
  private var channel: (any Channel)?
  /// A connection being made, which concurrent callers wait for rather than each making one.
  private var connecting: Task<ClientConnection, any Error>?

  /// No connection could be made: nothing was sent, so any call may be tried again.
  struct NotConnected: Error {
    let error: RPCError
  }

  init(configuration: RPCClient.Configuration, group: any EventLoopGroup) {
    self.configuration = configuration
    self.group = group
  }

  func connection() async throws -> ClientConnection {
    if let current, current.isUsable, channel?.isActive == true { return current }
    if let connecting { return try await connecting.value }
    let attempt = Task { try await connect() }
    connecting = attempt
    defer { connecting = nil }
    let connection = try await attempt.value
    current = connection
    return connection
  }

  private func connect() async throws -> ClientConnection {
    let eventLoop = group.next()
    let connection = try ClientConnection(maxMessageSize: configuration.maxMessageSize, eventLoop: eventLoop)
    let tlsContext: NIOSSLContext?
    do {
      tlsContext = try configuration.tls?.makeContext()
    } catch {
      throw RPCError(code: .failedPrecondition, message: "Cannot set up TLS", cause: error)
    }
    let serverHostname = configuration.tls?.serverHostname ?? configuration.host
    do {
      let bootstrap = ClientBootstrap(group: eventLoop)
        .connectTimeout(.nanoseconds(configuration.connectTimeout.nanoseconds))
        .channelOption(.socketOption(.tcp_nodelay), value: 1)
        .channelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            if let tlsContext {
              try channel.pipeline.syncOperations.addHandler(
                try NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname)
              )
            }
            try channel.pipeline.syncOperations.addHandler(NGHTTP2ChannelHandler(connection: connection))
          }
        }
      // An address is connected to as it is, with no resolver and its queue in between.
      let channel =
        if let address = try? SocketAddress(ipAddress: configuration.host, port: configuration.port) {
          try await bootstrap.connect(to: address).get()
        } else {
          try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        }
      self.channel = channel
    } catch {
      throw NotConnected(
        error: RPCError(
          code: .unavailable,
          message: "Cannot connect to \(configuration.host):\(configuration.port)",
          cause: error
        )
      )
    }
    current = connection
    return connection
  }

  func close() async {
    try? await channel?.close()
    current = nil
    channel = nil
  }
}
