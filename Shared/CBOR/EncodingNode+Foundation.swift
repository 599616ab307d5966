internal import Foundation

extension EncodingNode {
  /// The node for the values this codec writes itself rather than through their own `encode(to:)`:
  /// `Date` as tag 1 epoch seconds, `Data` as a byte string, `URL` as text, `Decimal` as a tag 4
  /// decimal fraction (text when its mantissa needs more than 64 bits), ``CBORValue`` as itself.
  static func foundationValue<T: Encodable>(_ value: T) -> EncodingNode? {
    if T.self == Date.self { return .value(.tagged(CBORTag.epochDateTime, epochSeconds(value as! Date))) }
    if T.self == Data.self { return .value(.bytes([UInt8](value as! Data))) }
    if T.self == URL.self { return .value(.text((value as! URL).absoluteString)) }
    if T.self == Decimal.self { return .value(decimalValue(value as! Decimal)) }
    if T.self == CBORValue.self { return .value(value as! CBORValue) }
    return nil
  }

  private static func epochSeconds(_ date: Date) -> CBORValue {
    let seconds = date.timeIntervalSince1970
    if let whole = Int64(exactly: seconds) { return CBORValue(whole) }
    return .float(seconds)
  }

  private static func decimalValue(_ decimal: Decimal) -> CBORValue {
    guard let fraction = DecimalText.fraction(of: decimal) else { return .text(decimal.description) }
    let mantissa: CBORValue =
      fraction.isNegative && fraction.mantissa > 0
      ? .negative(fraction.mantissa - 1) : .unsigned(fraction.mantissa)
    return .tagged(CBORTag.decimalFraction, .array([CBORValue(Int64(fraction.exponent)), mantissa]))
  }
}
