/// A call's custom metadata: header fields beside the message, in order, names in lowercase, a
/// name possibly repeated. Sent with a call through ``CallOptions/metadata``, read by a handler
/// through ``RPCContext/metadata``.
public struct Metadata: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  public struct Field: Sendable, Hashable {
    /// The name, lowercase: `x-request-id`.
    public var name: String
    public var value: String
  }

  /// The fields in the order added.
  public private(set) var fields: [Field] = []

  public init() {}

  public init(dictionaryLiteral elements: (String, String)...) {
    for (name, value) in elements { add(name, value) }
  }

  /// Adds a field; the name is lowercased, as HTTP/2 requires.
  public mutating func add(_ name: String, _ value: String) {
    fields.append(Field(name: name.lowercased(), value: value))
  }

  /// Adds a field whose name is known to be lowercase already (one read off HTTP/2, where
  /// uppercase names are a protocol error), without copying it to lowercase.
  package mutating func add(lowercaseName name: String, _ value: String) {
    fields.append(Field(name: name, value: value))
  }

  /// The first value of `name` (lowercase).
  public subscript(name: String) -> String? {
    fields.first { $0.name == name }?.value
  }

  public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}
