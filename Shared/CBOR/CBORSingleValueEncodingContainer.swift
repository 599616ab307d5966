/// Writes a single value into its slot.
struct CBORSingleValueEncodingContainer: SingleValueEncodingContainer {
  let slot: EncodingSlot
  let path: CodingPath

  var codingPath: [any CodingKey] { path.keys }

  mutating func encodeNil() { slot.store(.value(.null)) }
  mutating func encode(_ value: Bool) { slot.store(.value(.bool(value))) }
  mutating func encode(_ value: String) { slot.store(.value(.text(value))) }
  mutating func encode(_ value: Double) { slot.store(.value(.float(value))) }
  mutating func encode(_ value: Float) { slot.store(.value(.float(Double(value)))) }
  mutating func encode(_ value: Int) { slot.store(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int8) { slot.store(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int16) { slot.store(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int32) { slot.store(.value(CBORValue(Int64(value)))) }
  mutating func encode(_ value: Int64) { slot.store(.value(CBORValue(value))) }
  mutating func encode(_ value: UInt) { slot.store(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt8) { slot.store(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt16) { slot.store(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt32) { slot.store(.value(.unsigned(UInt64(value)))) }
  mutating func encode(_ value: UInt64) { slot.store(.value(.unsigned(value))) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    try SlotEncoder.encode(value, into: slot, path: path)
  }
}
