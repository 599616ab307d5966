internal import Foundation

/// `Decimal` to and from the parts CBOR writes it with: a decimal fraction (tag 4) of an exponent
/// and an integer mantissa, or plain decimal text when the mantissa does not fit 64 bits.
enum DecimalText {
  /// Parses decimal text (`-12.5`, `3e-2`, `NaN`), refusing anything else: `Decimal(string:)` alone
  /// would accept a prefix and ignore the rest.
  static func parse(_ text: String) -> Decimal? {
    if text == "NaN" { return .nan }
    var sawDigit = false
    var sawPoint = false
    var sawExponent = false
    var previous: Character = " "
    for character in text {
      switch character {
      case "0"..."9": sawDigit = true
      case "-", "+": guard previous == " " || previous == "e" || previous == "E" else { return nil }
      case ".": guard !sawPoint, !sawExponent else { return nil }; sawPoint = true
      case "e", "E": guard sawDigit, !sawExponent else { return nil }; sawExponent = true
      default: return nil
      }
      previous = character
    }
    guard sawDigit, previous.isNumber || previous == "." else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }

  /// The decimal fraction `mantissa * 10^exponent` equal to `value`, or nil when the mantissa
  /// needs more than 64 bits or the value is NaN.
  static func fraction(of value: Decimal) -> (exponent: Int, mantissa: UInt64, isNegative: Bool)? {
    guard !value.isNaN else { return nil }
    var digits = Substring(value.description)
    let isNegative = digits.first == "-"
    if isNegative { digits = digits.dropFirst() }
    var exponent = 0
    if let point = digits.firstIndex(of: ".") {
      exponent = -digits.distance(from: point, to: digits.endIndex) + 1
      digits.remove(at: point)
    }
    while digits.count > 1, digits.last == "0", exponent < Int(Int8.max) {
      digits.removeLast()
      exponent += 1
    }
    guard let mantissa = UInt64(digits) else { return nil }
    return (exponent, mantissa, isNegative)
  }
}
