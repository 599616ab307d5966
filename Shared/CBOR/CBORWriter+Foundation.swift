internal import Foundation

extension CBORWriter {
  /// How to write the values this codec writes itself rather than through their own
  /// `encode(to:)`: `Date` as tag 1 epoch seconds (an integer when whole), `Data` as a byte
  /// string, `URL` as text, `Decimal` as a tag 4 decimal fraction (text when its mantissa needs
  /// more than 64 bits), ``CBORValue`` as itself. Nil for any other type.
  static func foundationWriter<T: Encodable>(for value: T) -> ((inout CBORWriter) -> Void)? {
    if T.self == Date.self { return { $0.writeDate(value as! Date) } }
    if T.self == Data.self { return { $0.writeBytes(value as! Data) } }
    if T.self == URL.self { return { $0.writeText((value as! URL).absoluteString) } }
    if T.self == Decimal.self { return { $0.write(decimalValue(value as! Decimal)) } }
    if T.self == CBORValue.self { return { $0.write(value as! CBORValue) } }
    return nil
  }

  private mutating func writeDate(_ date: Date) {
    writeHead(CBORMajorType.tag, CBORTag.epochDateTime)
    let seconds = date.timeIntervalSince1970
    if let whole = Int64(exactly: seconds) { writeInteger(whole) } else { writeDouble(seconds) }
  }

  private static func decimalValue(_ decimal: Decimal) -> CBORValue {
    guard let fraction = DecimalText.fraction(of: decimal) else { return .text(decimal.description) }
    let mantissa: CBORValue =
      fraction.isNegative && fraction.mantissa > 0
      ? .negative(fraction.mantissa - 1) : .unsigned(fraction.mantissa)
    return .tagged(CBORTag.decimalFraction, .array([CBORValue(Int64(fraction.exponent)), mantissa]))
  }
}
