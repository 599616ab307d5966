/// A coding path kept as a linked list, so that going one level down costs one small node and the
/// array `Encoder` and `Decoder` hand out is only built when someone asks for it.
indirect enum CodingPath {
  case root
  case child(CodingPath, any CodingKey)

  func appending(_ key: any CodingKey) -> CodingPath { .child(self, key) }

  /// The path's keys, outermost first.
  var keys: [any CodingKey] {
    var keys: [any CodingKey] = []
    var node = self
    while case .child(let parent, let key) = node {
      keys.append(key)
      node = parent
    }
    return keys.reversed()
  }
}

/// The key of an array element (its index) or of a `super` encoder, in coding paths.
struct CBORCodingKey: CodingKey {
  private let name: String?
  let intValue: Int?

  /// The name, or for an index `Index n`, made only when asked for: array elements get a key each.
  var stringValue: String { name ?? "Index \(intValue ?? 0)" }

  init(stringValue: String) {
    self.name = stringValue
    self.intValue = nil
  }

  init(intValue: Int) {
    self.name = nil
    self.intValue = intValue
  }

  static let `super` = CBORCodingKey(stringValue: "super")
}
