extension DecodingError {
  /// One line for a person: where in the message (`values[2].value`), and what is wrong.
  public var summary: String {
    let context: Context
    switch self {
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
      context = c
    @unknown default: return "\(self)"
    }
    var path = ""
    for key in context.codingPath {
      if let index = key.intValue {
        path += "[\(index)]"
      } else {
        path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
  }
}
