internal import CBOR
internal import CNGHTTP2
internal import Foundation
internal import Logging
internal import MessageFraming
internal import NIOCore
internal import RPCCore

/// The server's logic for one HTTP/2 connection: each stream is a call, checked (method, content
/// type, route, token, timeout), its request message gathered, its handler run as a task, and its
/// responses and status sent back. Everything but the handler tasks runs on the connection's
/// event loop.
final class ServerConnection: HTTP2Connection, @unchecked Sendable {
  /// One call in progress. Touched only on the event loop; handler tasks hold it to hop back.
  private final class Call: @unchecked Sendable {
    let path: String
    let startedAt = ContinuousClock.now
    var requestID = ""
    var principal: Principal?
    var metadata = Metadata()
    var route: RPCRouter.Route?
    var reader: MessageFrameReader
    var request: [UInt8]?
    var task: Task<Void, Never>?
    var deadlineTimer: Scheduled<Void>?
    var deadline: ContinuousClock.Instant?
    var progress = Progress.receiving
    var writeWaiter: CheckedContinuation<Void, Never>?

    /// Where the call is: reading its request, in its handler, sending responses, or over.
    enum Progress {
      /// The request is being read; no handler runs yet.
      case receiving
      /// The handler runs (and the observer was told); nothing is sent yet.
      case handling
      /// The response headers are sent; messages and then the status follow.
      case responding
      /// The status was sent or the stream reset.
      case finished(reachedHandler: Bool)
    }

    var isFinished: Bool {
      if case .finished = progress { return true }
      return false
    }

    /// Whether the handler was started (and the observer told).
    var reachedHandler: Bool {
      switch progress {
      case .receiving: false
      case .handling, .responding: true
      case .finished(let reached): reached
      }
    }

    init(path: String, maxMessageSize: Int) {
      self.path = path
      self.reader = MessageFrameReader(maxMessageSize: maxMessageSize)
    }
  }

  /// Where the connection is in its life.
  private enum State {
    /// Connected; the first bytes (held here, fewer than the 24 of the HTTP/2 preface) have not
    /// yet shown whether the peer speaks HTTP/2.
    case awaitingPreface([UInt8])
    /// Serving calls.
    case serving
    /// GOAWAY sent: calls in flight finish, no new call starts; closes when none is left.
    case draining
    /// The peer spoke HTTP/1.x and was told what the port serves; closing.
    case refusedHTTP1
    /// Closed; every call has ended.
    case closed
  }

  /// A stream's unsent response bytes above which a streaming handler's writes wait.
  static let writeBufferLimit = 1024 * 1024
  /// Calls a client cancels on one connection before one warning says so (each is logged at
  /// debug and counted in `ipp_rpc_calls_total{status="CANCELLED"}`).
  static let cancellationWarningThreshold = 100
  /// What every HTTP/2 connection starts with (RFC 9113 §3.4).
  private static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

  let session: HTTP2Session
  private let router: RPCRouter
  private let authenticator: Authenticator
  private let configuration: RPCServer.Configuration
  private let observer: any RPCObserver
  private let logger: Logger
  private let peer: String
  /// Request ids made here are this random prefix and the stream id: unique without asking the
  /// system for randomness on every call.
  private let requestIDPrefix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
  private var calls: [Int32: Call] = [:]
  private weak var handler: NGHTTP2ChannelHandler?
  private var eventLoop: (any EventLoop)?
  /// Runs the handlers registered to run on the event loop.
  private var eventLoopExecutor: EventLoopTaskExecutor?
  private var state = State.awaitingPreface([])
  /// Calls the client cancelled (reset) on this connection.
  private var clientCancellations = 0
  private let onClose: @Sendable () -> Void

  init(
    peer: String,
    router: RPCRouter,
    authenticator: Authenticator,
    configuration: RPCServer.Configuration,
    observer: any RPCObserver,
    logger: Logger,
    onClose: @escaping @Sendable () -> Void
  ) throws {
    self.peer = peer
    self.router = router
    self.authenticator = authenticator
    self.configuration = configuration
    self.observer = observer
    self.logger = logger
    self.onClose = onClose
    session = try HTTP2Session(
      isServer: true,
      settings: [
        (NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, UInt32(configuration.maxConcurrentStreams)),
        (
          NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, UInt32(configuration.maxMessageSize + MessageFrame.headerSize)
        ),
      ]
    )
    session.delegate = self
  }

  func connectionActive(_ handler: NGHTTP2ChannelHandler) {
    self.handler = handler
    eventLoop = handler.eventLoop
    eventLoopExecutor = eventLoop.map(EventLoopTaskExecutor.init)
    handler.flush()
  }

  func connectionClosed() {
    state = .closed
    for (_, call) in calls { end(call, cancelling: true) }
    calls.removeAll()
    onClose()
  }

  /// Stops taking new calls: GOAWAY now, close once the calls in flight have ended.
  func drain() {
    switch state {
    case .serving:
      state = .draining
      session.submitGoAway()
      handler?.flush()
      closeIfDrained()
    case .awaitingPreface:
      state = .closed
      handler?.context?.close(promise: nil)
    case .draining, .refusedHTTP1, .closed:
      break
    }
  }

  func received(_ bytes: UnsafeRawBufferPointer) throws {
    guard case .awaitingPreface(var held) = state else {
      if case .refusedHTTP1 = state { return }
      return try session.receive(bytes)
    }
    held += bytes
    switch Self.classify(held) {
    case .undecided:
      state = .awaitingPreface(held)
    case .http1:
      state = .refusedHTTP1
      logger.debug("HTTP/1 request refused", metadata: ["ipp.peer": "\(peer)"])
      handler?.writeAndClose(http1Refusal)
    case .http2OrNot:
      // nghttp2 checks the preface itself and fails the connection on anything else.
      state = .serving
      try held.withUnsafeBytes { try session.receive($0) }
    }
  }

  var holdsOutput: Bool {
    switch state {
    case .awaitingPreface, .refusedHTTP1: true
    case .serving, .draining, .closed: false
    }
  }

  func connectionFailed(_ error: any Error) {
    // A peer that vanished (reset, broken pipe) is ordinary; anything else says something.
    let level: Logger.Level = error is IOError ? .debug : .warning
    logger.log(
      level: level,
      "connection closed on an error",
      metadata: ["ipp.peer": "\(peer)", "ipp.error": "\(error)"]
    )
  }

  /// What the first bytes of a connection say about the peer.
  private enum PeerKind {
    /// Too few bytes to tell.
    case undecided
    /// An HTTP/1.x request line: `GET / HTTP/1.1`.
    case http1
    /// The HTTP/2 preface, or something nghttp2 will refuse.
    case http2OrNot
  }

  private static func classify(_ bytes: [UInt8]) -> PeerKind {
    let compared = min(bytes.count, preface.count)
    if bytes.prefix(compared).elementsEqual(preface.prefix(compared)) {
      return bytes.count < preface.count ? .undecided : .http2OrNot
    }
    // A method token (RFC 9110 §9: uppercase letters in practice) and a space.
    let method = bytes.prefix { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    guard !method.isEmpty, method.count <= 16 else { return .http2OrNot }
    if method.count == bytes.count { return .undecided }
    return bytes[method.count] == UInt8(ascii: " ") ? .http1 : .http2OrNot
  }

  /// The answer to an HTTP/1.x request: 505 and a line saying what the port serves.
  private var http1Refusal: [UInt8] {
    let body = configuration.plainTextNotice + "\n"
    return Array(
      """
      HTTP/1.1 505 HTTP Version Not Supported\r
      Content-Type: text/plain; charset=utf-8\r
      Content-Length: \(body.utf8.count)\r
      Connection: close\r
      \r
      \(body)
      """.utf8
    )
  }

  /// The connection has been idle for the configured time: say goodbye.
  func idleTimeout() {
    session.submitGoAway()
    handler?.flush()
    handler?.context?.close(promise: nil)
  }

  // MARK: HTTP2SessionDelegate

  func headersReceived(_ headers: [HTTP2Header], streamID: Int32, endStream: Bool) {
    guard calls[streamID] == nil else { return }  // trailers from a client: nothing to do with them
    let path = headers[":path"] ?? ""
    let call = Call(path: path, maxMessageSize: configuration.maxMessageSize)
    call.requestID = headers["x-request-id"] ?? "\(requestIDPrefix)-\(streamID)"
    for header in headers
    where !header.name.hasPrefix(":") && !header.name.hasPrefix("grpc-")
      && !Self.reservedHeaders.contains(header.name)
    {
      call.metadata.add(lowercaseName: header.name, header.value)
    }
    calls[streamID] = call
    guard headers[":method"] == "POST" else {
      return respondHTTPError(streamID, call, status: "405", message: "gRPC calls are POST requests")
    }
    let contentType = headers["content-type"] ?? ""
    guard
      contentType == "application/grpc" || contentType.hasPrefix("application/grpc+")
        || contentType.hasPrefix("application/grpc;")
    else {
      return respondHTTPError(
        streamID,
        call,
        status: "415",
        message: "content-type must be application/grpc+cbor, not \(contentType)"
      )
    }
    guard let route = router.routes[path] else {
      return finish(
        streamID,
        call,
        error: RPCError(code: .unimplemented, message: "Method not found: \(path)")
      )
    }
    call.route = route
    if !route.access.isOpen {
      call.principal = authenticator.principal(forAuthorization: headers["authorization"])
    }
    if let refusal = route.access.refusal(of: call.principal, path: path) {
      return finish(streamID, call, error: refusal)
    }
    if let timeout = headers["grpc-timeout"] {
      guard let duration = GRPCTimeout.parse(timeout) else {
        return finish(
          streamID,
          call,
          error: RPCError(code: .invalidArgument, message: "Invalid grpc-timeout \(timeout)")
        )
      }
      call.deadline = ContinuousClock.now + duration
      call.deadlineTimer = eventLoop?.scheduleTask(in: .nanoseconds(duration.nanoseconds)) { [self] in
        finish(
          streamID,
          call,
          error: RPCError(code: .deadlineExceeded, message: "Deadline exceeded after \(timeout)")
        )
      }
    }
    if endStream { endStreamReceived(streamID: streamID) }
  }

  func dataReceived(_ data: UnsafeRawBufferPointer, streamID: Int32) {
    // Request bodies are bounded by the message size limit, so they are acknowledged as they
    // arrive; what a slow handler holds back is its responses (see writeBufferLimit).
    session.consume(data.count, streamID: streamID)
    guard let call = calls[streamID], !call.isFinished, call.route != nil else { return }
    call.reader.append(UnsafeRawBufferPointer(data))
    do {
      while let message = try call.reader.next() {
        guard call.request == nil else {
          return finish(
            streamID,
            call,
            error: RPCError(code: .invalidArgument, message: "A call takes one request message, not more")
          )
        }
        call.request = message
      }
    } catch {
      let code: RPCError.Code = error.code == .messageTooLarge ? .resourceExhausted : .internal
      finish(streamID, call, error: RPCError(code: code, message: error.message))
    }
  }

  func endStreamReceived(streamID: Int32) {
    guard let call = calls[streamID], !call.isFinished, let route = call.route else { return }
    guard let request = call.request, call.reader.bufferedByteCount == 0 else {
      let message =
        call.reader.bufferedByteCount > 0
        ? "The request ended inside a message" : "The call sent no request message"
      return finish(streamID, call, error: RPCError(code: .invalidArgument, message: message))
    }
    start(route, request: request, streamID: streamID, call: call)
  }

  func streamClosed(streamID: Int32, errorCode: UInt32) {
    guard let call = calls.removeValue(forKey: streamID) else { return }
    if !call.isFinished {
      // The client reset the stream: its handler is cancelled.
      end(call, cancelling: true)
      observer.callFinished(
        record(call, error: RPCError(code: .cancelled, message: "The client cancelled the call"))
      )
      clientCancellations += 1
      if clientCancellations == Self.cancellationWarningThreshold {
        logger.warning(
          "client cancelled many calls",
          metadata: [
            "ipp.peer": "\(peer)", "ipp.cancelled": "\(clientCancellations)",
            "ipp.hint": "each is logged at debug and counted in ipp_rpc_calls_total{status=\"CANCELLED\"}",
          ]
        )
      }
    }
    call.writeWaiter?.resume()
    call.writeWaiter = nil
    closeIfDrained()
  }

  func goAwayReceived(lastStreamID: Int32, errorCode: UInt32) {}

  func outputDrained() {
    for (streamID, call) in calls where call.writeWaiter != nil {
      if session.pendingBodyBytes(streamID: streamID) < Self.writeBufferLimit {
        call.writeWaiter?.resume()
        call.writeWaiter = nil
      }
    }
  }

  // MARK: Calls

  private func start(_ route: RPCRouter.Route, request: [UInt8], streamID: Int32, call: Call) {
    let context = RPCContext(
      path: call.path,
      principal: call.principal,
      deadline: call.deadline,
      metadata: call.metadata,
      peer: peer,
      requestID: call.requestID,
      serverLogger: logger
    )
    let sink = ResponseSink { [self] payload in try await send(payload, streamID: streamID, call: call) }
    guard let eventLoop, let eventLoopExecutor else { return }
    let executor: (any TaskExecutor)? = route.execution == .eventLoop ? eventLoopExecutor : nil
    call.progress = .handling
    observer.callStarted(call.path)
    call.task = Task(executorPreference: executor) {
      var failure: RPCError? = nil
      var response: [UInt8]? = nil
      do {
        response = try await route.run(request, context, sink)
      } catch {
        failure = RPCError(converting: error)
      }
      let (status, payload) = (failure, response)
      let end: @Sendable () -> Void = { [self] in
        if let payload, !call.isFinished {
          do {
            try enqueue(payload, streamID: streamID, call: call)
          } catch {
            return finish(
              streamID,
              call,
              error: RPCError(code: .internal, message: "The response could not be sent", cause: error)
            )
          }
        }
        finish(streamID, call, error: status)
      }
      if eventLoop.inEventLoop { end() } else { eventLoop.execute(end) }
    }
  }

  /// Sends one response message from a handler, waiting while too much is unsent.
  private func send(_ payload: [UInt8], streamID: Int32, call: Call) async throws {
    guard let eventLoop else { throw CancellationError() }
    let mustWait = try await eventLoop.submit { [self] () throws -> Bool in
      guard !call.isFinished else { throw RPCError(code: .cancelled, message: "The call has ended") }
      try enqueue(payload, streamID: streamID, call: call)
      handler?.scheduleFlush()
      return session.pendingBodyBytes(streamID: streamID) >= Self.writeBufferLimit
    }.get()
    if mustWait {
      await withCheckedContinuation { continuation in
        eventLoop.execute { [self] in
          if call.isFinished || session.pendingBodyBytes(streamID: streamID) < Self.writeBufferLimit {
            continuation.resume()
          } else {
            call.writeWaiter = continuation
          }
        }
      }
    }
  }

  /// Queues one response message, with the response headers before the first.
  private func enqueue(_ payload: [UInt8], streamID: Int32, call: Call) throws {
    if case .handling = call.progress {
      try session.submitResponse(Self.responseHeaders, streamID: streamID)
      call.progress = .responding
    }
    session.send(MessageFrame.frame(payload), streamID: streamID)
  }

  /// Ends a call with OK (`error` nil) or an error status, once.
  private func finish(_ streamID: Int32, _ call: Call, error: RPCError?) {
    guard !call.isFinished else { return }
    let trailers = Self.statusHeaders(error)
    do {
      if case .responding = call.progress {
        session.finish(streamID: streamID, trailers: trailers)
      } else {
        try session.submitTrailersOnly(Self.responseHeaders + trailers, streamID: streamID)
      }
    } catch {
      session.reset(streamID: streamID, errorCode: NGHTTP2_INTERNAL_ERROR)
    }
    end(call, cancelling: error != nil)
    observer.callFinished(record(call, error: error))
    handler?.scheduleFlush()
  }

  /// An HTTP-level refusal (not a gRPC status) for a request that is not a gRPC call: a wrong
  /// method or content type. The body is one line saying what the port serves, for curl or a
  /// browser; the gRPC status is there too, for a gRPC client that sent the wrong content type.
  private func respondHTTPError(_ streamID: Int32, _ call: Call, status: String, message: String) {
    call.progress = .finished(reachedHandler: false)
    do {
      try session.submitResponse(
        [
          HTTP2Header(":status", status), HTTP2Header("content-type", "text/plain; charset=utf-8"),
          HTTP2Header("grpc-status", String(RPCError.Code.internal.rawValue)),
          HTTP2Header("grpc-message", GRPCMessageEncoding.encode(message)),
        ],
        streamID: streamID
      )
      session.send(Array("\(message). \(configuration.plainTextNotice)\n".utf8), streamID: streamID)
      session.finish(streamID: streamID, trailers: nil)
    } catch {
      session.reset(streamID: streamID, errorCode: NGHTTP2_INTERNAL_ERROR)
    }
    observer.callFinished(
      record(call, error: RPCError(code: .internal, message: "HTTP \(status): \(message)"))
    )
    handler?.flush()
  }

  private func end(_ call: Call, cancelling: Bool) {
    call.progress = .finished(reachedHandler: call.reachedHandler)
    call.deadlineTimer?.cancel()
    call.deadlineTimer = nil
    if cancelling { call.task?.cancel() }
    call.writeWaiter?.resume()
    call.writeWaiter = nil
  }

  private func closeIfDrained() {
    if case .draining = state, calls.isEmpty { handler?.flush() }
  }

  private func record(_ call: Call, error: RPCError?) -> RPCCallRecord {
    RPCCallRecord(
      path: call.path,
      isOpen: call.route?.access.isOpen ?? false,
      peer: peer,
      principal: call.principal?.name,
      requestID: call.requestID,
      error: error,
      duration: ContinuousClock.now - call.startedAt,
      reachedHandler: call.reachedHandler
    )
  }

  private static let reservedHeaders: Set<String> = ["authorization", "content-type", "te", "user-agent"]

  private static let responseHeaders = [
    HTTP2Header(":status", "200"), HTTP2Header("content-type", "application/grpc+cbor"),
  ]

  private static func statusHeaders(_ error: RPCError?) -> [HTTP2Header] {
    guard let error else { return [HTTP2Header("grpc-status", "0")] }
    return [
      HTTP2Header("grpc-status", String(error.code.rawValue)),
      HTTP2Header("grpc-message", GRPCMessageEncoding.encode(error.message)),
    ]
  }
}
