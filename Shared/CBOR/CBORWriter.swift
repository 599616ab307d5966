internal import Foundation

/// Writes CBOR items into a byte array in preferred serialization (RFC 8949 §4.1): the shortest
/// argument, the shortest float width that keeps the value, definite lengths.
struct CBORWriter {
  private(set) var bytes: [UInt8]

  init(reservingCapacity capacity: Int = 256) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Writes an initial byte with its argument in the shortest form.
  mutating func writeHead(_ majorType: UInt8, _ argument: UInt64) {
    let major = majorType << 5
    switch argument {
    case 0..<24:
      bytes.append(major | UInt8(argument))
    case 24...0xff:
      bytes.append(major | 24)
      bytes.append(UInt8(argument))
    case 0x100...0xffff:
      bytes.append(major | 25)
      appendBigEndian(UInt16(argument))
    case 0x1_0000...0xffff_ffff:
      bytes.append(major | 26)
      appendBigEndian(UInt32(argument))
    default:
      bytes.append(major | 27)
      appendBigEndian(argument)
    }
  }

  /// Sets the count of the array or map whose one-byte head (count 0) is at `offset`, widening the
  /// head when the count needs more than the initial byte.
  mutating func patchHead(at offset: Int, count: Int) {
    let majorBits = bytes[offset]
    if count < 24 {
      bytes[offset] = majorBits | UInt8(count)
      return
    }
    var head = CBORWriter(reservingCapacity: 9)
    head.writeHead(majorBits >> 5, UInt64(count))
    bytes.replaceSubrange(offset...offset, with: head.bytes)
  }

  mutating func writeInteger(_ value: Int64) {
    if value >= 0 {
      writeHead(CBORMajorType.unsigned, UInt64(value))
    } else {
      writeHead(CBORMajorType.negative, UInt64(bitPattern: ~value))
    }
  }

  mutating func writeUnsigned(_ value: some UnsignedInteger & FixedWidthInteger) {
    writeHead(CBORMajorType.unsigned, UInt64(value))
  }

  /// Writes a text string and returns where its UTF-8 content landed.
  @discardableResult
  mutating func writeText(_ text: String) -> Range<Int> {
    var text = text
    return text.withUTF8 { utf8 in
      writeHead(CBORMajorType.text, UInt64(utf8.count))
      let start = bytes.count
      bytes.append(contentsOf: utf8)
      return start..<bytes.count
    }
  }

  /// Whether the bytes written at `range` were also written at one of `earlier`.
  func containsRepeat(of range: Range<Int>, among earlier: ArraySlice<Range<Int>>) -> Bool {
    bytes.withUnsafeBytes { written in
      let start = written.baseAddress!
      return earlier.contains { other in
        other.count == range.count
          && (range.isEmpty || memcmp(start + other.lowerBound, start + range.lowerBound, range.count) == 0)
      }
    }
  }

  mutating func writeBytes(_ data: some Collection<UInt8>) {
    writeHead(CBORMajorType.bytes, UInt64(data.count))
    bytes.append(contentsOf: data)
  }

  mutating func writeBool(_ value: Bool) {
    bytes.append(value ? CBORSimple.trueByte : CBORSimple.falseByte)
  }

  mutating func writeNull() {
    bytes.append(CBORSimple.nullByte)
  }

  /// Writes a double in the shortest of half, single and double precision that keeps its value.
  mutating func writeDouble(_ value: Double) {
    let single = Float(value)
    if Double(single) == value || value.isNaN {
      writeFloat(single)
    } else {
      bytes.append(CBORSimple.doubleByte)
      appendBigEndian(value.bitPattern)
    }
  }

  /// Writes a float in half precision when that keeps its value, else single precision.
  mutating func writeFloat(_ value: Float) {
    if let half = HalfFloat.exactBits(of: value) {
      bytes.append(CBORSimple.halfByte)
      appendBigEndian(half)
    } else {
      bytes.append(CBORSimple.singleByte)
      appendBigEndian(value.bitPattern)
    }
  }

  /// Writes a dynamic value and everything in it.
  mutating func write(_ value: CBORValue) {
    switch value {
    case .unsigned(let argument): writeHead(CBORMajorType.unsigned, argument)
    case .negative(let argument): writeHead(CBORMajorType.negative, argument)
    case .bytes(let data): writeBytes(data)
    case .text(let text): writeText(text)
    case .array(let elements):
      writeHead(CBORMajorType.array, UInt64(elements.count))
      for element in elements { write(element) }
    case .map(let pairs):
      writeHead(CBORMajorType.map, UInt64(pairs.count))
      for pair in pairs {
        write(pair.key)
        write(pair.value)
      }
    case .tagged(let tag, let content):
      writeHead(CBORMajorType.tag, tag)
      write(content)
    case .bool(let flag): writeBool(flag)
    case .null: writeNull()
    case .undefined: bytes.append(CBORSimple.undefinedByte)
    case .simple(let simple):
      if simple < 24 {
        bytes.append(0xe0 | simple)
      } else {
        bytes.append(0xf8)
        bytes.append(simple)
      }
    case .float(let number): writeDouble(number)
    }
  }

  private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
  }
}
