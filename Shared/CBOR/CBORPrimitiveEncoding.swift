/// The primitive writes that single-value and unkeyed encoding containers share (their protocols
/// ask for the same methods): each value is written whole into the container's next place.
protocol CBORPrimitiveEncoding {
  /// Writes one value with `body` into the container's next place.
  mutating func write(_ body: (inout CBORWriter) -> Void)
}

extension CBORPrimitiveEncoding {
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
}
