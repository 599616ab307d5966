/// The key of an array element (its index) or of a `super` encoder, in coding paths. Small enough
/// (a string or an index, not both) to sit in an existential's inline buffer, so pushing one on a
/// coding path allocates nothing.
struct CBORCodingKey: CodingKey {
  private enum Storage {
    case name(String)
    case index(Int)
  }

  private let storage: Storage

  /// The name, or for an index `Index n`, made only when asked for: array elements get a key each.
  var stringValue: String {
    switch storage {
    case .name(let name): name
    case .index(let index): "Index \(index)"
    }
  }

  var intValue: Int? {
    if case .index(let index) = storage { return index }
    return nil
  }

  init(stringValue: String) {
    storage = .name(stringValue)
  }

  init(intValue: Int) {
    storage = .index(intValue)
  }

  static let `super` = CBORCodingKey(stringValue: "super")
}
