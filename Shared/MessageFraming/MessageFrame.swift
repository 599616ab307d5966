/// gRPC's length-prefixed message framing (PROTOCOL-HTTP2, "Length-Prefixed-Message"): one flag
/// byte (0: uncompressed), a 4-byte big-endian payload length, then the payload.
public enum MessageFrame {
  /// The bytes before each payload.
  public static let headerSize = 5

  /// The largest payload the 4-byte length can describe.
  public static let maxPayloadSize = Int(UInt32.max)

  /// Frames one uncompressed payload. The payload must be at most ``maxPayloadSize`` bytes.
  public static func frame(_ payload: some Collection<UInt8>) -> [UInt8] {
    precondition(payload.count <= maxPayloadSize, "a gRPC message payload is at most 4 GiB - 1")
    var framed: [UInt8] = []
    framed.reserveCapacity(headerSize + payload.count)
    framed.append(0)
    withUnsafeBytes(of: UInt32(payload.count).bigEndian) { framed.append(contentsOf: $0) }
    framed.append(contentsOf: payload)
    return framed
  }
}
