/// Checks that bytes are well-formed UTF-8 (Unicode §3.9, table 3-7): no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncated sequence. Runs without allocating.
enum UTF8Validation {
  static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      // Eight ASCII bytes at a time, the common case for keys and codes.
      if index + 8 <= count,
        bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
        continue
      }
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var secondRange: ClosedRange<UInt8> = 0x80...0xbf
      switch lead {
      case 0xc2...0xdf: length = 2
      case 0xe0: length = 3; secondRange = 0xa0...0xbf
      case 0xe1...0xec, 0xee...0xef: length = 3
      case 0xed: length = 3; secondRange = 0x80...0x9f
      case 0xf0: length = 4; secondRange = 0x90...0xbf
      case 0xf1...0xf3: length = 4
      case 0xf4: length = 4; secondRange = 0x80...0x8f
      default: return false
      }
      guard index + length <= count, secondRange.contains(bytes[index + 1]) else { return false }
      for continuation in (index + 2)..<(index + length) where bytes[continuation] & 0xc0 != 0x80 {
        return false
      }
      index += length
    }
    return true
  }
}
