import CBOR
import MessageFraming
import NIOCore
import NIOPosix
import IPPSchema
import RPC
import RPCCore

/// A TCP peer that speaks as little HTTP/2 as a test needs, written by hand: for bytes no real
/// client would send, and for a client that never reads.
enum RawConnection {
  /// Connects, writes `bytes`, and reports whether the server closed the connection (within 10 s).
  static func sendAndAwaitClose(_ bytes: [UInt8], port: Int) async throws -> Bool {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
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
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
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
