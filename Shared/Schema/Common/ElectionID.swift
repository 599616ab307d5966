/// An election's identifier: `pilkada-2024`, `pemilu-2024`. Lowercase letters, digits and
/// hyphens, starting with a letter, at most 64 characters; on the wire it is the text.
public struct ElectionID: Sendable, Hashable, Comparable, Codable, CheckedText {
  public let rawValue: String

  /// `text` after checking its form.
  public init(_ text: String) throws(InvalidElectionID) {
    let bytes = Array(text.utf8)
    let allowed = { (byte: UInt8) in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "-")
    }
    guard (1...64).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0]),
      bytes.allSatisfy(allowed)
    else { throw InvalidElectionID(text: text) }
    rawValue = text
  }

  /// The 2024 regional elections (Pilkada serentak): 37 provinces and 508 kab/kota.
  public static let pilkada2024 = try! ElectionID("pilkada-2024")
  /// The 2024 general election (Pemilu): every province and kab/kota.
  public static let pemilu2024 = try! ElectionID("pemilu-2024")

  public static func < (left: ElectionID, right: ElectionID) -> Bool { left.rawValue < right.rawValue }
}

/// Text that is not an election identifier.
public struct InvalidElectionID: Error, Sendable, Equatable, CustomStringConvertible {
  public var text: String

  public init(text: String) {
    self.text = text
  }

  /// A sentence for the caller.
  public var message: String {
    "\"\(text)\" is not an election id: lowercase letters, digits and hyphens, such as pilkada-2024"
  }

  public var description: String { message }
}
