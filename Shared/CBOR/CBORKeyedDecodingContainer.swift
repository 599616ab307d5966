internal import Foundation

/// Reads a CBOR map as a keyed container, through its keys recorded in the reader's
/// ``ContainerIndex`` while the input was validated.
struct CBORKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  private let state: DecodingState
  /// How deep in the coding path the container was made.
  private let depth: Int
  /// Nil for a map with no text keys.
  private let map: ContainerIndex.Container?

  init(state: DecodingState, mapAt offset: Int, depth: Int) throws {
    self.state = state
    self.depth = depth
    let (head, mapOffset) = try state.read(depth, nil) { try state.untaggedHead(at: offset) }
    guard head.majorType == CBORMajorType.map else {
      throw ValueMismatch.expected([String: Any].self, "a map", found: head).decodingError(
        at: state.path(depth)
      )
    }
    let map = state.reader.containers.map(at: mapOffset)
    if let key = state.reader.containers.repeatedKey(in: map, input: state.reader.input) {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: state.path(depth),
          debugDescription: "The map has the key \"\(key)\" more than once"
        )
      )
    }
    self.map = map
  }

  var codingPath: [any CodingKey] { state.path(depth) }

  var allKeys: [Key] {
    state.reader.containers.keys(of: map, input: state.reader.input).compactMap { Key(stringValue: $0) }
  }

  func contains(_ key: Key) -> Bool { valueOffset(for: key) != nil }

  func decodeNil(forKey key: Key) throws -> Bool {
    guard let offset = valueOffset(for: key) else { return true }
    return try state.isNil(at: offset)
  }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(key) { try state.bool(at: $0) } }
  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    try read(key) { try state.string(at: $0) }
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
    try read(key) { try state.double(at: $0) }
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
    try read(key) { try state.float(at: $0) }
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try readInteger(key) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try readInteger(key) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try readInteger(key) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try readInteger(key) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try readInteger(key) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try readInteger(key) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try readInteger(key) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try readInteger(key) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try readInteger(key) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try readInteger(key) }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    guard let offset = valueOffset(for: key) else { throw keyNotFound(key) }
    return try state.decode(type, at: offset, depth: depth, key: key)
  }

  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    try readIfPresent(key) { try state.string(at: $0) }
  }

  func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
    try readIfPresent(key) { try state.double(at: $0) }
  }

  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    try readIfPresent(key) { try state.integer(Int.self, at: $0) }
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let offset = valueOffset(for: key), try !state.isNil(at: offset) else { return nil }
    return try state.decode(type, at: offset, depth: depth, key: key)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type,
    forKey key: Key
  ) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    guard let offset = valueOffset(for: key) else { throw keyNotFound(key) }
    return KeyedDecodingContainer(
      try state.decode(NestedDecoderBox.self, at: offset, depth: depth, key: key).decoder.container(
        keyedBy: type
      )
    )
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    guard let offset = valueOffset(for: key) else { throw keyNotFound(key) }
    return try state.decode(NestedDecoderBox.self, at: offset, depth: depth, key: key).decoder
      .unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder { try superDecoder(forKey: CBORCodingKey.super) }

  func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder(forKey: key as any CodingKey) }

  private func superDecoder(forKey key: any CodingKey) throws -> any Decoder {
    guard let offset = valueOffset(for: key.stringValue) else {
      throw DecodingError.keyNotFound(
        key,
        .init(codingPath: state.path(depth), debugDescription: "No value for key \"\(key.stringValue)\"")
      )
    }
    return try state.decode(NestedDecoderBox.self, at: offset, depth: depth, key: key).decoder
  }

  private func read<T>(_ key: Key, _ body: (Int) throws -> T) throws -> T {
    guard let offset = valueOffset(for: key) else { throw keyNotFound(key) }
    return try state.read(depth, key) { try body(offset) }
  }

  private func readIfPresent<T>(_ key: Key, _ body: (Int) throws -> T) throws -> T? {
    guard let offset = valueOffset(for: key), try !state.isNil(at: offset) else { return nil }
    return try state.read(depth, key) { try body(offset) }
  }

  private func readInteger<T: FixedWidthInteger>(_ key: Key) throws -> T {
    try read(key) { try state.integer(T.self, at: $0) }
  }

  private func keyNotFound(_ key: Key) -> DecodingError {
    .keyNotFound(
      key,
      .init(codingPath: state.path(depth), debugDescription: "No value for key \"\(key.stringValue)\"")
    )
  }

  private func valueOffset(for key: Key) -> Int? { valueOffset(for: key.stringValue) }

  private func valueOffset(for key: String) -> Int? {
    state.reader.containers.valueOffset(forKey: key, in: map, input: state.reader.input)
  }
}

/// Captures a decoder for a nested value (a super class's, or a nested container's): decoding it
/// through `DecodingState.decode` sets the state's cursor and path, and a fresh state keeps them
/// after the call returns, whatever the shared state decodes next.
struct NestedDecoderBox: Decodable {
  let decoder: DecodingState

  init(from decoder: any Decoder) throws {
    let state = decoder as! DecodingState
    self.decoder = DecodingState(reader: state.reader, offset: state.offset, keys: state.keys)
  }
}
