internal import Foundation

extension CBORWriter {
  /// Whether this codec writes values of type `T` itself rather than through their own
  /// `encode(to:)`: `Date`, `Data`, `URL`, `Decimal` and ``CBORValue``.
  static func writesItself<T>(_ type: T.Type) -> Bool {
    T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self
      || T.self == CBORValue.self
  }

  /// Writes a value of a type for which ``writesItself(_:)`` is true: `Date` as tag 1 epoch
  /// seconds (an integer when whole), `Data` as a byte string, `URL` as text, `Decimal` as a tag 4
  /// decimal fraction (text when its mantissa needs more than 64 bits), ``CBORValue`` as itself.
  mutating func writeFoundationValue<T>(_ value: T) {
    switch value {
    case let date as Date: writeDate(date)
    case let data as Data: writeBytes(data)
    case let url as URL: writeText(url.absoluteString)
    case let decimal as Decimal: write(Self.decimalValue(decimal))
    case let cbor as CBORValue: write(cbor)
    default: preconditionFailure("\(T.self) is not written by the codec itself")
    }
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
