/// A value written on the wire as text and checked whenever it is made from text: decoding
/// text that does not pass fails, with the check's own message, so a handler never sees it.
public protocol CheckedText: Codable, CustomStringConvertible {
  /// Why text was refused.
  associatedtype Refusal: Error & CustomStringConvertible
  /// The value of `text`, or why it cannot be one.
  init(_ text: String) throws(Refusal)
  var rawValue: String { get }
}

extension CheckedText {
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do {
      try self.init(text)
    } catch {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public var description: String { rawValue }
}
