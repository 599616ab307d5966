/// Reads CBOR items out of a byte buffer without copying it: item heads, the end of an item (checking
/// that it is well-formed on the way), string contents and whole dynamic values.
///
/// Every length is checked against the bytes left before anything is allocated for it, nesting is
/// bounded by ``CBORLimits/maxDepth`` and every loop advances through the input, so no input makes it
/// crash, allocate without bound or hang.
struct CBORReader {
  let input: UnsafeRawBufferPointer
  let limits: CBORLimits
  /// Filled while validating, used when decoding afterwards.
  let containers = ContainerIndex()

  /// An item's initial byte and argument (RFC 8949 §3).
  struct Head {
    var majorType: UInt8
    var additionalInfo: UInt8
    /// The argument; zero for an indefinite length.
    var argument: UInt64
    /// The offset just after the head.
    var next: Int

    var isIndefinite: Bool { additionalInfo == 31 }
  }

  func head(at offset: Int) throws -> Head {
    guard offset < input.count else {
      throw MalformedCBOR(at: offset, "the input ends where an item should start")
    }
    let initial = input[offset]
    let majorType = initial >> 5
    let info = initial & 0x1f
    let argumentSize: Int
    switch info {
    case 0...23:
      return Head(majorType: majorType, additionalInfo: info, argument: UInt64(info), next: offset + 1)
    case 24: argumentSize = 1
    case 25: argumentSize = 2
    case 26: argumentSize = 4
    case 27: argumentSize = 8
    case 31:
      guard
        majorType >= CBORMajorType.bytes && majorType <= CBORMajorType.map
          || majorType == CBORMajorType.simpleOrFloat
      else {
        throw MalformedCBOR(
          at: offset,
          "\(CBORMajorType.name(majorType)) cannot have an indefinite length"
        )
      }
      return Head(majorType: majorType, additionalInfo: info, argument: 0, next: offset + 1)
    default:
      throw MalformedCBOR(at: offset, "additional information \(info) is reserved")
    }
    guard input.count - offset - 1 >= argumentSize else {
      throw MalformedCBOR(at: offset, "the input ends inside an item's head")
    }
    let argument: UInt64
    switch argumentSize {
    case 1: argument = UInt64(input[offset + 1])
    case 2:
      argument = UInt64(UInt16(bigEndian: input.loadUnaligned(fromByteOffset: offset + 1, as: UInt16.self)))
    case 4:
      argument = UInt64(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
    default: argument = UInt64(bigEndian: input.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self))
    }
    return Head(
      majorType: majorType,
      additionalInfo: info,
      argument: argument,
      next: offset + 1 + argumentSize
    )
  }

  /// The offset just after the item at `offset`, checking that the item is well-formed; with
  /// `validatingText` also that every text string in it is valid UTF-8.
  func end(ofItemAt offset: Int, depth: Int, validatingText: Bool) throws -> Int {
    let head = try head(at: offset)
    switch head.majorType {
    case CBORMajorType.unsigned, CBORMajorType.negative:
      return head.next
    case CBORMajorType.bytes, CBORMajorType.text:
      if head.isIndefinite {
        return try endOfChunks(head, at: offset, validatingText: validatingText)
      }
      let range = try contentRange(head, at: offset)
      if validatingText && head.majorType == CBORMajorType.text {
        try validateUTF8(range, at: offset)
      }
      return range.upperBound
    case CBORMajorType.array, CBORMajorType.map:
      guard validatingText else {
        if let end = containers.end(ofContainerAt: offset) { return end }
        return try forEachItem(of: head, at: offset, depth: depth) { position in
          try self.end(ofItemAt: position, depth: depth + 1, validatingText: false)
        }
      }
      let isMap = head.majorType == CBORMajorType.map
      let ticket = containers.recordStart(offset, isMap: isMap)
      var isKey = isMap
      let end = try forEachItem(of: head, at: offset, depth: depth) { position in
        let end = try self.end(ofItemAt: position, depth: depth + 1, validatingText: true)
        if isKey { try containers.recordKey(at: position, valueOffset: end, reader: self) }
        if isMap { isKey.toggle() }
        return end
      }
      containers.recordEnd(end, of: ticket)
      return end
    case CBORMajorType.tag:
      try checkDepth(depth, at: offset)
      return try end(ofItemAt: head.next, depth: depth + 1, validatingText: validatingText)
    default:
      if head.additionalInfo == 24 && head.argument < 32 {
        throw MalformedCBOR(at: offset, "simple value \(head.argument) must be written in one byte")
      }
      if head.isIndefinite {
        throw MalformedCBOR(at: offset, "a break byte outside an indefinite-length item")
      }
      return head.next
    }
  }

  /// Walks the items of the array or map that `head` starts (a map's keys and values alike),
  /// definite or indefinite, calling `item` with each one's offset; `item` returns the offset
  /// after it. Returns the offset after the container.
  private func forEachItem(
    of head: Head,
    at offset: Int,
    depth: Int,
    _ item: (Int) throws -> Int
  ) throws
    -> Int
  {
    try checkDepth(depth, at: offset)
    let itemsPerEntry = head.majorType == CBORMajorType.map ? 2 : 1
    var position = head.next
    if head.isIndefinite {
      var items = 0
      while true {
        guard position < input.count else {
          throw MalformedCBOR(
            at: offset,
            "an indefinite-length \(head.majorType == CBORMajorType.map ? "map" : "array") has no break"
          )
        }
        if input[position] == CBORSimple.breakByte {
          guard items % itemsPerEntry == 0 else {
            throw MalformedCBOR(at: position, "a map ends after a key with no value")
          }
          return position + 1
        }
        position = try item(position)
        items += 1
      }
    }
    let itemCount = try declaredItemCount(head, at: offset, itemsPerEntry: itemsPerEntry)
    for _ in 0..<itemCount {
      position = try item(position)
    }
    return position
  }

  /// The bytes of a definite-length string item, checked against the bytes left and the limit.
  func contentRange(_ head: Head, at offset: Int) throws -> Range<Int> {
    let left = input.count - head.next
    guard head.argument <= UInt64(left) else {
      throw MalformedCBOR(at: offset, "a string declares \(head.argument) bytes but \(left) are left")
    }
    guard head.argument <= UInt64(limits.maxStringLength) else {
      throw MalformedCBOR(
        at: offset,
        "a string of \(head.argument) bytes is over the limit of \(limits.maxStringLength)"
      )
    }
    return head.next..<(head.next + Int(head.argument))
  }

  /// Calls `body` with the content of the string item that `head` starts: its bytes in place when
  /// it has a definite length, its chunks joined when it has not. Returns the offset after the item.
  func withStringContent<Result>(
    _ head: Head,
    at offset: Int,
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) throws -> (Result, end: Int) {
    if !head.isIndefinite {
      let range = try contentRange(head, at: offset)
      return (try body(bytes(in: range)), range.upperBound)
    }
    var joined: [UInt8] = []
    var position = head.next
    while true {
      guard position < input.count else {
        throw MalformedCBOR(at: offset, "an indefinite-length string has no break")
      }
      if input[position] == CBORSimple.breakByte { break }
      let range = try chunkRange(at: position, of: head, startingAt: offset, joinedSoFar: joined.count)
      joined.append(contentsOf: input[range])
      position = range.upperBound
    }
    return (try joined.withUnsafeBytes(body), position + 1)
  }

  /// The input bytes in `range` (already checked to be inside the input), without going through
  /// a `Slice`, whose generic metadata would be looked up on every call.
  func bytes(in range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: input.baseAddress.map { $0 + range.lowerBound }, count: range.count)
  }

  /// A dynamic value for the item at `offset`, and the offset after it.
  func value(at offset: Int, depth: Int) throws -> (CBORValue, end: Int) {
    let head = try head(at: offset)
    switch head.majorType {
    case CBORMajorType.unsigned:
      return (.unsigned(head.argument), head.next)
    case CBORMajorType.negative:
      return (.negative(head.argument), head.next)
    case CBORMajorType.bytes:
      let (bytes, end) = try withStringContent(head, at: offset) { [UInt8]($0) }
      return (.bytes(bytes), end)
    case CBORMajorType.text:
      return try text(head, at: offset)
    case CBORMajorType.array, CBORMajorType.map:
      let isMap = head.majorType == CBORMajorType.map
      var elements: [CBORValue] = []
      let position = try forEachItem(of: head, at: offset, depth: depth) { position in
        let (element, end) = try value(at: position, depth: depth + 1)
        elements.append(element)
        return end
      }
      guard isMap else { return (.array(elements), position) }
      let pairs = stride(from: 0, to: elements.count, by: 2).map {
        CBORValue.Pair(elements[$0], elements[$0 + 1])
      }
      return (.map(pairs), position)
    case CBORMajorType.tag:
      try checkDepth(depth, at: offset)
      let (content, end) = try value(at: head.next, depth: depth + 1)
      return (.tagged(head.argument, content), end)
    default:
      return (try simpleOrFloat(head, at: offset), head.next)
    }
  }

  /// The text string item that `head` starts, checked to be UTF-8.
  func text(_ head: Head, at offset: Int) throws -> (CBORValue, end: Int) {
    let (text, end) = try withStringContent(head, at: offset) { content in
      guard UTF8Validation.isValid(content) else {
        throw MalformedCBOR(at: offset, "a text string is not valid UTF-8")
      }
      return String(decoding: content, as: UTF8.self)
    }
    return (.text(text), end)
  }

  /// The major type 7 item that `head` starts.
  func simpleOrFloat(_ head: Head, at offset: Int) throws -> CBORValue {
    switch head.additionalInfo {
    case 20: return .bool(false)
    case 21: return .bool(true)
    case 22: return .null
    case 23: return .undefined
    case 24:
      guard head.argument >= 32 else {
        throw MalformedCBOR(at: offset, "simple value \(head.argument) must be written in one byte")
      }
      return .simple(UInt8(head.argument))
    case 25: return .float(HalfFloat.double(fromBits: UInt16(head.argument)))
    case 26: return .float(Double(Float(bitPattern: UInt32(head.argument))))
    case 27: return .float(Double(bitPattern: head.argument))
    case 31: throw MalformedCBOR(at: offset, "a break byte outside an indefinite-length item")
    default: return .simple(head.additionalInfo)
    }
  }

  private func declaredItemCount(_ head: Head, at offset: Int, itemsPerEntry: Int) throws -> Int {
    // Every item takes at least one byte, so a count above the bytes left cannot be right.
    let left = UInt64(input.count - head.next)
    guard head.argument <= left / UInt64(itemsPerEntry) else {
      throw MalformedCBOR(
        at: offset,
        "\(CBORMajorType.name(head.majorType)) declares \(head.argument) entries but \(left) bytes are left"
      )
    }
    return Int(head.argument) * itemsPerEntry
  }

  private func endOfChunks(_ head: Head, at offset: Int, validatingText: Bool) throws -> Int {
    var position = head.next
    var total = 0
    while true {
      guard position < input.count else {
        throw MalformedCBOR(at: offset, "an indefinite-length string has no break")
      }
      if input[position] == CBORSimple.breakByte { return position + 1 }
      let range = try chunkRange(at: position, of: head, startingAt: offset, joinedSoFar: total)
      if validatingText && head.majorType == CBORMajorType.text {
        try validateUTF8(range, at: position)
      }
      total += range.count
      position = range.upperBound
    }
  }

  private func chunkRange(
    at position: Int,
    of head: Head,
    startingAt offset: Int,
    joinedSoFar: Int
  ) throws
    -> Range<Int>
  {
    let chunk = try self.head(at: position)
    guard chunk.majorType == head.majorType, !chunk.isIndefinite else {
      throw MalformedCBOR(
        at: position,
        "a chunk of an indefinite-length string must be a definite-length string of the same type"
      )
    }
    let range = try contentRange(chunk, at: position)
    guard joinedSoFar + range.count <= limits.maxStringLength else {
      throw MalformedCBOR(at: offset, "a string is over the limit of \(limits.maxStringLength) bytes")
    }
    return range
  }

  private func validateUTF8(_ range: Range<Int>, at offset: Int) throws {
    guard UTF8Validation.isValid(bytes(in: range)) else {
      throw MalformedCBOR(at: offset, "a text string is not valid UTF-8")
    }
  }

  private func checkDepth(_ depth: Int, at offset: Int) throws {
    guard depth < limits.maxDepth else {
      throw MalformedCBOR(at: offset, "nesting is deeper than the limit of \(limits.maxDepth)")
    }
  }
}
