/// Encodes `Encodable` values as CBOR (RFC 8949) in preferred serialization: shortest integer and
/// float forms that keep the value, definite lengths.
///
/// A keyed container becomes a map keyed by each coding key's string, in the order the keys were
/// encoded; an optional that is nil is left out. Bytes are written as `encode(to:)` runs, so a type
/// must write in order (see ``EncodingStream``); a key encoded twice in one map is an error. `Date` is tag 1 with epoch seconds (an
/// integer when whole), `Data` a byte string, `URL` its text, `Decimal` a tag 4 decimal fraction
/// `[exponent, mantissa]` (its text when the mantissa needs more than 64 bits), ``CBORValue`` itself.
public struct CBOREncoder: Sendable {
  /// An encoder.
  public init() {}

  /// The CBOR encoding of `value`.
  public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    let stream = EncodingStream()
    try stream.encode(value, in: EncodingStream.rootSlot)
    return try stream.finish()
  }

  /// The CBOR encoding of a dynamic value.
  public func encode(_ value: CBORValue) -> [UInt8] {
    var writer = CBORWriter()
    writer.write(value)
    return writer.bytes
  }
}
