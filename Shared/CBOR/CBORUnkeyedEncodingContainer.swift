/// Writes an unkeyed container as a CBOR array.
struct CBORUnkeyedEncodingContainer: UnkeyedEncodingContainer {
  let stream: EncodingStream
  /// The array's identity and depth in the stream; -1 when it could not be opened.
  let id: Int
  let depth: Int
  private(set) var count = 0

  init(stream: EncodingStream, id: Int, depth: Int) {
    self.stream = stream
    self.id = id
    self.depth = depth
  }

  var codingPath: [any CodingKey] { stream.codingPath(throughDepth: depth) }

  mutating func encodeNil() { write { $0.writeNull() } }
  mutating func encode(_ value: Bool) { write { $0.writeBool(value) } }
  mutating func encode(_ value: String) { write { $0.writeText(value) } }
  mutating func encode(_ value: Double) { write { $0.writeDouble(value) } }
  mutating func encode(_ value: Float) { write { $0.writeFloat(value) } }
  mutating func encode(_ value: Int) { write { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int8) { write { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int16) { write { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int32) { write { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int64) { write { $0.writeInteger(value) } }
  mutating func encode(_ value: UInt) { write { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt8) { write { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt16) { write { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt32) { write { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt64) { write { $0.writeUnsigned(value) } }

  mutating func encode<T: Encodable>(_ value: T) throws {
    try stream.encode(value, in: nextSlotEncoder().slot)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    nextSlotEncoder().container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    nextSlotEncoder().unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder { nextSlotEncoder() }

  private mutating func nextSlotEncoder() -> StreamEncoder {
    count += 1
    return StreamEncoder(stream: stream, slot: stream.beginEntry(of: id, at: depth, key: nil) ?? -1)
  }

  private mutating func write(_ body: (inout CBORWriter) -> Void) {
    count += 1
    stream.writeEntry(of: id, at: depth, key: nil, body)
  }
}
