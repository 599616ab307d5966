/// Takes the bytes of a stream of framed messages in whatever chunks they arrive (one message over
/// many chunks, many messages in one chunk) and hands back whole payloads.
///
/// A frame's header is checked as soon as its five bytes are in, so a compressed flag or a length
/// over ``maxMessageSize`` is refused before its payload is buffered.
public struct MessageFrameReader: Sendable {
  /// The largest payload accepted, in bytes.
  public let maxMessageSize: Int
  private var buffer: [UInt8] = []
  private var readIndex = 0

  /// A reader that accepts payloads up to `maxMessageSize` bytes (default 4 MiB, gRPC's default).
  public init(maxMessageSize: Int = 4 * 1024 * 1024) {
    precondition(maxMessageSize >= 0 && maxMessageSize <= MessageFrame.maxPayloadSize)
    self.maxMessageSize = maxMessageSize
  }

  /// How many bytes have been taken in but not yet handed back as a payload.
  public var bufferedByteCount: Int { buffer.count - readIndex }

  /// Takes in the next chunk of the stream.
  public mutating func append(_ bytes: some Sequence<UInt8>) {
    if readIndex > 0 && readIndex * 2 >= buffer.count {
      buffer.removeFirst(readIndex)
      readIndex = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// The next whole payload, or nil until more bytes arrive.
  public mutating func next() throws(MessageFramingError) -> [UInt8]? {
    guard bufferedByteCount >= MessageFrame.headerSize else { return nil }
    let flag = buffer[readIndex]
    var length = 0
    for index in 1...4 { length = length << 8 | Int(buffer[readIndex + index]) }
    switch flag {
    case 0: break
    case 1:
      throw MessageFramingError(
        code: .compressedMessage,
        message: "The message is compressed, but no message compression was negotiated"
      )
    default:
      throw MessageFramingError(
        code: .invalidFlag,
        message: "The message flag byte is \(flag); only 0 and 1 are defined"
      )
    }
    guard length <= maxMessageSize else {
      throw MessageFramingError(
        code: .messageTooLarge,
        message: "The message is \(length) bytes, over the limit of \(maxMessageSize)"
      )
    }
    let start = readIndex + MessageFrame.headerSize
    guard buffer.count - start >= length else { return nil }
    let payload = Array(buffer[start..<(start + length)])
    readIndex = start + length
    if readIndex == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      readIndex = 0
    }
    return payload
  }

  /// Checks that the stream ended between messages.
  public func finish() throws(MessageFramingError) {
    guard bufferedByteCount == 0 else {
      throw MessageFramingError(
        code: .truncatedMessage,
        message: "The stream ended inside a message, with \(bufferedByteCount) bytes of it"
      )
    }
  }
}
