internal import RPCCore
internal import CNGHTTP2
internal import MessageFraming
internal import NIOCore
internal import Synchronization

/// The client's logic for one HTTP/2 connection: each call is a stream; its response messages
/// are handed to the caller as they arrive and acknowledged to the server on the stream (window
/// updates) only as the caller takes them, so a slow reader slows the server instead of buffering
/// without bound. The connection's window is given back as bytes arrive: a stream's window holds
/// one whole message, the connection's only 64 KiB, so holding it back until a message is whole
/// would stop every response larger than that.
final class ClientConnection: HTTP2Connection, @unchecked Sendable {
  /// One call's response side.
  final class Call: @unchecked Sendable {
    var reader: MessageFrameReader
    let messages: AsyncThrowingStream<(payload: [UInt8], wireBytes: Int), any Error>.Continuation
    var sawHeaders = false
    var isFinished = false
    var deadlineTimer: Scheduled<Void>?

    init(
      maxMessageSize: Int,
      messages: AsyncThrowingStream<(payload: [UInt8], wireBytes: Int), any Error>.Continuation
    ) {
      self.reader = MessageFrameReader(maxMessageSize: maxMessageSize)
      self.messages = messages
    }
  }

  /// A call the server never began: safe to send again whatever the method.
  struct NotProcessed: Error {}

  let session: HTTP2Session
  /// The loop the connection's channel runs on; everything here but `init` runs on it.
  let eventLoop: any EventLoop
  private let maxMessageSize: Int
  private var calls: [Int32: Call] = [:]
  private weak var handler: NGHTTP2ChannelHandler?
  /// False once the connection closed or the server sent GOAWAY. Set on the event loop, read by
  /// the client's connector from any thread.
  private let usable = Atomic(true)
  var isUsable: Bool { usable.load(ordering: .acquiring) }

  init(maxMessageSize: Int, eventLoop: any EventLoop) throws {
    self.maxMessageSize = maxMessageSize
    self.eventLoop = eventLoop
    session = try HTTP2Session(
      isServer: false,
      settings: [
        (NGHTTP2_SETTINGS_ENABLE_PUSH, 0),
        (NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, UInt32(maxMessageSize + MessageFrame.headerSize)),
      ]
    )
    session.delegate = self
  }

  /// Opens a stream for a call. Runs on the event loop.
  func start(
    headers: [HTTP2Header],
    payload: [UInt8],
    deadline: ContinuousClock.Instant?,
    messages: AsyncThrowingStream<(payload: [UInt8], wireBytes: Int), any Error>.Continuation
  ) throws -> Int32 {
    guard isUsable else { throw NotProcessed() }
    let streamID = try session.submitRequest(headers, body: MessageFrame.frame(payload))
    let call = Call(maxMessageSize: maxMessageSize, messages: messages)
    calls[streamID] = call
    if let deadline {
      let delay = (deadline - ContinuousClock.now).nanoseconds
      call.deadlineTimer = eventLoop.scheduleTask(in: .nanoseconds(max(0, delay))) { [self] in
        cancel(streamID: streamID, with: RPCError(code: .deadlineExceeded, message: "Deadline exceeded"))
      }
    }
    handler?.flush()
    return streamID
  }

  /// Ends a call from this side (the caller cancelled, or its deadline passed): RST_STREAM CANCEL.
  func cancel(streamID: Int32, with error: RPCError) {
    guard let call = calls[streamID], !call.isFinished else { return }
    session.reset(streamID: streamID, errorCode: NGHTTP2_CANCEL)
    finish(call, error: error)
    handler?.flush()
  }

  /// The caller took a message: let the server send that much more on the stream.
  func consumed(_ wireBytes: Int, streamID: Int32) {
    session.consumeStream(wireBytes, streamID: streamID)
    handler?.flush()
  }

  func connectionActive(_ handler: NGHTTP2ChannelHandler) {
    self.handler = handler
    handler.flush()
  }

  func connectionClosed() {
    usable.store(false, ordering: .releasing)
    for (_, call) in calls {
      finish(call, error: RPCError(code: .unavailable, message: "The connection closed during the call"))
    }
    calls.removeAll()
  }

  func outputDrained() {}

  func idleTimeout() {}

  /// Calls in flight end as the connection closes (``connectionClosed()``); nothing to add.
  func connectionFailed(_ error: any Error) {}

  func headersReceived(_ headers: [HTTP2Header], streamID: Int32, endStream: Bool) {
    guard let call = calls[streamID], !call.isFinished else { return }
    if !call.sawHeaders {
      call.sawHeaders = true
      let status = headers[":status"] ?? ""
      if status != "200" {
        return finish(
          call,
          error: RPCError(code: Self.code(forHTTPStatus: status), message: "HTTP status \(status)")
        )
      }
    }
    guard endStream else { return }
    // Trailers (or a trailers-only response): the call's status.
    guard let statusText = headers["grpc-status"], let code = Int(statusText) else {
      return finish(call, error: RPCError(code: .internal, message: "The response has no grpc-status"))
    }
    if code == 0 {
      guard call.reader.bufferedByteCount == 0 else {
        return finish(call, error: RPCError(code: .internal, message: "The response ended inside a message"))
      }
      finish(call, error: nil)
    } else {
      let message = headers["grpc-message"].map(GRPCMessageEncoding.decode) ?? ""
      finish(call, error: RPCError(code: RPCError.Code(rawValue: code), message: message))
    }
  }

  func dataReceived(_ data: UnsafeRawBufferPointer, streamID: Int32) {
    session.consumeConnection(data.count)
    guard let call = calls[streamID], !call.isFinished else {
      session.consumeStream(data.count, streamID: streamID)
      return
    }
    call.reader.append(data)
    do {
      while let payload = try call.reader.next() {
        call.messages.yield((payload, payload.count + MessageFrame.headerSize))
      }
    } catch {
      let code: RPCError.Code = error.code == .messageTooLarge ? .resourceExhausted : .internal
      cancel(streamID: streamID, with: RPCError(code: code, message: error.message))
    }
  }

  func endStreamReceived(streamID: Int32) {
    guard let call = calls[streamID], !call.isFinished else { return }
    finish(call, error: RPCError(code: .internal, message: "The response ended without trailers"))
  }

  func streamClosed(streamID: Int32, errorCode: UInt32) {
    guard let call = calls.removeValue(forKey: streamID) else { return }
    if !call.isFinished {
      let refused = errorCode == NGHTTP2_REFUSED_STREAM.rawValue
      finish(
        call,
        error: refused
          ? NotProcessed()
          : RPCError(code: .unavailable, message: "The server reset the stream (\(errorCode))")
      )
    }
  }

  func goAwayReceived(lastStreamID: Int32, errorCode: UInt32) {
    usable.store(false, ordering: .releasing)
    for (streamID, call) in calls where streamID > lastStreamID {
      finish(call, error: NotProcessed())
    }
  }

  private func finish(_ call: Call, error: (any Error)?) {
    guard !call.isFinished else { return }
    call.isFinished = true
    call.deadlineTimer?.cancel()
    if let error { call.messages.finish(throwing: error) } else { call.messages.finish() }
  }

  /// gRPC's mapping of HTTP statuses for responses that are not gRPC at all.
  private static func code(forHTTPStatus status: String) -> RPCError.Code {
    switch status {
    case "400": .internal
    case "401": .unauthenticated
    case "403": .permissionDenied
    case "404": .unimplemented
    case "429", "502", "503", "504": .unavailable
    default: .unknown
    }
  }
}
