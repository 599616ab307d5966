/// Writes an unkeyed container as a CBOR array.
struct CBORUnkeyedEncodingContainer: UnkeyedEncodingContainer, CBORPrimitiveEncoding {
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

  mutating func encode<T: Encodable>(_ value: T) throws {
    try stream.encode(value, in: nextSlotEncoder().slot)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  )
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

  mutating func write(_ body: (inout CBORWriter) -> Void) {
    count += 1
    stream.writeEntry(of: id, at: depth, key: nil, body)
  }
}
