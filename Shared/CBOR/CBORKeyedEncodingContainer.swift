/// Writes a keyed container as a CBOR map keyed by each coding key's string. `encodeIfPresent` with
/// nil leaves the key out; `encodeNil` writes an explicit null.
struct CBORKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let map: MapBuilder
  let path: CodingPath

  var codingPath: [any CodingKey] { path.keys }

  mutating func encodeNil(forKey key: Key) { map.set(.value(.null), forKey: key.stringValue) }
  mutating func encode(_ value: Bool, forKey key: Key) {
    map.set(.value(.bool(value)), forKey: key.stringValue)
  }
  mutating func encode(_ value: String, forKey key: Key) {
    map.set(.value(.text(value)), forKey: key.stringValue)
  }
  mutating func encode(_ value: Double, forKey key: Key) {
    map.set(.value(.float(value)), forKey: key.stringValue)
  }
  mutating func encode(_ value: Float, forKey key: Key) {
    map.set(.value(.float(Double(value))), forKey: key.stringValue)
  }
  mutating func encode(_ value: Int, forKey key: Key) { encodeSigned(value, key) }
  mutating func encode(_ value: Int8, forKey key: Key) { encodeSigned(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) { encodeSigned(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) { encodeSigned(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) { encodeSigned(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) { encodeUnsigned(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) { encodeUnsigned(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) { encodeUnsigned(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) { encodeUnsigned(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) { encodeUnsigned(value, key) }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    let index = map.set(.empty, forKey: key.stringValue)
    try SlotEncoder.encode(value, into: .mapValue(map, index), path: path.appending(key))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = MapBuilder()
    map.set(.map(nested), forKey: key.stringValue)
    return KeyedEncodingContainer(
      CBORKeyedEncodingContainer<NestedKey>(map: nested, path: path.appending(key)))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = ArrayBuilder()
    map.set(.array(nested), forKey: key.stringValue)
    return CBORUnkeyedEncodingContainer(array: nested, path: path.appending(key))
  }

  mutating func superEncoder() -> any Encoder { superEncoder(forKey: CBORCodingKey.super) }

  mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(forKey: key as any CodingKey) }

  private func superEncoder(forKey key: any CodingKey) -> any Encoder {
    let index = map.set(.empty, forKey: key.stringValue)
    return SlotEncoder(slot: .mapValue(map, index), path: path.appending(key))
  }

  private func encodeSigned<T: FixedWidthInteger & SignedInteger>(_ value: T, _ key: Key) {
    map.set(.value(CBORValue(Int64(value))), forKey: key.stringValue)
  }

  private func encodeUnsigned<T: FixedWidthInteger & UnsignedInteger>(_ value: T, _ key: Key) {
    map.set(.value(.unsigned(UInt64(value))), forKey: key.stringValue)
  }
}
