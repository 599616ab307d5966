/// A page's text as UTF-8 bytes, read by hand: KPU pages are 20 KB to 2 MiB, read for every
/// check, and Swift's `Regex` took 20 to 80 ms for one 20 KB page (so 553 pages held the checks'
/// threads for seconds). Patterns here are ASCII; bytes of other characters are neither letters
/// nor digits, and a no-break space (U+00A0) is white space.
struct TextBytes {
  let bytes: [UInt8]

  init(_ text: some StringProtocol) {
    bytes = Array(text.utf8)
  }

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  var count: Int { bytes.count }

  subscript(index: Int) -> UInt8 { index < bytes.count && index >= 0 ? bytes[index] : 0 }

  static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
  static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
  static func isWord(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "_") }
  static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }

  /// How many bytes of white space start at `index`: 1 for ASCII white space, 2 for a no-break
  /// space, 0 otherwise.
  func space(at index: Int) -> Int {
    switch self[index] {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: 1
    case 0xC2 where self[index + 1] == 0xA0: 2
    default: 0
    }
  }

  /// The index after the white space starting at `index`.
  func skippingSpace(from index: Int) -> Int {
    var index = index
    while index < count {
      let width = space(at: index)
      guard width > 0 else { break }
      index += width
    }
    return index
  }

  /// The index before the white space ending just before `index` (ASCII white space only).
  func skippingSpaceBackwards(from index: Int) -> Int {
    var index = index
    while index > 0, space(at: index - 1) == 1 { index -= 1 }
    return index
  }

  /// The number written by the digits at `index` (at most `maximum` of them) and the index after
  /// them; nil when there are none, or more than `maximum`.
  func number(at index: Int, digits range: ClosedRange<Int>) -> (value: Int, end: Int)? {
    var end = index
    var value = 0
    while end < count, Self.isDigit(bytes[end]) {
      guard end - index < range.upperBound else { return nil }
      value = value * 10 + Int(bytes[end] - 0x30)
      end += 1
    }
    return range.contains(end - index) ? (value, end) : nil
  }

  /// Whether `text` (ASCII, lowercase) is at `index`, in any case.
  func hasPrefix(_ text: StaticString, at index: Int) -> Bool {
    guard index >= 0, index + text.utf8CodeUnitCount <= count else { return false }
    return text.withUTF8Buffer { needle in
      needle.indices.allSatisfy { Self.lowercased(bytes[index + $0]) == needle[$0] }
    }
  }

  /// The first index from `index` on where `text` (ASCII, lowercase) starts, in any case.
  func firstIndex(of text: StaticString, from index: Int) -> Int? {
    guard text.utf8CodeUnitCount > 0 else { return index }
    let first = text.withUTF8Buffer { $0[0] }
    var position = max(index, 0)
    while position + text.utf8CodeUnitCount <= count {
      if Self.lowercased(bytes[position]) == first, hasPrefix(text, at: position) { return position }
      position += 1
    }
    return nil
  }

  /// The bytes from `start` to `end` as text.
  func string(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[max(start, 0)..<min(end, count)], as: UTF8.self)
  }
}
