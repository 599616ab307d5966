/// The percent-encoding of `grpc-message` (PROTOCOL-HTTP2): bytes outside printable ASCII, and `%`,
/// become `%XX` of their UTF-8.
enum GRPCMessageEncoding {
  static func encode(_ message: String) -> String {
    var encoded = ""
    for byte in message.utf8 {
      if byte >= 0x20 && byte <= 0x7e && byte != UInt8(ascii: "%") {
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
      }
    }
    return encoded
  }

  static func decode(_ encoded: String) -> String {
    var bytes: [UInt8] = []
    var utf8 = Array(encoded.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

extension String {
  fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
