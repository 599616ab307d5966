import CBOR
import MessageFraming
import NIOCore
import NIOPosix
import IPPSchema
import RPC
import Synchronization
import RPCCore

/// A TCP peer that speaks as little HTTP/2 as a test needs, written by hand: for bytes no real
/// client would send, and for a client that never reads.
enum RawConnection {
  /// Connects, writes `bytes`, and reports whether the server closed the connection (within 10 s).
  static func sendAndAwaitClose(_ bytes: [UInt8], port: Int) async throws -> Bool {
    let channel = try await ClientBootstrap(group: TestServer.group)
      .connect(host: "127.0.0.1", port: port).get()
    if !bytes.isEmpty {
      try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    }
    let closed = channel.closeFuture
    return await withTaskGroup(of: Bool.self) { group in
      group.addTask { (try? await closed.get()) != nil }
      group.addTask {
        try? await Task.sleep(for: .seconds(10))
        return false
      }
      let result = await group.next()!
      group.cancelAll()
      try? await channel.close()
      return result
    }
  }

  /// Opens an HTTP/2 connection that asks for a long server stream and never reads a byte.
  static func openNeverReading(port: Int, token: String) async throws -> any Channel {
    let channel = try await ClientBootstrap(group: TestServer.group)
      .channelOption(.autoRead, value: false)
      .connect(host: "127.0.0.1", port: port).get()
    let payload = try CBOREncoder().encode(TestService.CountRequest(count: 10_000_000))
    var bytes = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
    bytes += frame(type: 0x4, flags: 0, stream: 0, payload: [])  // SETTINGS
    let headers: [(String, String)] = [
      (":method", "POST"), (":scheme", "http"), (":path", TestService.count.path),
      (":authority", "localhost"),
      ("content-type", "application/grpc+cbor"), ("te", "trailers"), ("authorization", "Bearer \(token)"),
    ]
    // HEADERS with END_HEADERS, then DATA with END_STREAM.
    bytes += frame(type: 0x1, flags: 0x4, stream: 1, payload: headers.flatMap(hpackLiteral))
    bytes += frame(type: 0x0, flags: 0x1, stream: 1, payload: MessageFrame.frame(payload))
    // On a slow machine the server may already have given up on the idle connection: that is
    // the behaviour under test, so a failed write is not an error here.
    try? await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    return channel
  }

  /// One frame as read back from the server.
  struct Frame: Equatable, CustomStringConvertible {
    var type: UInt8
    var flags: UInt8
    var stream: UInt32
    var payload: [UInt8]

    static let data: UInt8 = 0x0
    static let headers: UInt8 = 0x1
    static let resetStream: UInt8 = 0x3
    static let goAway: UInt8 = 0x7

    /// The error code of a RST_STREAM or GOAWAY frame.
    var errorCode: UInt32? {
      let offset: Int
      switch type {
      case Self.resetStream: offset = 0
      case Self.goAway: offset = 4
      default: return nil
      }
      return payload[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    var description: String {
      "frame(type: \(type), flags: \(flags), stream: \(stream), \(payload.count) bytes)"
    }
  }

  /// The client connection preface and an empty SETTINGS frame.
  static let preface =
    Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + frame(type: 0x4, flags: 0, stream: 0, payload: [])

  /// A HEADERS frame (END_HEADERS) opening a call of `path` on `stream`, and a DATA frame
  /// (END_STREAM) with its request message.
  static func call(stream: UInt32, path: String, token: String?, request: some Encodable) throws -> [UInt8] {
    var headers: [(String, String)] = [
      (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost"),
      ("content-type", "application/grpc+cbor"), ("te", "trailers"),
    ]
    if let token { headers.append(("authorization", "Bearer \(token)")) }
    return frame(type: 0x1, flags: 0x4, stream: stream, payload: headers.flatMap(hpackLiteral))
      + frame(
        type: 0x0,
        flags: 0x1,
        stream: stream,
        payload: MessageFrame.frame(try CBOREncoder().encode(request))
      )
  }

  /// Connects, writes `bytes` in one write, and returns everything the server sent until it
  /// closed the connection or `enough` held for what arrived (within 10 s), as frames after
  /// the server's preface.
  static func exchange(
    _ bytes: [UInt8],
    port: Int,
    until enough: @escaping @Sendable ([Frame]) -> Bool
  )
    async throws -> [Frame]
  {
    let received = try await exchangeBytes(bytes, port: port) { enough(frames(in: $0)) }
    return frames(in: received)
  }

  /// Connects, writes `bytes`, and returns the bytes the server sent until it closed the
  /// connection or `enough` held (within 10 s).
  static func exchangeBytes(
    _ bytes: [UInt8],
    port: Int,
    until enough: @escaping @Sendable ([UInt8]) -> Bool
  )
    async throws -> [UInt8]
  {
    let collector = Collector(enough: enough)
    let channel = try await ClientBootstrap(group: TestServer.group)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
      }
      .connect(host: "127.0.0.1", port: port).get()
    try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    let done = collector.done.futureResult
    // A bound on waiting, not a timing: it returns as soon as there is `enough`, and a machine
    // busy with the other suites may take a while to answer a hundred calls.
    let timeout = channel.eventLoop.scheduleTask(in: .seconds(60)) { collector.done.succeed() }
    try await done.get()
    timeout.cancel()
    try? await channel.close()
    return collector.bytes.withLock { $0 }
  }

  /// Complete frames in `bytes`, skipping nothing: the server speaks first with its SETTINGS.
  static func frames(in bytes: [UInt8]) -> [Frame] {
    var frames: [Frame] = []
    var offset = 0
    while offset + 9 <= bytes.count {
      let length = Int(bytes[offset]) << 16 | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
      guard offset + 9 + length <= bytes.count else { break }
      let stream = bytes[offset + 5..<offset + 9].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7fff_ffff
      frames.append(
        Frame(
          type: bytes[offset + 3],
          flags: bytes[offset + 4],
          stream: stream,
          payload: Array(bytes[offset + 9..<offset + 9 + length])
        )
      )
      offset += 9 + length
    }
    return frames
  }

  /// Gathers what a connection reads until it closes or `enough` holds.
  private final class Collector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let bytes = Mutex<[UInt8]>([])
    let enough: @Sendable ([UInt8]) -> Bool
    let done = TestServer.group.next().makePromise(of: Void.self)

    init(enough: @escaping @Sendable ([UInt8]) -> Bool) {
      self.enough = enough
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      let buffer = unwrapInboundIn(data)
      let all = bytes.withLock {
        $0 += buffer.readableBytesView
        return $0
      }
      if enough(all) { done.succeed() }
    }

    func channelInactive(context: ChannelHandlerContext) {
      done.succeed()
    }
  }

  /// An HTTP/2 frame (RFC 9113 §4.1).
  static func frame(type: UInt8, flags: UInt8, stream: UInt32, payload: [UInt8]) -> [UInt8] {
    let length = UInt32(payload.count)
    return [UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff), type, flags]
      + [UInt8(stream >> 24), UInt8(stream >> 16 & 0xff), UInt8(stream >> 8 & 0xff), UInt8(stream & 0xff)]
      + payload
  }

  /// A header as an HPACK literal without indexing, new name, no Huffman (RFC 7541 §6.2.2).
  private static func hpackLiteral(_ header: (String, String)) -> [UInt8] {
    [0x00] + hpackString(header.0) + hpackString(header.1)
  }

  private static func hpackString(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    precondition(bytes.count < 127, "long strings need a multi-byte length")
    return [UInt8(bytes.count)] + bytes
  }
}
