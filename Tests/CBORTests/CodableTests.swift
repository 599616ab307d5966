import CBOR
import Foundation
import Testing

struct CodableTests {
  static let everything = Everything(
    flag: true,
    int: -42,
    int8: .min,
    int16: .max,
    int32: -70_000,
    int64: .min,
    uint: 7,
    uint8: .max,
    uint16: 300,
    uint32: .max,
    uint64: .max,
    float: 0.1,
    double: -2.5e-300,
    text: "Kabupaten Aceh Selatan ✓",
    date: Date(timeIntervalSince1970: 1_732_492_800.25),
    data: Data([0, 1, 0xff]),
    url: URL(string: "https://kab-sragen.kpu.go.id/blog/read/1")!,
    decimal: Decimal(string: "77.5")!,
    optionalPresent: "here",
    optionalAbsent: nil,
    nested: [[], [1], [2, 3]],
    dictionary: Dictionary(uniqueKeysWithValues: (0..<40).map { ("key\($0)", Double($0) / 4) }),
    intKeyed: [1: "one", 71: "kota"],
    choice: .value(5, label: "x"),
    dynamic: .map([.init(.text("a"), .array([.unsigned(1), .null, .bytes([9])]))])
  )

  @Test func roundTripsEveryKindOfValue() throws {
    let bytes = try CBOREncoder().encode(Self.everything)
    #expect(try CBORDecoder().decode(Everything.self, from: bytes) == Self.everything)
    #expect(try CBORDecoder().decode(Everything.self, from: Data(bytes)) == Self.everything)
  }

  @Test func keyedContainerIsMapKeyedByCodingKeyStrings() throws {
    let bytes = try CBOREncoder().encode(RegionScoreV1(regionCode: "33", total: 1.5))
    // {"regionCode": "33", "total": 1.5}: text keys in declaration order, 1.5 as a half float.
    #expect(Hex.string(bytes) == "a26a726567696f6e436f646562333365746f74616cf93e00")
  }

  @Test func nilOptionalIsAnAbsentKey() throws {
    struct Sparse: Codable { var a: Int?; var b: Int? }
    #expect(try CBOREncoder().encode(Sparse(a: nil, b: 1)) == Hex.bytes("a1 61 62 01"))
  }

  @Test func missingOrNullOptionalDecodesAsNil() throws {
    struct Sparse: Codable, Equatable { var a: Int?; var b: Int? }
    #expect(try CBORDecoder().decode(Sparse.self, from: Hex.bytes("a0")) == Sparse(a: nil, b: nil))
    #expect(
      try CBORDecoder().decode(Sparse.self, from: Hex.bytes("a2 6161 f6 6162 02")) == Sparse(a: nil, b: 2)
    )
  }

  @Test func olderReaderIgnoresKeysItDoesNotKnow() throws {
    let newer = RegionScore(
      regionCode: "33.14",
      name: "Kabupaten Sragen",
      total: 78.27,
      category: .participatory,
      dimensions: [DimensionScore(dimension: "kampanye", score: 80)],
      methodologyVersion: "2024.1",
      computedAt: Date(timeIntervalSince1970: 1_732_492_800),
      note: nil
    )
    let old = try CBORDecoder().decode(RegionScoreV1.self, from: CBOREncoder().encode(newer))
    #expect(old == RegionScoreV1(regionCode: "33.14", total: 78.27))
  }

  @Test func dateIsTagOneEpochSeconds() throws {
    #expect(try CBOREncoder().encode(Date(timeIntervalSince1970: 1_363_896_240)) == Hex.bytes("c11a514b67b0"))
    #expect(
      try CBOREncoder().encode(Date(timeIntervalSince1970: 1_363_896_240.5))
        == Hex.bytes("c1fb41d452d9ec200000")
    )
    // RFC 8949's tag 0 example and a bare number read as dates too.
    let tagZero = try CBORDecoder().decode(
      Date.self,
      from: Hex.bytes("c074323031332d30332d32315432303a30343a30305a")
    )
    #expect(tagZero == Date(timeIntervalSince1970: 1_363_896_240))
    #expect(try CBORDecoder().decode(Date.self, from: Hex.bytes("1a514b67b0")) == tagZero)
  }

  @Test func dataIsAByteStringAndURLIsText() throws {
    #expect(try CBOREncoder().encode(Data([1, 2, 3, 4])) == Hex.bytes("4401020304"))
    let url = URL(string: "http://www.example.com")!
    #expect(try CBOREncoder().encode(url) == Hex.bytes("76687474703a2f2f7777772e6578616d706c652e636f6d"))
  }

  @Test(arguments: [
    ("273.15", "c48221196ab3"),  // RFC 8949 §3.4.4's example: 27315 × 10^-2
    ("-1.5", "c482202e"),
    ("0", "c4820000"),
    ("1200", "c482020c"),
  ])
  func decimalIsAnExactDecimalFraction(text: String, hex: String) throws {
    let value = Decimal(string: text)!
    #expect(Hex.string(try CBOREncoder().encode(value)) == hex)
    #expect(try CBORDecoder().decode(Decimal.self, from: Hex.bytes(hex)) == value)
  }

  @Test func decimalBeyondSixtyFourBitsIsText() throws {
    let value = Decimal(string: "12345678901234567890123.5")!
    let bytes = try CBOREncoder().encode(value)
    #expect(Array(bytes.prefix(2)) == [0x78, 25])  // text of 25 bytes
    #expect(try CBORDecoder().decode(Decimal.self, from: bytes) == value)
  }

  @Test func decimalFromBignumMantissa() throws {
    // 4([-1, 2(h'010000000000000000')]) = 2^64 / 10
    let value = try CBORDecoder().decode(Decimal.self, from: Hex.bytes("c48220c249010000000000000000"))
    #expect(value == Decimal(string: "1844674407370955161.6")!)
  }

  @Test func classHierarchyThroughSuperEncoder() throws {
    let bytes = try CBOREncoder().encode(Child(name: "kota", level: 2))
    let decoded = try CBORDecoder().decode(Child.self, from: bytes)
    #expect(decoded.name == "kota" && decoded.level == 2)
    #expect(
      try CBORDecoder().decodeValue(from: bytes)["super"] == .map([.init(.text("name"), .text("kota"))])
    )
  }

  @Test func repeatedKeyIsAnEncodingError() throws {
    let error = #expect(throws: EncodingError.self) { try CBOREncoder().encode(TwiceKeyed()) }
    guard case .invalidValue(_, let context) = error else { return }
    #expect(context.debugDescription.contains("The key \"a\" was encoded twice in one map"))
  }

  @Test func writingToAClosedContainerIsAnEncodingError() throws {
    let error = #expect(throws: EncodingError.self) { try CBOREncoder().encode(OutOfOrder()) }
    guard case .invalidValue(_, let context) = error else { return }
    #expect(
      context.debugDescription.contains(
        "The value for \"late\" was written to a container after something outside it was written"
      )
    )
  }

  @Test func nestedContainersAndEmptyValuesWriteInPlace() throws {
    // {"outer": {"x": 1}, "list": [[], {}], "after": 2, "empty": {}}
    #expect(
      try CBOREncoder().encode(InOrder())
        == Hex.bytes("a4 656f75746572 a1 6178 01 646c697374 82 80 a0 656166746572 02 65656d707479 a0")
    )
  }

  @Test func containersOf24OrMoreEntriesWidenTheirHead() throws {
    let values = Array(0..<300)
    let bytes = try CBOREncoder().encode([String: [Int]](dictionaryLiteral: ("k", values)))
    #expect(Array(bytes.prefix(6)) == Hex.bytes("a1 616b 99 012c"))
    #expect(try CBORDecoder().decode([String: [Int]].self, from: bytes) == ["k": values])
    let keys = (0..<30).map { "k\($0)" }
    let map = Dictionary(uniqueKeysWithValues: keys.map { ($0, 1) })
    let mapBytes = try CBOREncoder().encode(map)
    #expect(Array(mapBytes.prefix(2)) == Hex.bytes("b8 1e"))
    #expect(try CBORDecoder().decode([String: Int].self, from: mapBytes) == map)
  }

  @Test func decodesIndefiniteLengthsAndChunkedStrings() throws {
    // {_ "regionCode": (_ "3", "3"), "total": 1.5} with an indefinite map and chunked text.
    let bytes = Hex.bytes("bf 6a726567696f6e436f6465 7f 6133 6133 ff 65746f74616c f93e00 ff")
    #expect(
      try CBORDecoder().decode(RegionScoreV1.self, from: bytes) == RegionScoreV1(regionCode: "33", total: 1.5)
    )
  }

  @Test func keysAreFoundInAnyOrderInChunksAndBesideKeysThatAreNotText() throws {
    // {_ (_ "tot", "al"): 1.5, 1: 0, "regionCode": "33"}: the type reads regionCode first.
    let bytes = Hex.bytes("bf 7f 63746f74 62616c ff f93e00 01 00 6a726567696f6e436f6465 623333 ff")
    #expect(
      try CBORDecoder().decode(RegionScoreV1.self, from: bytes) == RegionScoreV1(regionCode: "33", total: 1.5)
    )
    // Maps with no text keys at all: {} and {1: 2}.
    #expect(try CBORDecoder().decode([String: Int].self, from: Hex.bytes("a0")) == [:])
    #expect(try CBORDecoder().decode([String: Int].self, from: Hex.bytes("a1 01 02")) == [:])
    #expect(throws: DecodingError.self) {
      try CBORDecoder().decode(RegionScoreV1.self, from: Hex.bytes("a0"))
    }
    // {"total": 1, (_ "tot", "al"): 2, "regionCode": "3"}: the same key, once in chunks.
    let repeated = Hex.bytes("a3 65746f74616c 01 7f 63746f74 62616c ff 02 6a726567696f6e436f6465 6133")
    #expect {
      try CBORDecoder().decode(RegionScoreV1.self, from: repeated)
    } throws: { error in
      guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
      return context.debugDescription == "The map has the key \"total\" more than once"
    }
  }

  @Test func integersReadFromAnyWidthAndWholeFloats() throws {
    #expect(try CBORDecoder().decode(UInt8.self, from: Hex.bytes("1b00000000000000ff")) == 255)
    #expect(try CBORDecoder().decode(Int.self, from: Hex.bytes("f94500")) == 5)
    #expect(try CBORDecoder().decode(Double.self, from: Hex.bytes("3863")) == -100)
    #expect(try CBORDecoder().decode(Float.self, from: Hex.bytes("fa47c35000")) == 100_000)
  }
}

private class Parent: Codable {
  var name: String
  init(name: String) { self.name = name }
}

private final class Child: Parent {
  var level: Int
  enum CodingKeys: String, CodingKey { case level }

  init(name: String, level: Int) {
    self.level = level
    super.init(name: name)
  }

  required init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    level = try container.decode(Int.self, forKey: .level)
    try super.init(from: container.superDecoder())
  }

  override func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(level, forKey: .level)
    try super.encode(to: container.superEncoder())
  }
}

/// Writes to a nested container after its parent moved on: what a streaming encoder cannot do.
private struct OutOfOrder: Encodable {
  enum Key: CodingKey { case outer, after, late }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    var nested = container.nestedContainer(keyedBy: Key.self, forKey: .outer)
    try container.encode(1, forKey: .after)
    try nested.encode(2, forKey: .late)
  }
}

private struct Empty: Encodable {
  func encode(to encoder: any Encoder) throws {}
}

private struct InOrder: Encodable {
  enum Key: CodingKey { case outer, x, list, after, empty }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    var nested = container.nestedContainer(keyedBy: Key.self, forKey: .outer)
    try nested.encode(1, forKey: .x)
    var list = container.nestedUnkeyedContainer(forKey: .list)
    _ = list.nestedUnkeyedContainer()
    try list.encode(Empty())
    try container.encode(2, forKey: .after)
    try container.encode(Empty(), forKey: .empty)
  }
}

private struct TwiceKeyed: Encodable {
  enum Key: CodingKey { case a }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(1, forKey: .a)
    try container.encode(2, forKey: .a)
  }
}
