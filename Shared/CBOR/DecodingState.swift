internal import Foundation

/// The `Decoder` a `Decodable` type sees. One instance serves a whole decode: going into a nested
/// value moves its cursor and path and puts them back afterwards, so nesting allocates no decoder.
final class DecodingState: Decoder {
  let reader: CBORReader
  // Unchecked exclusivity: one decode runs on one thread and no access to these overlaps another.
  /// The item the type being decoded now starts at.
  @exclusivity(unchecked) private(set) var offset: Int
  /// The coding path of the value being decoded now, pushed and popped as decoding goes in and out.
  /// A container remembers how deep it was made, so its path is the first `depth` keys while it is
  /// in use; building no path node per level keeps nesting free of allocations.
  @exclusivity(unchecked) private(set) var keys: [any CodingKey]

  init(reader: CBORReader, offset: Int = 0, keys: [any CodingKey] = []) {
    self.reader = reader
    self.offset = offset
    self.keys = keys
    self.keys.reserveCapacity(16)
  }

  var codingPath: [any CodingKey] { keys }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    try KeyedDecodingContainer(CBORKeyedDecodingContainer(state: self, mapAt: offset, depth: keys.count))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try CBORUnkeyedDecodingContainer(state: self, arrayAt: offset, depth: keys.count)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    CBORSingleValueDecodingContainer(state: self, offset: offset, depth: keys.count)
  }

  /// The coding path of a container made at `depth`, plus `key`.
  func path(_ depth: Int, _ key: (any CodingKey)? = nil) -> [any CodingKey] {
    var path = Array(keys.prefix(depth))
    if let key { path.append(key) }
    return path
  }

  /// Decodes the item at `offset`, found under `key` in a container made at `depth`: the types
  /// this codec maps itself directly, any other type through its `init(from:)`.
  func decode<T: Decodable>(_ type: T.Type, at offset: Int, depth: Int, key: (any CodingKey)?) throws -> T {
    // The types this codec reads itself; cast with `as!` (the type was just checked), since an
    // `Optional<T>` here would cost a generic metadata lookup on every call.
    if T.self == Date.self { return try read(depth, key) { try date(at: offset) } as! T }
    if T.self == Data.self { return try read(depth, key) { try data(at: offset) } as! T }
    if T.self == URL.self { return try read(depth, key) { try url(at: offset) } as! T }
    if T.self == Decimal.self { return try read(depth, key) { try decimal(at: offset) } as! T }
    if T.self == CBORValue.self { return try reader.value(at: offset, depth: 0).0 as! T }
    let saved = (self.offset, keys.count)
    self.offset = offset
    while keys.count > depth { keys.removeLast() }
    if let key { keys.append(key) }
    defer {
      self.offset = saved.0
      while keys.count > saved.1 { keys.removeLast() }
    }
    return try T(from: self)
  }

  /// Runs a read of one item, turning a mismatch into a `DecodingError` at the path of a container
  /// made at `depth` plus `key`. The key is only made into an existential when there is an error.
  @inline(__always)
  func read<T>(_ depth: Int, _ key: @autoclosure () -> (any CodingKey)?, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let mismatch as ValueMismatch {
      throw mismatch.decodingError(at: path(depth, key()))
    }
  }
}
