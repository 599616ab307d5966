internal import Foundation

/// The `Decoder` a `Decodable` type sees. One instance serves a whole decode: going into a nested
/// value moves its cursor and path and puts them back afterwards, so nesting allocates no decoder.
final class DecodingState: Decoder {
  let reader: CBORReader
  /// The item the type being decoded now starts at.
  private(set) var offset: Int
  private(set) var path: CodingPath

  init(reader: CBORReader, offset: Int = 0, path: CodingPath = .root) {
    self.reader = reader
    self.offset = offset
    self.path = path
  }

  var codingPath: [any CodingKey] { path.keys }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    try KeyedDecodingContainer(CBORKeyedDecodingContainer(state: self, mapAt: offset, path: path))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try CBORUnkeyedDecodingContainer(state: self, arrayAt: offset, path: path)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    CBORSingleValueDecodingContainer(state: self, offset: offset, path: path)
  }

  /// Decodes the item at `offset`, found under `key` in the container at `parent`: the types this
  /// codec maps itself directly, any other type through its `init(from:)`.
  func decode<T: Decodable>(_ type: T.Type, at offset: Int, parent: CodingPath, key: (any CodingKey)?) throws
    -> T
  {
    if let special = try decodeFoundationValue(type, at: offset, parent: parent, key: key) {
      return special
    }
    let saved = (self.offset, path)
    self.offset = offset
    if let key { path = parent.appending(key) } else { path = parent }
    defer { (self.offset, path) = saved }
    return try T(from: self)
  }

  /// Runs a read of one item, turning a mismatch into a `DecodingError` at `parent` + `key`.
  @inline(__always)
  func read<T>(at parent: CodingPath, _ key: (any CodingKey)?, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let mismatch as ValueMismatch {
      let path = key.map { parent.appending($0) } ?? parent
      throw mismatch.decodingError(at: path.keys)
    }
  }

  private func decodeFoundationValue<T>(
    _ type: T.Type, at offset: Int, parent: CodingPath, key: (any CodingKey)?
  )
    throws -> T?
  {
    if T.self == Date.self { return try read(at: parent, key) { try date(at: offset) } as? T }
    if T.self == Data.self { return try read(at: parent, key) { try data(at: offset) } as? T }
    if T.self == URL.self { return try read(at: parent, key) { try url(at: offset) } as? T }
    if T.self == Decimal.self { return try read(at: parent, key) { try decimal(at: offset) } as? T }
    if T.self == CBORValue.self { return try reader.value(at: offset, depth: 0).0 as? T }
    return nil
  }
}
