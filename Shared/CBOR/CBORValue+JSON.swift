public import Foundation

extension CBORValue {
  /// The value of a JSON document: numbers with no fraction become integers, others floats.
  public init(json: Data) throws {
    self = try JSONDecoder().decode(CBORValue.self, from: json)
  }

  /// This value as a JSON document (RFC 8949 §6.1; see ``CBORValue`` `Codable` for what changes).
  public func json(prettyPrinted: Bool = false) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      prettyPrinted ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
