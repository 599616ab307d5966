internal import Foundation

/// One mailbox: an address and an optional display name (`KPU Kabupaten Sragen
/// <admin@kab-sragen.kpu.example>`). The address is plain ASCII with one `@` and no spaces or
/// line breaks, so nothing a recipient record holds can add a header.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
  public let address: String
  public let name: String?

  /// Why an address is refused.
  public struct Invalid: Error, Equatable, CustomStringConvertible {
    public let description: String
  }

  public init(_ address: String, name: String? = nil) throws(Invalid) {
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
      address.unicodeScalars.allSatisfy({
        $0.isASCII && $0.value > 32 && $0.value < 127 && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
      })
    else {
      throw Invalid(description: "\"\(address)\" is not an email address (name@domain)")
    }
    if let name, name.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
      throw Invalid(description: "a display name has no line breaks")
    }
    self.address = address
    self.name = name.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A mailbox as people write it: `name@domain`, or `Display Name <name@domain>`.
  public init(mailbox text: String) throws(Invalid) {
    guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else {
      try self.init(text)
      return
    }
    let name = text[..<open].trimmingCharacters(in: .whitespaces)
    try self.init(String(text[text.index(after: open)..<text.index(before: text.endIndex)]), name: name)
  }

  /// The domain, for the Message-ID and EHLO.
  public var domain: String { String(address.split(separator: "@")[1]) }

  public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}
