// libFuzzer entry point over the CBOR decoder and the message frame reader. Built by `make fuzz`
// with `swiftc -sanitize=fuzzer` from the sources of Shared/CBOR and Shared/MessageFraming compiled
// as one module, so it names their types without importing them.
import Foundation

/// A message shaped like the project's own, to drive the keyed, unkeyed and Foundation paths.
private struct FuzzMessage: Codable {
  struct Dimension: Codable {
    var code: String
    var score: Double?
    var weights: [Float]
  }

  var region: String
  var total: Double
  var count: Int8?
  var filedAt: Date?
  var attachment: Data?
  var amount: Decimal?
  var link: URL?
  var dimensions: [Dimension]
  var extra: [String: CBORValue]?
}

private let limits = CBORLimits(maxInputSize: 1 << 16, maxDepth: 16, maxStringLength: 4096)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let decoder = CBORDecoder(limits: limits)

  if let value = try? decoder.decodeValue(from: bytes) {
    // Preferred serialization is a fixed point: what the encoder writes reads back to the same bytes.
    let encoded = CBOREncoder().encode(value)
    guard let again = try? CBORDecoder().decodeValue(from: encoded), CBOREncoder().encode(again) == encoded
    else {
      fatalError("re-encoding \(value) did not round-trip")
    }
  }
  if let message = try? decoder.decode(FuzzMessage.self, from: bytes) {
    guard let encoded = try? CBOREncoder().encode(message),
      (try? CBORDecoder().decode(FuzzMessage.self, from: encoded)) != nil
    else { fatalError("a decoded message did not encode and decode again") }
  }

  // The same bytes as a stream of framed messages, in chunks sized by the first byte.
  var reader = MessageFrameReader(maxMessageSize: 1024)
  let chunkSize = Int(bytes.first ?? 0) % 7 + 1
  var start = 0
  reading: while start < bytes.count {
    reader.append(bytes[start..<min(start + chunkSize, bytes.count)])
    start += chunkSize
    do {
      while let payload = try reader.next() {
        guard payload.count <= reader.maxMessageSize else { fatalError("payload over the limit") }
      }
    } catch {
      break reading
    }
  }
  return 0
}
