internal import CNGHTTP2
internal import MessageFraming

/// What an ``HTTP2Session`` reads, handed to the server or client connection that owns it.
protocol HTTP2SessionDelegate: AnyObject {
  /// A stream's header block (request headers, response headers or trailers) is complete.
  func headersReceived(_ headers: [HTTP2Header], streamID: Int32, endStream: Bool)
  /// Payload bytes arrived on a stream.
  func dataReceived(_ data: UnsafeRawBufferPointer, streamID: Int32)
  /// The peer ended its side of a stream with an empty DATA frame.
  func endStreamReceived(streamID: Int32)
  /// A stream closed; `errorCode` is 0 when it ended normally, else the RST_STREAM or GOAWAY code.
  func streamClosed(streamID: Int32, errorCode: UInt32)
  /// The peer sent GOAWAY: no stream above `lastStreamID` will be processed.
  func goAwayReceived(lastStreamID: Int32, errorCode: UInt32)
}

/// Owns one `nghttp2_session` (server or client side) and its lifetime: bytes in through
/// `nghttp2_session_mem_recv`, bytes out through `nghttp2_session_mem_send`, and the per-stream
/// response bodies that nghttp2's data provider pulls from.
///
/// Not thread-safe, as nghttp2 is not: every call happens on the connection's event loop.
final class HTTP2Session {
  /// An outgoing body: bytes waiting for nghttp2 to send, and what ends it.
  private struct OutgoingBody {
    var buffer: [UInt8] = []
    var readIndex = 0
    var isFinished = false
    /// Sent as a trailing HEADERS frame after the body; nil ends the stream with the last DATA.
    var trailers: [HTTP2Header]? = nil
    var pending: Int { buffer.count - readIndex }
  }

  /// An nghttp2 call failed; the connection cannot go on.
  struct SessionError: Error, CustomStringConvertible {
    var function: String
    var code: Int
    var description: String { "\(function) failed: \(String(cString: nghttp2_strerror(Int32(code))))" }
  }

  /// The peer broke a rule of RFC 9113 that nghttp2 lets through; the connection ends with
  /// GOAWAY PROTOCOL_ERROR.
  struct ProtocolViolation: Error, CustomStringConvertible {
    var description: String
  }

  private var session: OpaquePointer?
  private let isServer: Bool
  /// The highest stream id the client has opened (server side).
  private var highestPeerStreamID: Int32 = 0
  /// Set by a callback that found a violation, for ``receive(_:)`` to throw.
  private var violation: ProtocolViolation?
  private var bodies: [Int32: OutgoingBody] = [:]
  private var headerBlocks: [Int32: [HTTP2Header]] = [:]
  weak var delegate: (any HTTP2SessionDelegate)?

  /// A session for the server or the client side of a connection, with the SETTINGS it sends first.
  /// Received DATA is only acknowledged to the peer (window updates) through ``consume(_:streamID:)``.
  init(isServer: Bool, settings: [(nghttp2_settings_id, UInt32)]) throws {
    self.isServer = isServer
    var callbacks: OpaquePointer?
    nghttp2_session_callbacks_new(&callbacks)
    defer { nghttp2_session_callbacks_del(callbacks) }
    Self.install(into: callbacks)
    var option: OpaquePointer?
    nghttp2_option_new(&option)
    defer { nghttp2_option_del(option) }
    nghttp2_option_set_no_auto_window_update(option, 1)
    // No priority tree is kept, so a closed stream is freed at once. Otherwise libnghttp2 1.52
    // keeps up to SETTINGS_MAX_CONCURRENT_STREAMS closed streams per connection (a few hundred
    // bytes each): 18 MiB of ipp-intake's heap with 545 connections in the soak.
    nghttp2_option_set_no_closed_streams(option, 1)
    let userData = Unmanaged.passUnretained(self).toOpaque()
    let result =
      isServer
      ? nghttp2_session_server_new2(&session, callbacks, userData, option)
      : nghttp2_session_client_new2(&session, callbacks, userData, option)
    guard result == 0 else { throw SessionError(function: "nghttp2_session_new", code: Int(result)) }
    let entries = settings.map { nghttp2_settings_entry(settings_id: Int32($0.0.rawValue), value: $0.1) }
    try check(
      "nghttp2_submit_settings",
      nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), entries, entries.count)
    )
  }

  deinit {
    nghttp2_session_del(session)
  }

  /// Feeds bytes read from the socket.
  func receive(_ bytes: UnsafeRawBufferPointer) throws {
    guard let base = bytes.baseAddress else { return }
    let result = nghttp2_session_mem_recv(session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    if let violation { throw violation }
    if result < 0 { throw SessionError(function: "nghttp2_session_mem_recv", code: result) }
  }

  /// Everything nghttp2 wants to send now, appended to `output` up to `limit` bytes (more stays queued).
  func drainOutput(into output: inout [UInt8], limit: Int) throws {
    while output.count < limit {
      var chunk: UnsafePointer<UInt8>?
      let length = nghttp2_session_mem_send(session, &chunk)
      if length < 0 { throw SessionError(function: "nghttp2_session_mem_send", code: length) }
      guard length > 0, let chunk else { return }
      output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: length))
    }
  }

  /// Whether the session has nothing left to read or write: both sides are done with it.
  var isFinished: Bool { nghttp2_session_want_read(session) == 0 && nghttp2_session_want_write(session) == 0 }

  /// Sends request headers and, if `body` is given, a body with it; returns the new stream's id.
  func submitRequest(_ headers: [HTTP2Header], body: [UInt8]) throws -> Int32 {
    var provider = Self.dataProvider
    let streamID = headers.withNameValuePairs { nghttp2_submit_request(session, nil, $0, $1, &provider, nil) }
    guard streamID > 0 else { throw SessionError(function: "nghttp2_submit_request", code: Int(streamID)) }
    bodies[streamID] = OutgoingBody(buffer: body, isFinished: true)
    return streamID
  }

  /// Sends response headers; the body and trailers follow through ``send(_:streamID:)`` and
  /// ``finish(streamID:trailers:)``.
  func submitResponse(_ headers: [HTTP2Header], streamID: Int32) throws {
    var provider = Self.dataProvider
    bodies[streamID] = OutgoingBody()
    try check(
      "nghttp2_submit_response",
      headers.withNameValuePairs { nghttp2_submit_response(session, streamID, $0, $1, &provider) }
    )
  }

  /// Sends one HEADERS frame that ends the stream: a trailers-only response.
  func submitTrailersOnly(_ headers: [HTTP2Header], streamID: Int32) throws {
    try check(
      "nghttp2_submit_response",
      headers.withNameValuePairs { nghttp2_submit_response(session, streamID, $0, $1, nil) }
    )
  }

  /// Queues body bytes on a stream whose headers were submitted.
  func send(_ bytes: [UInt8], streamID: Int32) {
    guard bodies[streamID] != nil else { return }
    bodies[streamID]!.buffer.append(contentsOf: bytes)
    nghttp2_session_resume_data(session, streamID)
  }

  /// Ends a stream's body, with trailers or without.
  func finish(streamID: Int32, trailers: [HTTP2Header]?) {
    guard bodies[streamID] != nil else { return }
    bodies[streamID]!.isFinished = true
    bodies[streamID]!.trailers = trailers
    nghttp2_session_resume_data(session, streamID)
  }

  /// Body bytes of `streamID` not yet handed to nghttp2.
  func pendingBodyBytes(streamID: Int32) -> Int { bodies[streamID]?.pending ?? 0 }

  /// Resets a stream (RST_STREAM) with an HTTP/2 error code.
  func reset(streamID: Int32, errorCode: nghttp2_error_code) {
    nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, errorCode.rawValue)
  }

  /// Tells the peer it may send `count` more bytes on the stream (and connection).
  func consume(_ count: Int, streamID: Int32) {
    guard count > 0 else { return }
    nghttp2_session_consume(session, streamID, count)
  }

  /// Tells the peer it may send `count` more bytes on the connection, leaving the stream's window
  /// to ``consumeStream(_:streamID:)``.
  func consumeConnection(_ count: Int) {
    guard count > 0 else { return }
    nghttp2_session_consume_connection(session, count)
  }

  /// Tells the peer it may send `count` more bytes on the stream; the connection's window is
  /// given back separately (``consumeConnection(_:)``).
  func consumeStream(_ count: Int, streamID: Int32) {
    guard count > 0 else { return }
    nghttp2_session_consume_stream(session, streamID, count)
  }

  /// Starts a graceful shutdown: a GOAWAY naming the last stream that will be processed.
  func submitGoAway(errorCode: nghttp2_error_code = NGHTTP2_NO_ERROR) {
    let last = nghttp2_session_get_last_proc_stream_id(session)
    nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), last, errorCode.rawValue, nil, 0)
  }

  private func check(_ function: String, _ result: Int32) throws {
    if result != 0 { throw SessionError(function: function, code: Int(result)) }
  }

  // MARK: nghttp2 callbacks

  private static func session(_ userData: UnsafeMutableRawPointer?) -> HTTP2Session {
    Unmanaged<HTTP2Session>.fromOpaque(userData!).takeUnretainedValue()
  }

  private static var dataProvider: nghttp2_data_provider {
    nghttp2_data_provider(
      source: nghttp2_data_source(ptr: nil),
      read_callback: { _, streamID, buffer, length, flags, _, userData in
        HTTP2Session.session(userData).readBody(
          streamID: streamID,
          into: buffer!,
          length: length,
          flags: flags!
        )
      }
    )
  }

  private func readBody(
    streamID: Int32,
    into buffer: UnsafeMutablePointer<UInt8>,
    length: Int,
    flags: UnsafeMutablePointer<UInt32>
  ) -> Int {
    // Taken out of the dictionary while it is read, so that emptying its buffer below does not
    // copy it (a copy still in the dictionary would share the storage).
    guard var body = bodies.removeValue(forKey: streamID) else { return Int(NGHTTP2_ERR_DEFERRED.rawValue) }
    let count = min(length, body.pending)
    body.buffer.withUnsafeBufferPointer { source in
      buffer.update(from: source.baseAddress! + body.readIndex, count: count)
    }
    body.readIndex += count
    if body.readIndex == body.buffer.count {
      body.buffer.removeAll(keepingCapacity: true)
      body.readIndex = 0
    }
    if body.pending == 0 && body.isFinished {
      flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
      if let trailers = body.trailers {
        flags.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
        _ = trailers.withNameValuePairs { nghttp2_submit_trailer(session, streamID, $0, $1) }
      }
      return count
    }
    bodies[streamID] = body
    return count == 0 ? Int(NGHTTP2_ERR_DEFERRED.rawValue) : count
  }

  /// Checks a frame's header before nghttp2 reads the frame. nghttp2 silently ignores a HEADERS
  /// frame on a stream id below one the client already opened (its comment: it cannot tell such a
  /// frame from trailers racing a reset); RFC 9113 §5.1.1 makes it a connection error. A gRPC
  /// client never sends trailers, so here an unknown lower stream id ends the connection.
  private func beginFrame(_ header: nghttp2_frame_hd) -> Int32 {
    guard isServer, UInt32(header.type) == NGHTTP2_HEADERS.rawValue else { return 0 }
    if header.stream_id <= highestPeerStreamID
      && nghttp2_session_find_stream(session, header.stream_id) == nil
    {
      violation = ProtocolViolation(
        description:
          "HEADERS on stream \(header.stream_id) after stream \(highestPeerStreamID) was opened (RFC 9113 §5.1.1)"
      )
      nghttp2_session_terminate_session(session, NGHTTP2_PROTOCOL_ERROR.rawValue)
      return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue
    }
    highestPeerStreamID = max(highestPeerStreamID, header.stream_id)
    return 0
  }

  private static func install(into callbacks: OpaquePointer?) {
    nghttp2_session_callbacks_set_on_begin_frame_callback(callbacks) { _, header, userData in
      HTTP2Session.session(userData).beginFrame(header!.pointee)
    }
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, userData in
      HTTP2Session.session(userData).headerBlocks[frame!.pointee.hd.stream_id] = []
      return 0
    }
    nghttp2_session_callbacks_set_on_header_callback(callbacks) {
      _,
      frame,
      name,
      nameLength,
      value,
      valueLength,
      _,
      userData in
      let session = HTTP2Session.session(userData)
      let streamID = frame!.pointee.hd.stream_id
      let header = HTTP2Header(
        String(decoding: UnsafeBufferPointer(start: name, count: nameLength), as: UTF8.self),
        String(decoding: UnsafeBufferPointer(start: value, count: valueLength), as: UTF8.self)
      )
      session.headerBlocks[streamID, default: []].append(header)
      return 0
    }
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
      let session = HTTP2Session.session(userData)
      let header = frame!.pointee.hd
      let endStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
      switch UInt32(header.type) {
      case NGHTTP2_HEADERS.rawValue:
        let headers = session.headerBlocks.removeValue(forKey: header.stream_id) ?? []
        session.delegate?.headersReceived(headers, streamID: header.stream_id, endStream: endStream)
      case NGHTTP2_DATA.rawValue where endStream:
        session.delegate?.endStreamReceived(streamID: header.stream_id)
      case NGHTTP2_GOAWAY.rawValue:
        session.delegate?.goAwayReceived(
          lastStreamID: frame!.pointee.goaway.last_stream_id,
          errorCode: frame!.pointee.goaway.error_code
        )
      default:
        break
      }
      return 0
    }
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) {
      _,
      _,
      streamID,
      data,
      length,
      userData in
      HTTP2Session.session(userData).delegate?.dataReceived(
        UnsafeRawBufferPointer(start: data, count: length),
        streamID: streamID
      )
      return 0
    }
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, streamID, errorCode, userData in
      let session = HTTP2Session.session(userData)
      session.bodies[streamID] = nil
      session.headerBlocks[streamID] = nil
      session.delegate?.streamClosed(streamID: streamID, errorCode: errorCode)
      return 0
    }
  }
}
