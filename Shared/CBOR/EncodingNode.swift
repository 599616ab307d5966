/// What an `Encodable` value encoded to, before it is written out. Maps and arrays are built in
/// place as containers fill them, then written once, so every length is known and definite.
enum EncodingNode {
  /// Nothing encoded yet; a value that encodes nothing is written as an empty map.
  case empty
  case value(CBORValue)
  case map(MapBuilder)
  case array(ArrayBuilder)

  func write(into writer: inout CBORWriter) {
    switch self {
    case .empty:
      writer.writeHead(CBORMajorType.map, 0)
    case .value(let value):
      writer.write(value)
    case .map(let map):
      writer.writeHead(CBORMajorType.map, UInt64(map.entries.count))
      for (key, value) in map.entries {
        writer.writeText(key)
        value.write(into: &writer)
      }
    case .array(let array):
      writer.writeHead(CBORMajorType.array, UInt64(array.elements.count))
      for element in array.elements {
        element.write(into: &writer)
      }
    }
  }
}

/// A map being filled by a keyed container, its keys in the order first encoded. Encoding a key
/// again replaces its value, as `JSONEncoder` does, so the output never repeats a key.
final class MapBuilder {
  private(set) var entries: [(key: String, value: EncodingNode)] = []
  /// Set once the map outgrows a linear search.
  private var indexByKey: [String: Int]? = nil

  init() {
    entries.reserveCapacity(8)
  }

  /// Sets the value for `key` and returns the entry's index.
  @discardableResult
  func set(_ value: EncodingNode, forKey key: String) -> Int {
    if let index = index(of: key) {
      entries[index].value = value
      return index
    }
    entries.append((key, value))
    indexByKey?[key] = entries.count - 1
    if indexByKey == nil && entries.count > 16 {
      indexByKey = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
    }
    return entries.count - 1
  }

  func setValue(_ value: EncodingNode, at index: Int) {
    entries[index].value = value
  }

  private func index(of key: String) -> Int? {
    if let indexByKey { return indexByKey[key] }
    return entries.firstIndex { $0.key == key }
  }
}

/// An array being filled by an unkeyed container.
final class ArrayBuilder {
  private(set) var elements: [EncodingNode] = []

  /// Appends an element and returns its index.
  @discardableResult
  func append(_ element: EncodingNode) -> Int {
    elements.append(element)
    return elements.count - 1
  }

  func setElement(_ element: EncodingNode, at index: Int) {
    elements[index] = element
  }
}

/// Holds the node of the top-level value.
final class RootNode {
  var node = EncodingNode.empty
}

/// Where a nested value's node goes: the top, a map entry or an array element.
enum EncodingSlot {
  case root(RootNode)
  case mapValue(MapBuilder, Int)
  case arrayElement(ArrayBuilder, Int)

  var node: EncodingNode {
    switch self {
    case .root(let root): root.node
    case .mapValue(let map, let index): map.entries[index].value
    case .arrayElement(let array, let index): array.elements[index]
    }
  }

  func store(_ node: EncodingNode) {
    switch self {
    case .root(let root): root.node = node
    case .mapValue(let map, let index): map.setValue(node, at: index)
    case .arrayElement(let array, let index): array.setElement(node, at: index)
    }
  }
}
