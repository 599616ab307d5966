/// The `grpc-timeout` header (PROTOCOL-HTTP2): at most 8 digits and a unit, H M S m u n.
public enum GRPCTimeout {
  /// The duration a header value gives, or nil when it is not a valid timeout.
  public static func parse(_ value: String) -> Duration? {
    guard let unit = value.last, (2...9).contains(value.count),
      let amount = Int64(value.dropLast()), amount >= 0, value.dropLast().allSatisfy(\.isASCII)
    else { return nil }
    switch unit {
    case "H": return .seconds(amount * 3600)
    case "M": return .seconds(amount * 60)
    case "S": return .seconds(amount)
    case "m": return .milliseconds(amount)
    case "u": return .microseconds(amount)
    case "n": return .nanoseconds(amount)
    default: return nil
    }
  }

  /// A header value for `duration`, rounded up to the finest unit that fits in 8 digits.
  public static func format(_ duration: Duration) -> String {
    // Bounded well below Int64.max (146 years) so that rounding up below cannot overflow.
    let nanoseconds = min(max(0, duration.nanoseconds), 1 << 62)
    let units: [(String, Int64)] = [
      ("n", 1), ("u", 1_000), ("m", 1_000_000), ("S", 1_000_000_000),
      ("M", 60_000_000_000), ("H", 3_600_000_000_000),
    ]
    for (unit, size) in units {
      let amount = (nanoseconds + size - 1) / size
      if amount < 100_000_000 { return "\(amount)\(unit)" }
    }
    return "99999999H"
  }
}
