/// Any CBOR data item (RFC 8949 §3), for tools that read or print a message without knowing its type.
///
/// Integers keep CBOR's two major types so that the whole range -2⁶⁴ … 2⁶⁴-1 survives a round trip;
/// floats of every width read into ``float(_:)`` and are written back in the shortest width that keeps
/// the value; maps keep their pairs in order.
public enum CBORValue: Sendable, Hashable {
  /// Major type 0: an unsigned integer.
  case unsigned(UInt64)
  /// Major type 1: a negative integer, held as its CBOR argument `n`; the value is `-1 - n`.
  case negative(UInt64)
  /// Major type 2: a byte string.
  case bytes([UInt8])
  /// Major type 3: a UTF-8 text string.
  case text(String)
  /// Major type 4: an array.
  case array([CBORValue])
  /// Major type 5: a map, its pairs in the order they were written or read.
  case map([Pair])
  /// Major type 6: a tag number and the item it tags.
  indirect case tagged(UInt64, CBORValue)
  /// Major type 7, values 20 and 21.
  case bool(Bool)
  /// Major type 7, value 22.
  case null
  /// Major type 7, value 23.
  case undefined
  /// Major type 7: any other simple value (0-19, 32-255).
  case simple(UInt8)
  /// Major type 7: a half, single or double precision float.
  case float(Double)

  /// One key and value of a ``CBORValue/map(_:)``.
  public struct Pair: Sendable, Hashable {
    /// The key, any CBOR item (text in every message this project writes).
    public var key: CBORValue
    public var value: CBORValue

    /// Creates a pair.
    public init(_ key: CBORValue, _ value: CBORValue) {
      self.key = key
      self.value = value
    }
  }

  /// An integer value as CBOR writes it: major type 0 from zero up, major type 1 below.
  public init(_ integer: Int64) {
    self = integer >= 0 ? .unsigned(UInt64(integer)) : .negative(UInt64(bitPattern: ~integer))
  }

  /// The value of a text-keyed map entry, or nil when this is not a map or has no such key.
  public subscript(key: String) -> CBORValue? {
    guard case .map(let pairs) = self else { return nil }
    return pairs.first { $0.key == .text(key) }?.value
  }
}
