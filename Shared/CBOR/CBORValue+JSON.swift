public import Foundation

extension CBORValue {
  /// The value of a JSON document: numbers with no fraction become integers, others floats.
  public init(json: Data) throws {
    self = try JSONDecoder().decode(CBORValue.self, from: json)
  }

  /// This value as a JSON document, map entries in their order (RFC 8949 §6.1): integers exact at any
  /// size, byte strings as base64url, tags dropped for their content, undefined and non-finite floats
  /// as null, map keys that are not text as their diagnostic notation.
  public func json(prettyPrinted: Bool = false) -> Data {
    var output = ""
    writeJSON(into: &output, indent: prettyPrinted ? "" : nil)
    return Data(output.utf8)
  }

  private func writeJSON(into output: inout String, indent: String?) {
    switch self {
    case .unsigned, .negative, .simple: output += description
    case .bytes(let bytes): Self.writeJSONString(Self.base64URL(bytes), into: &output)
    case .text(let text): Self.writeJSONString(text, into: &output)
    case .array(let elements):
      Self.writeJSONContainer("[", "]", elements, into: &output, indent: indent) { element, output, inner in
        element.writeJSON(into: &output, indent: inner)
      }
    case .map(let pairs):
      Self.writeJSONContainer("{", "}", pairs, into: &output, indent: indent) { pair, output, inner in
        if case .text(let key) = pair.key {
          Self.writeJSONString(key, into: &output)
        } else {
          Self.writeJSONString(pair.key.description, into: &output)
        }
        output += inner == nil ? ":" : ": "
        pair.value.writeJSON(into: &output, indent: inner)
      }
    case .tagged(_, let content): content.writeJSON(into: &output, indent: indent)
    case .bool(let flag): output += flag ? "true" : "false"
    case .null, .undefined: output += "null"
    case .float(let number): output += number.isFinite ? "\(number)" : "null"
    }
  }

  private static func writeJSONContainer<Element>(
    _ open: String,
    _ close: String,
    _ elements: [Element],
    into output: inout String,
    indent: String?,
    writeElement: (Element, inout String, String?) -> Void
  ) {
    output += open
    let inner = indent.map { $0 + "  " }
    for (index, element) in elements.enumerated() {
      if index > 0 { output += "," }
      if let inner { output += "\n" + inner }
      writeElement(element, &output, inner)
    }
    if let indent, !elements.isEmpty { output += "\n" + indent }
    output += close
  }

  /// Appends `text` as a JSON string (RFC 8259 §7), also the form of diagnostic notation's text.
  static func writeJSONString(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }

  static func base64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}
