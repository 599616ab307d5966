internal import Foundation

/// `CBORValue` through other coders, mapped as ``CBORValue/json(prettyPrinted:)`` describes (RFC 8949
/// §6.1). The CBOR coders of this module do not go through this: they read and write the item as it is.
extension CBORValue: Codable {
  public init(from decoder: any Decoder) throws {
    let single = try decoder.singleValueContainer()
    if single.decodeNil() {
      self = .null
    } else if let flag = try? single.decode(Bool.self) {
      self = .bool(flag)
    } else if let integer = try? single.decode(Int64.self) {
      self = CBORValue(integer)
    } else if let integer = try? single.decode(UInt64.self) {
      self = .unsigned(integer)
    } else if let number = try? single.decode(Double.self) {
      self = .float(number)
    } else if let text = try? single.decode(String.self) {
      self = .text(text)
    } else if var unkeyed = try? decoder.unkeyedContainer() {
      var elements: [CBORValue] = []
      while !unkeyed.isAtEnd { elements.append(try unkeyed.decode(CBORValue.self)) }
      self = .array(elements)
    } else {
      let keyed = try decoder.container(keyedBy: CBORCodingKey.self)
      self = .map(
        try keyed.allKeys.map { .init(.text($0.stringValue), try keyed.decode(CBORValue.self, forKey: $0)) }
      )
    }
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .unsigned(let argument):
      var single = encoder.singleValueContainer()
      try single.encode(argument)
    case .negative(let argument):
      var single = encoder.singleValueContainer()
      if argument <= UInt64(Int64.max) {
        try single.encode(-1 - Int64(argument))
      } else {
        try single.encode(-1 - Double(argument))
      }
    case .bytes(let bytes):
      var single = encoder.singleValueContainer()
      try single.encode(Self.base64URL(bytes))
    case .text(let text):
      var single = encoder.singleValueContainer()
      try single.encode(text)
    case .array(let elements):
      var unkeyed = encoder.unkeyedContainer()
      for element in elements { try unkeyed.encode(element) }
    case .map(let pairs):
      var keyed = encoder.container(keyedBy: CBORCodingKey.self)
      for pair in pairs {
        let key: String
        if case .text(let text) = pair.key { key = text } else { key = pair.key.description }
        try keyed.encode(pair.value, forKey: CBORCodingKey(stringValue: key))
      }
    case .tagged(_, let content):
      try content.encode(to: encoder)
    case .bool(let flag):
      var single = encoder.singleValueContainer()
      try single.encode(flag)
    case .null, .undefined:
      var single = encoder.singleValueContainer()
      try single.encodeNil()
    case .simple(let simple):
      var single = encoder.singleValueContainer()
      try single.encode(simple)
    case .float(let number):
      var single = encoder.singleValueContainer()
      if number.isFinite { try single.encode(number) } else { try single.encodeNil() }
    }
  }
}
