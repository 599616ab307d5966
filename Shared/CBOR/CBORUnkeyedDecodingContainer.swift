/// Reads a CBOR array, definite or indefinite, as an unkeyed container, one element after another.
struct CBORUnkeyedDecodingContainer: UnkeyedDecodingContainer {
  private let state: DecodingState
  /// How deep in the coding path the container was made.
  private let depth: Int
  /// Where the next element starts.
  private var position: Int
  let count: Int?
  private(set) var currentIndex = 0

  init(state: DecodingState, arrayAt offset: Int, depth: Int) throws {
    let (head, _) = try state.read(depth, nil) { try state.untaggedHead(at: offset) }
    guard head.majorType == CBORMajorType.array else {
      throw ValueMismatch.expected([Any].self, "an array", found: head).decodingError(at: state.path(depth))
    }
    self.state = state
    self.depth = depth
    self.position = head.next
    self.count = head.isIndefinite ? nil : Int(head.argument)
  }

  var codingPath: [any CodingKey] { state.path(depth) }

  var isAtEnd: Bool {
    if let count { return currentIndex >= count }
    return state.reader.input[position] == CBORSimple.breakByte
  }

  mutating func decodeNil() throws -> Bool {
    try checkNotAtEnd(Never?.self)
    guard try state.isNil(at: position) else { return false }
    try advance()
    return true
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool { try read { [state] in try state.bool(at: $0) } }
  mutating func decode(_ type: String.Type) throws -> String {
    try read { [state] in try state.string(at: $0) }
  }
  mutating func decode(_ type: Double.Type) throws -> Double {
    try read { [state] in try state.double(at: $0) }
  }
  mutating func decode(_ type: Float.Type) throws -> Float { try read { [state] in try state.float(at: $0) } }
  mutating func decode(_ type: Int.Type) throws -> Int { try readInteger() }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { try readInteger() }
  mutating func decode(_ type: Int16.Type) throws -> Int16 { try readInteger() }
  mutating func decode(_ type: Int32.Type) throws -> Int32 { try readInteger() }
  mutating func decode(_ type: Int64.Type) throws -> Int64 { try readInteger() }
  mutating func decode(_ type: UInt.Type) throws -> UInt { try readInteger() }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try readInteger() }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try readInteger() }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try readInteger() }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try readInteger() }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try checkNotAtEnd(type)
    let value = try state.decode(type, at: position, depth: depth, key: CBORCodingKey(intValue: currentIndex))
    try advance()
    return value
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try checkNotAtEnd(KeyedDecodingContainer<NestedKey>.self)
    let container = try nestedDecoder().container(keyedBy: type)
    try advance()
    return container
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try checkNotAtEnd((any UnkeyedDecodingContainer).self)
    let container = try nestedDecoder().unkeyedContainer()
    try advance()
    return container
  }

  mutating func superDecoder() throws -> any Decoder {
    try checkNotAtEnd((any Decoder).self)
    let decoder = try nestedDecoder()
    try advance()
    return decoder
  }

  private func nestedDecoder() throws -> DecodingState {
    try state.decode(
      NestedDecoderBox.self,
      at: position,
      depth: depth,
      key: CBORCodingKey(intValue: currentIndex)
    ).decoder
  }

  private mutating func read<T>(_ body: (Int) throws -> T) throws -> T {
    try checkNotAtEnd(T.self)
    let offset = position
    let value = try state.read(depth, CBORCodingKey(intValue: currentIndex)) { try body(offset) }
    try advance()
    return value
  }

  private mutating func readInteger<T: FixedWidthInteger>() throws -> T {
    try read { [state] in try state.integer(T.self, at: $0) }
  }

  private func checkNotAtEnd(_ type: Any.Type) throws {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type,
        .init(
          codingPath: state.path(depth, CBORCodingKey(intValue: currentIndex)),
          debugDescription: "The array has no element \(currentIndex)"
        )
      )
    }
  }

  private mutating func advance() throws {
    position = try state.reader.end(ofItemAt: position, depth: 0, validatingText: false)
    currentIndex += 1
  }
}
