public import Foundation

/// Decodes `Decodable` values from CBOR (RFC 8949).
///
/// Reads every well-formed item: any integer width, half, single and double floats, definite and
/// indefinite lengths, tags. A map decodes a keyed container by its text keys; keys the type does
/// not know are ignored, so an old reader accepts a newer writer's message; an absent key or a
/// null decodes as nil. `Date` reads tag 1 (epoch seconds), tag 0 (RFC 3339 text) or a bare
/// number; `Data` a byte string; `URL` text; `Decimal` a tag 4 decimal fraction, text or a number;
/// ``CBORValue`` any item. Input is checked whole against ``limits`` first, and every failure is a
/// `DecodingError` whose coding path says where it happened.
public struct CBORDecoder: Sendable {
  /// The bounds enforced on the input.
  public var limits: CBORLimits

  /// A decoder with the given limits.
  public init(limits: CBORLimits = .default) {
    self.limits = limits
  }

  /// Decodes a value of the given type from one CBOR item that fills `bytes`.
  public func decode<T: Decodable>(_ type: T.Type, from bytes: some ContiguousBytes) throws -> T {
    try bytes.withUnsafeBytes { input in
      let reader = CBORReader(input: input, limits: limits)
      do {
        try reader.validateWholeInput()
        return try DecodingState(reader: reader).decode(type, at: 0, depth: 0, key: nil)
      } catch let malformed as MalformedCBOR {
        throw DecodingError.dataCorrupted(
          .init(codingPath: reader.codingPath(to: malformed.offset), debugDescription: malformed.description)
        )
      }
    }
  }

  /// Reads one CBOR item that fills `bytes` as a dynamic value.
  public func decodeValue(from bytes: some ContiguousBytes) throws -> CBORValue {
    try decode(CBORValue.self, from: bytes)
  }
}
