import MessageFraming
import Testing

struct MessageFrameReaderTests {
  static let payloads: [[UInt8]] = [[], [0xa0], Array(0..<200), [UInt8](repeating: 7, count: 70_000)]
  static let stream: [UInt8] = payloads.flatMap { MessageFrame.frame($0) }

  @Test func frameHasFlagAndBigEndianLength() {
    #expect(MessageFrame.frame([0xa1, 0x61]) == [0, 0, 0, 0, 2, 0xa1, 0x61])
    #expect(Array(MessageFrame.frame([UInt8](repeating: 0, count: 0x1_0203)).prefix(5)) == [0, 0, 1, 2, 3])
  }

  @Test func manyMessagesInOneChunk() throws {
    var reader = MessageFrameReader()
    reader.append(Self.stream)
    #expect(try drain(&reader) == Self.payloads)
    try reader.finish()
  }

  @Test(arguments: [1, 2, 3, 5, 7, 64, 4096])
  func anyChunking(chunkSize: Int) throws {
    var reader = MessageFrameReader()
    var received: [[UInt8]] = []
    for start in stride(from: 0, to: Self.stream.count, by: chunkSize) {
      reader.append(Self.stream[start..<min(start + chunkSize, Self.stream.count)])
      received += try drain(&reader)
    }
    #expect(received == Self.payloads)
    #expect(reader.bufferedByteCount == 0)
  }

  @Test func waitsForTheRestOfAMessage() throws {
    var reader = MessageFrameReader()
    reader.append([0, 0, 0, 0, 3, 1, 2])
    #expect(try reader.next() == nil)
    reader.append([3])
    #expect(try reader.next() == [1, 2, 3])
  }

  @Test func refusesCompressedFlag() {
    var reader = MessageFrameReader()
    reader.append([1, 0, 0, 0, 1, 0xa0])
    #expect(throws: MessageFramingError.self) { try reader.next() }
    do {
      _ = try reader.next()
    } catch {
      #expect(error.code == .compressedMessage)
      #expect(error.message.contains("compressed"))
    }
  }

  @Test func refusesUndefinedFlagBits() throws {
    var reader = MessageFrameReader()
    reader.append([0x80, 0, 0, 0, 0])
    let error = try #require(throws: MessageFramingError.self) { try reader.next() }
    #expect(error.code == .invalidFlag)
  }

  @Test func acceptsMessageAtTheLimitAndRefusesOneByteOver() throws {
    var reader = MessageFrameReader(maxMessageSize: 10)
    reader.append(MessageFrame.frame([UInt8](repeating: 1, count: 10)))
    #expect(try reader.next()?.count == 10)

    var over = MessageFrameReader(maxMessageSize: 10)
    // Only the header arrives: the length alone is enough to refuse it.
    over.append([0, 0, 0, 0, 11])
    let error = try #require(throws: MessageFramingError.self) { try over.next() }
    #expect(error.code == .messageTooLarge)
    #expect(error.message == "The message is 11 bytes, over the limit of 10")
  }

  @Test func refusesHugeDeclaredLengthBeforeBuffering() throws {
    var reader = MessageFrameReader()
    reader.append([0, 0xff, 0xff, 0xff, 0xff])
    let error = try #require(throws: MessageFramingError.self) { try reader.next() }
    #expect(error.code == .messageTooLarge)
  }

  @Test func finishReportsATruncatedMessage() throws {
    var reader = MessageFrameReader()
    reader.append([0, 0, 0, 0, 4, 1])
    #expect(try reader.next() == nil)
    let error = try #require(throws: MessageFramingError.self) { try reader.finish() }
    #expect(error.code == .truncatedMessage)
  }

  private func drain(_ reader: inout MessageFrameReader) throws -> [[UInt8]] {
    var payloads: [[UInt8]] = []
    while let payload = try reader.next() { payloads.append(payload) }
    return payloads
  }
}
