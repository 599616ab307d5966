internal import CNGHTTP2
internal import NIOCore

/// The side of a connection that gives its bytes meaning: the server's or the client's RPC logic,
/// which owns the ``HTTP2Session``.
protocol HTTP2Connection: AnyObject, HTTP2SessionDelegate {
  var session: HTTP2Session { get }
  /// The channel is up; `handler` flushes what the session wants to send.
  func connectionActive(_ handler: NGHTTP2ChannelHandler)
  /// The channel closed; every call on it ends.
  func connectionClosed()
  /// Something the session queued was handed to the socket: a chance to wake writers that wait.
  func outputDrained()
  /// Nothing was read or written for the idle timeout.
  func idleTimeout()
  /// Bytes read from the socket: for the session, unless the side has something to say first.
  func received(_ bytes: UnsafeRawBufferPointer) throws
  /// The connection is closing on an error: not HTTP/2, a protocol error, a TLS failure.
  func connectionFailed(_ error: any Error)
  /// Whether what the session queued must wait: the server's SETTINGS are not sent before the
  /// peer has shown it speaks HTTP/2.
  var holdsOutput: Bool { get }
}

extension HTTP2Connection {
  var holdsOutput: Bool { false }

  func received(_ bytes: UnsafeRawBufferPointer) throws {
    try session.receive(bytes)
  }
}

/// SwiftNIO's end of a connection: bytes read go to `nghttp2_session_mem_recv`, what
/// `nghttp2_session_mem_send` produces is written out while the channel is writable, and the
/// channel closes once the session has nothing left to do.
///
/// Confined to the channel's event loop, like the nghttp2 session it drives.
final class NGHTTP2ChannelHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  /// How much is taken from nghttp2 per write: bounded, so a peer that does not read holds at most
  /// this much in NIO's buffers while nghttp2 keeps the rest queued.
  static let writeChunk = 64 * 1024

  let connection: any HTTP2Connection
  private(set) var context: ChannelHandlerContext?
  private var isFlushing = false
  private var isFlushScheduled = false

  init(connection: any HTTP2Connection) {
    self.connection = connection
  }

  var eventLoop: (any EventLoop)? { context?.eventLoop }

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    if context.channel.isActive { connection.connectionActive(self) }
  }

  func channelActive(context: ChannelHandlerContext) {
    connection.connectionActive(self)
    context.fireChannelActive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    do {
      try buffer.withUnsafeReadableBytes { try connection.received($0) }
    } catch {
      // Not HTTP/2 (garbage) or a protocol error: nghttp2 has queued a GOAWAY where it could;
      // send it and hang up.
      connection.connectionFailed(error)
      flush()
      context.close(promise: nil)
      return
    }
    flush()
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    if context.channel.isWritable { flush() }
    context.fireChannelWritabilityChanged()
  }

  func channelInactive(context: ChannelHandlerContext) {
    connection.connectionClosed()
    context.fireChannelInactive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    self.context = nil
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if event is IdleStateHandler.IdleStateEvent {
      connection.idleTimeout()
    } else {
      context.fireUserInboundEventTriggered(event)
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    connection.connectionFailed(error)
    context.close(promise: nil)
  }

  /// Writes `bytes` as they are, bypassing the session, then closes the connection: for telling
  /// a peer that does not speak HTTP/2 what the port serves.
  func writeAndClose(_ bytes: [UInt8]) {
    guard let context else { return }
    let channel = context.channel
    context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(bytes: bytes)))
      .whenComplete { _ in channel.close(promise: nil) }
  }

  /// Flushes once the event loop has run what is already queued on it: calls that end in the
  /// same turn of the loop share one write.
  func scheduleFlush() {
    guard let context, !isFlushScheduled else { return }
    isFlushScheduled = true
    context.eventLoop.execute { [self] in
      isFlushScheduled = false
      flush()
    }
  }

  /// Writes what the session has queued, as long as the channel takes it.
  func flush() {
    guard let context, !isFlushing, !connection.holdsOutput else { return }
    isFlushing = true
    defer { isFlushing = false }
    var wrote = false
    while context.channel.isWritable {
      var output: [UInt8] = []
      do {
        try connection.session.drainOutput(into: &output, limit: Self.writeChunk)
      } catch {
        context.close(promise: nil)
        return
      }
      if output.isEmpty { break }
      context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: output)), promise: nil)
      wrote = true
    }
    if wrote {
      context.flush()
      connection.outputDrained()
    }
    if connection.session.isFinished {
      context.close(promise: nil)
    }
  }
}
