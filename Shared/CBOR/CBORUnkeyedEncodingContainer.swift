/// Writes an unkeyed container as a CBOR array.
struct CBORUnkeyedEncodingContainer: UnkeyedEncodingContainer {
  let array: ArrayBuilder
  let path: CodingPath

  var codingPath: [any CodingKey] { path.keys }
  var count: Int { array.elements.count }

  mutating func encodeNil() { array.append(.value(.null)) }
  mutating func encode(_ value: Bool) { array.append(.value(.bool(value))) }
  mutating func encode(_ value: String) { array.append(.value(.text(value))) }
  mutating func encode(_ value: Double) { array.append(.value(.float(value))) }
  mutating func encode(_ value: Float) { array.append(.value(.float(Double(value)))) }
  mutating func encode(_ value: Int) { array.append(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int8) { array.append(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int16) { array.append(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int32) { array.append(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int64) { array.append(.value(CBORValue(value))) }
  mutating func encode(_ value: UInt) { array.append(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt8) { array.append(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt16) { array.append(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt32) { array.append(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt64) { array.append(.value(.unsigned(value))) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let index = array.append(.empty)
    try SlotEncoder.encode(
      value, into: .arrayElement(array, index), path: path.appending(CBORCodingKey(intValue: index)))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = MapBuilder()
    let index = array.append(.map(nested))
    return KeyedEncodingContainer(
      CBORKeyedEncodingContainer<NestedKey>(map: nested, path: path.appending(CBORCodingKey(intValue: index)))
    )
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = ArrayBuilder()
    let index = array.append(.array(nested))
    return CBORUnkeyedEncodingContainer(array: nested, path: path.appending(CBORCodingKey(intValue: index)))
  }

  mutating func superEncoder() -> any Encoder {
    let index = array.append(.empty)
    return SlotEncoder(
      slot: .arrayElement(array, index), path: path.appending(CBORCodingKey(intValue: index)))
  }
}
