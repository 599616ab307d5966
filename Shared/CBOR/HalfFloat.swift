/// Conversions between IEEE 754 half precision bit patterns and wider floats, written out by hand
/// because `Float16` is not available on every platform Swift runs on.
enum HalfFloat {
  /// The value of a half precision bit pattern (RFC 8949 Appendix D).
  static func double(fromBits bits: UInt16) -> Double {
    let exponent = Int((bits >> 10) & 0x1f)
    let mantissa = Double(bits & 0x3ff)
    let magnitude: Double
    switch exponent {
    case 0: magnitude = mantissa * 0x1p-24
    case 31: magnitude = mantissa == 0 ? .infinity : .nan
    default: magnitude = (1024 + mantissa) * Double(sign: .plus, exponent: exponent - 25, significand: 1)
    }
    return bits & 0x8000 != 0 ? -magnitude : magnitude
  }

  /// The half precision bit pattern that holds exactly this value, or nil if none does.
  /// Every NaN becomes the canonical quiet NaN 0x7e00.
  static func exactBits(of value: Float) -> UInt16? {
    if value.isNaN { return 0x7e00 }
    let bits = value.bitPattern
    let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
    let biasedExponent = Int((bits >> 23) & 0xff)
    let mantissa = bits & 0x7f_ffff
    if biasedExponent == 0xff { return sign | 0x7c00 }
    if biasedExponent == 0 { return mantissa == 0 ? sign : nil }
    let exponent = biasedExponent - 127
    if (-14...15).contains(exponent) {
      guard mantissa & 0x1fff == 0 else { return nil }
      return sign | UInt16(exponent + 15) << 10 | UInt16(mantissa >> 13)
    }
    if (-24 ..< -14).contains(exponent) {
      // A half subnormal counts units of 2^-24; the float is (2^23 + mantissa) * 2^(exponent - 23).
      let significand = mantissa | 0x80_0000
      let shift = UInt32(-(exponent + 1))
      guard significand & ((1 << shift) - 1) == 0 else { return nil }
      return sign | UInt16(significand >> shift)
    }
    return nil
  }
}
