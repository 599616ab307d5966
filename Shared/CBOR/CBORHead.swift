/// The major types and the special additional-information values of CBOR's initial byte (RFC 8949 §3).
enum CBORMajorType {
  static let unsigned: UInt8 = 0
  static let negative: UInt8 = 1
  static let bytes: UInt8 = 2
  static let text: UInt8 = 3
  static let array: UInt8 = 4
  static let map: UInt8 = 5
  static let tag: UInt8 = 6
  static let simpleOrFloat: UInt8 = 7

  /// A human name for error messages.
  static func name(_ major: UInt8) -> String {
    switch major {
    case unsigned: "an unsigned integer"
    case negative: "a negative integer"
    case bytes: "a byte string"
    case text: "a text string"
    case array: "an array"
    case map: "a map"
    case tag: "a tag"
    default: "a simple value or float"
    }
  }
}

/// The tag numbers this codec gives a meaning to (RFC 8949 §3.4).
enum CBORTag {
  static let dateTimeString: UInt64 = 0
  static let epochDateTime: UInt64 = 1
  static let positiveBignum: UInt64 = 2
  static let negativeBignum: UInt64 = 3
  static let decimalFraction: UInt64 = 4
}

/// The initial byte of the major type 7 items this codec writes.
enum CBORSimple {
  static let falseByte: UInt8 = 0xf4
  static let trueByte: UInt8 = 0xf5
  static let nullByte: UInt8 = 0xf6
  static let undefinedByte: UInt8 = 0xf7
  static let halfByte: UInt8 = 0xf9
  static let singleByte: UInt8 = 0xfa
  static let doubleByte: UInt8 = 0xfb
  static let breakByte: UInt8 = 0xff
}
