/// A region's official code (kode wilayah): `33` is a province (Jawa Tengah), `33.14` a kab/kota
/// in it (Kabupaten Sragen). Made only from a code on the official list, so a value of this type
/// always names a real region, with a level, a province and a time zone. On the wire it is the
/// code as text; a code that is not on the list fails to decode, naming the code.
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CheckedText {
  /// The code: `33` or `33.14`.
  public let rawValue: String

  /// The code `text` after checking it: two digits, or two digits, a dot and two digits, and on
  /// the official list.
  public init(_ text: String) throws(InvalidRegionCode) {
    let bytes = Array(text.utf8)
    let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    let wellFormed =
      (bytes.count == 2 && bytes.allSatisfy(isDigit))
      || (bytes.count == 5 && bytes[2] == UInt8(ascii: ".")
        && [0, 1, 3, 4].allSatisfy { isDigit(bytes[$0]) })
    guard wellFormed else { throw InvalidRegionCode(text: text, reason: .malformed) }
    guard RegionTable.byCode[text] != nil else { throw InvalidRegionCode(text: text, reason: .unknown) }
    rawValue = text
  }

  /// A code read from the compiled-in table, which is known to be well formed.
  init(unchecked text: String) {
    rawValue = text
  }

  /// Province or kab/kota.
  public var level: Level { rawValue.utf8.count == 2 ? .province : .kabkota }

  /// The province: itself for a province, `33` for `33.14`.
  public var province: RegionCode {
    level == .province ? self : RegionCode(unchecked: String(rawValue.prefix(2)))
  }

  /// The region on the official list: name, kind and time zone.
  public var region: Region { Region.named(self)! }

  /// Whether `other` is this region or lies in it (`33` contains `33.14`).
  public func contains(_ other: RegionCode) -> Bool {
    other == self || (level == .province && other.province == self)
  }

  public static func < (left: RegionCode, right: RegionCode) -> Bool { left.rawValue < right.rawValue }
}

/// Text that is not a region code, and why.
public struct InvalidRegionCode: Error, Sendable, Equatable, CustomStringConvertible {
  /// Why the code was refused.
  public enum Reason: Sendable, Equatable {
    /// Not `NN` or `NN.NN`.
    case malformed
    /// Well formed, but no region has it.
    case unknown
  }

  public var text: String
  /// Why it is not a code.
  public var reason: Reason

  public init(text: String, reason: Reason) {
    self.text = text
    self.reason = reason
  }

  /// A sentence for the caller.
  public var message: String {
    switch reason {
    case .malformed:
      "\"\(text)\" is not a region code: a province is two digits (33), a kab/kota NN.NN (33.14)"
    case .unknown: "\(text) is not on the official list of region codes"
    }
  }

  public var description: String { message }
}
