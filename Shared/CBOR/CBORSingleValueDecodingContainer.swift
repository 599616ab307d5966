/// Reads one CBOR item as a single value.
struct CBORSingleValueDecodingContainer: SingleValueDecodingContainer {
  let state: DecodingState
  let offset: Int
  /// How deep in the coding path the container was made.
  let depth: Int

  var codingPath: [any CodingKey] { state.path(depth) }

  func decodeNil() -> Bool { (try? state.isNil(at: offset)) ?? false }

  func decode(_ type: Bool.Type) throws -> Bool { try read { try state.bool(at: offset) } }
  func decode(_ type: String.Type) throws -> String { try read { try state.string(at: offset) } }
  func decode(_ type: Double.Type) throws -> Double { try read { try state.double(at: offset) } }
  func decode(_ type: Float.Type) throws -> Float { try read { try state.float(at: offset) } }
  func decode(_ type: Int.Type) throws -> Int { try readInteger() }
  func decode(_ type: Int8.Type) throws -> Int8 { try readInteger() }
  func decode(_ type: Int16.Type) throws -> Int16 { try readInteger() }
  func decode(_ type: Int32.Type) throws -> Int32 { try readInteger() }
  func decode(_ type: Int64.Type) throws -> Int64 { try readInteger() }
  func decode(_ type: UInt.Type) throws -> UInt { try readInteger() }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try readInteger() }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try readInteger() }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try readInteger() }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try readInteger() }

  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try state.decode(type, at: offset, depth: depth, key: nil)
  }

  private func read<T>(_ body: () throws -> T) throws -> T {
    try state.read(depth, nil, body)
  }

  private func readInteger<T: FixedWidthInteger>() throws -> T {
    try read { try state.integer(T.self, at: offset) }
  }
}
