/// The `Encoder` a nested `Encodable` value sees: whatever it encodes lands in its slot of the
/// enclosing map or array (or the top). Asking twice for a container of the same kind returns the
/// same one, so a class and its subclass can share a map.
struct SlotEncoder: Encoder {
  let slot: EncodingSlot
  let path: CodingPath

  var codingPath: [any CodingKey] { path.keys }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let map: MapBuilder
    if case .map(let existing) = slot.node {
      map = existing
    } else {
      map = MapBuilder()
      slot.store(.map(map))
    }
    return KeyedEncodingContainer(CBORKeyedEncodingContainer<Key>(map: map, path: path))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let array: ArrayBuilder
    if case .array(let existing) = slot.node {
      array = existing
    } else {
      array = ArrayBuilder()
      slot.store(.array(array))
    }
    return CBORUnkeyedEncodingContainer(array: array, path: path)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    CBORSingleValueEncodingContainer(slot: slot, path: path)
  }

  /// Encodes `value` into `slot`, found at `path`.
  static func encode<T: Encodable>(_ value: T, into slot: EncodingSlot, path: @autoclosure () -> CodingPath)
    throws
  {
    if let node = EncodingNode.foundationValue(value) {
      slot.store(node)
    } else {
      try value.encode(to: SlotEncoder(slot: slot, path: path()))
    }
  }
}
