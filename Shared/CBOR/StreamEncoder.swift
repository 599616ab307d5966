/// The `Encoder` a value sees: whatever it encodes is written to the stream, in its slot.
struct StreamEncoder: Encoder {
  let stream: EncodingStream
  let slot: Int

  var codingPath: [any CodingKey] { stream.codingPath }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let (id, depth) = stream.openContainer(isMap: true, in: slot) ?? (-1, -1)
    return KeyedEncodingContainer(CBORKeyedEncodingContainer<Key>(stream: stream, id: id, depth: depth))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let (id, depth) = stream.openContainer(isMap: false, in: slot) ?? (-1, -1)
    return CBORUnkeyedEncodingContainer(stream: stream, id: id, depth: depth)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    CBORSingleValueEncodingContainer(stream: stream, slot: slot)
  }
}

extension EncodingStream {
  /// Encodes `value` into `slot`: the types this codec writes itself directly, any other type
  /// through its `encode(to:)`.
  func encode<T: Encodable>(_ value: T, in slot: Int) throws {
    if CBORWriter.writesItself(T.self) {
      if fill(slot) { writer.writeFoundationValue(value) }
    } else {
      try value.encode(to: StreamEncoder(stream: self, slot: slot))
    }
  }
}
