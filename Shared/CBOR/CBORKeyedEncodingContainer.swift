/// Writes a keyed container as a CBOR map keyed by each coding key's string. `encodeIfPresent` with
/// nil leaves the key out; `encodeNil` writes an explicit null.
struct CBORKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let stream: EncodingStream
  /// The map's identity and depth in the stream; -1 when it could not be opened.
  let id: Int
  let depth: Int

  var codingPath: [any CodingKey] { stream.codingPath(throughDepth: depth) }

  mutating func encodeNil(forKey key: Key) { write(key) { $0.writeNull() } }
  mutating func encode(_ value: Bool, forKey key: Key) { write(key) { $0.writeBool(value) } }
  mutating func encode(_ value: String, forKey key: Key) { write(key) { $0.writeText(value) } }
  mutating func encode(_ value: Double, forKey key: Key) { write(key) { $0.writeDouble(value) } }
  mutating func encode(_ value: Float, forKey key: Key) { write(key) { $0.writeFloat(value) } }
  mutating func encode(_ value: Int, forKey key: Key) { write(key) { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int8, forKey key: Key) { write(key) { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int16, forKey key: Key) { write(key) { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int32, forKey key: Key) { write(key) { $0.writeInteger(Int64(value)) } }
  mutating func encode(_ value: Int64, forKey key: Key) { write(key) { $0.writeInteger(value) } }
  mutating func encode(_ value: UInt, forKey key: Key) { write(key) { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt8, forKey key: Key) { write(key) { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt16, forKey key: Key) { write(key) { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt32, forKey key: Key) { write(key) { $0.writeUnsigned(value) } }
  mutating func encode(_ value: UInt64, forKey key: Key) { write(key) { $0.writeUnsigned(value) } }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    guard let slot = stream.beginEntry(of: id, at: depth, key: key.stringValue) else { return }
    try stream.encode(value, in: slot)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type,
    forKey key: Key
  )
    -> KeyedEncodingContainer<NestedKey>
  {
    slotEncoder(forKey: key.stringValue).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    slotEncoder(forKey: key.stringValue).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder { slotEncoder(forKey: CBORCodingKey.super.stringValue) }

  mutating func superEncoder(forKey key: Key) -> any Encoder { slotEncoder(forKey: key.stringValue) }

  /// An encoder for the value of a new entry. Its slot is -1 only after a misuse, when the stream
  /// ignores everything.
  private func slotEncoder(forKey key: String) -> StreamEncoder {
    StreamEncoder(stream: stream, slot: stream.beginEntry(of: id, at: depth, key: key) ?? -1)
  }

  private func write(_ key: Key, _ body: (inout CBORWriter) -> Void) {
    stream.writeEntry(of: id, at: depth, key: key.stringValue, body)
  }
}
