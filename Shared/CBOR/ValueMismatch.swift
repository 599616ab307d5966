/// A well-formed item that is not what the type being decoded asks for. Carries no coding path:
/// the container that asked adds it when it turns this into a `DecodingError`.
struct ValueMismatch: Error, @unchecked Sendable {
  enum Kind {
    /// The item has the wrong CBOR type.
    case typeMismatch(Any.Type)
    /// The item has the right type but a value the type cannot hold.
    case dataCorrupted
  }

  var kind: Kind
  var message: String

  static func expected(_ type: Any.Type, _ what: String, found head: CBORReader.Head) -> ValueMismatch {
    let found =
      switch (head.majorType, head.additionalInfo) {
      case (CBORMajorType.simpleOrFloat, 20), (CBORMajorType.simpleOrFloat, 21): "a boolean"
      case (CBORMajorType.simpleOrFloat, 22): "null"
      case (CBORMajorType.simpleOrFloat, 23): "undefined"
      case (CBORMajorType.simpleOrFloat, 25...27): "a float"
      default: CBORMajorType.name(head.majorType)
      }
    return ValueMismatch(kind: .typeMismatch(type), message: "Expected \(what) but found \(found)")
  }

  static func corrupted(_ message: String) -> ValueMismatch {
    ValueMismatch(kind: .dataCorrupted, message: message)
  }

  func decodingError(at path: [any CodingKey]) -> DecodingError {
    let context = DecodingError.Context(codingPath: path, debugDescription: message)
    switch kind {
    case .typeMismatch(let type): return .typeMismatch(type, context)
    case .dataCorrupted: return .dataCorrupted(context)
    }
  }
}
