/// Writes a single value into its slot.
struct CBORSingleValueEncodingContainer: SingleValueEncodingContainer, CBORPrimitiveEncoding {
  let stream: EncodingStream
  let slot: Int

  var codingPath: [any CodingKey] { stream.codingPath }

  mutating func encode<T: Encodable>(_ value: T) throws {
    try stream.encode(value, in: slot)
  }

  func write(_ body: (inout CBORWriter) -> Void) {
    if stream.fill(slot) { body(&stream.writer) }
  }
}
