internal import Foundation

extension DecodingState {
  /// A date: tag 1 with epoch seconds, tag 0 with RFC 3339 text, or a bare number of epoch seconds.
  func date(at offset: Int) throws -> Date {
    let head = try reader.head(at: offset)
    guard head.majorType == CBORMajorType.tag else {
      return Date(timeIntervalSince1970: try double(at: offset))
    }
    switch head.argument {
    case CBORTag.epochDateTime:
      return Date(timeIntervalSince1970: try double(at: head.next))
    case CBORTag.dateTimeString:
      let text = try string(at: head.next)
      let formats = [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)]
      for format in formats {
        if let date = try? format.parse(text) { return date }
      }
      throw ValueMismatch.corrupted("\"\(text)\" is not an RFC 3339 date and time")
    default:
      throw ValueMismatch.corrupted("Expected a date (tag 0 or 1) but found tag \(head.argument)")
    }
  }

  func data(at offset: Int) throws -> Data {
    let (head, itemOffset) = try untaggedHead(at: offset)
    guard head.majorType == CBORMajorType.bytes else {
      throw ValueMismatch.expected(Data.self, "a byte string", found: head)
    }
    return try reader.withStringContent(head, at: itemOffset) { Data($0) }.0
  }

  func url(at offset: Int) throws -> URL {
    let text = try string(at: offset)
    guard let url = URL(string: text) else { throw ValueMismatch.corrupted("\"\(text)\" is not a URL") }
    return url
  }

  /// A decimal: a tag 4 decimal fraction (integer or bignum mantissa), decimal text, or a number.
  func decimal(at offset: Int) throws -> Decimal {
    let head = try reader.head(at: offset)
    switch head.majorType {
    case CBORMajorType.tag where head.argument == CBORTag.decimalFraction:
      return try decimalFraction(at: head.next)
    case CBORMajorType.text:
      let text = try string(at: offset)
      guard let value = DecimalText.parse(text) else {
        throw ValueMismatch.corrupted("\"\(text)\" is not a decimal number")
      }
      return value
    case CBORMajorType.unsigned:
      return Decimal(head.argument)
    case CBORMajorType.negative:
      return -1 - Decimal(head.argument)
    default:
      return Decimal(try double(at: offset))
    }
  }

  private func decimalFraction(at offset: Int) throws -> Decimal {
    let head = try reader.head(at: offset)
    guard head.majorType == CBORMajorType.array, head.argument == 2, !head.isIndefinite else {
      throw ValueMismatch.corrupted("A decimal fraction (tag 4) must hold an array of exponent and mantissa")
    }
    let exponent = try integer(Int8.self, at: head.next)
    let mantissaOffset = try reader.end(ofItemAt: head.next, depth: 0, validatingText: false)
    let mantissaHead = try reader.head(at: mantissaOffset)
    let mantissa: Decimal
    switch mantissaHead.majorType {
    case CBORMajorType.unsigned:
      mantissa = Decimal(mantissaHead.argument)
    case CBORMajorType.negative:
      mantissa = -1 - Decimal(mantissaHead.argument)
    case CBORMajorType.tag
    where mantissaHead.argument == CBORTag.positiveBignum || mantissaHead.argument == CBORTag.negativeBignum:
      let magnitude = try bignum(at: mantissaHead.next)
      mantissa = mantissaHead.argument == CBORTag.positiveBignum ? magnitude : -1 - magnitude
    default:
      throw ValueMismatch.corrupted("The mantissa of a decimal fraction (tag 4) must be an integer")
    }
    return Decimal(sign: mantissa.sign, exponent: Int(exponent), significand: mantissa.magnitude)
  }

  /// The value of a bignum's byte string; at most 16 bytes, what `Decimal` can hold.
  private func bignum(at offset: Int) throws -> Decimal {
    let bytes = try data(at: offset)
    guard bytes.count <= 16 else {
      throw ValueMismatch.corrupted("A bignum of \(bytes.count) bytes is too large")
    }
    return bytes.reduce(Decimal(0)) { $0 * 256 + Decimal($1) }
  }
}
