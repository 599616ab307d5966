/// CBOR diagnostic notation (RFC 8949 §8), for logs, tools and test failures: `[1, "a", h'01ff']`,
/// `{"k": 1(1363896240)}`, `1.5`, `NaN`, `simple(99)`. Text strings are written as JSON strings.
extension CBORValue: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unsigned(let argument): return String(argument)
    case .negative(let argument):
      return argument == .max ? "-18446744073709551616" : "-\(argument + 1)"
    case .bytes(let bytes):
      return "h'" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "'"
    case .text(let text):
      var quoted = ""
      Self.writeJSONString(text, into: &quoted)
      return quoted
    case .array(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
    case .map(let pairs):
      return "{" + pairs.map { "\($0.key.description): \($0.value.description)" }.joined(separator: ", ")
        + "}"
    case .tagged(let tag, let content): return "\(tag)(\(content.description))"
    case .bool(let flag): return flag ? "true" : "false"
    case .null: return "null"
    case .undefined: return "undefined"
    case .simple(let simple): return "simple(\(simple))"
    case .float(let number):
      if number.isNaN { return "NaN" }
      if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
      return "\(number)"
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
