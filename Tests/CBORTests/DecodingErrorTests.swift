import CBOR
import Foundation
import Testing

/// Bad input gets a `DecodingError` that says what is wrong and where, and never a crash.
struct DecodingErrorTests {
  private func decodingError<T: Decodable>(
    _ type: T.Type,
    _ hex: String,
    limits: CBORLimits = .default
  ) throws -> (path: String, description: String) {
    let error = try #require(throws: DecodingError.self) {
      try CBORDecoder(limits: limits).decode(type, from: Hex.bytes(hex))
    }
    let context: DecodingError.Context
    switch error {
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
      context = c
    @unknown default: Issue.record("unknown error \(error)"); throw error
    }
    return (
      context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: "."),
      context.debugDescription
    )
  }

  @Test func missingKeyNamesTheKeyAndPath() throws {
    // {"dimensions": [{"dimension": "x"}]}: the first dimension has no score.
    struct Wrapper: Decodable { var dimensions: [DimensionScore] }
    let (path, description) = try decodingError(
      Wrapper.self,
      "a1 6a64696d656e73696f6e73 81 a1 6964696d656e73696f6e 6178"
    )
    #expect(path == "dimensions.[0]")
    #expect(description == "No value for key \"score\"")
  }

  @Test func typeMismatchNamesBothTypes() throws {
    // {"regionCode": 33, "total": 1}
    let (path, description) = try decodingError(
      RegionScoreV1.self,
      "a2 6a726567696f6e436f6465 1821 65746f74616c 01"
    )
    #expect(path == "regionCode")
    #expect(description == "Expected a text string but found an unsigned integer")
  }

  @Test func numberOutOfRangeForTheType() throws {
    let (_, description) = try decodingError(UInt8.self, "190100")
    #expect(description == "Number 256 does not fit in UInt8")
    let (_, negative) = try decodingError(UInt64.self, "20")
    #expect(negative == "Number -1 does not fit in UInt64")
    let (_, fraction) = try decodingError(Int.self, "f93e00")
    #expect(fraction == "Number 1.5 is not a whole number that fits in Int")
  }

  @Test func malformedInputReportsOffsetAndPath() throws {
    // {"dimensions": [{"dimension": <text declaring 5 bytes with 1 left>
    struct Wrapper: Decodable { var dimensions: [DimensionScore] }
    let (path, description) = try decodingError(
      Wrapper.self,
      "a1 6a64696d656e73696f6e73 81 a1 6964696d656e73696f6e 6578"
    )
    #expect(path == "dimensions.[0].dimension")
    #expect(description == "Malformed CBOR at byte 24: a string declares 5 bytes but 1 are left")
  }

  @Test(arguments: [
    ("", "the input ends where an item should start"),
    ("1a0001", "the input ends inside an item's head"),
    ("1c", "additional information 28 is reserved"),
    ("1f", "an unsigned integer cannot have an indefinite length"),
    ("ff", "a break byte outside an indefinite-length item"),
    ("f81f", "simple value 31 must be written in one byte"),
    ("9f01", "an indefinite-length array has no break"),
    ("bf01ff", "a map ends after a key with no value"),
    ("5f01ff", "a chunk of an indefinite-length string must be a definite-length string of the same type"),
    ("62c328", "a text string is not valid UTF-8"),
    ("63eda080", "a text string is not valid UTF-8"),  // a surrogate
    ("62c0af", "a text string is not valid UTF-8"),  // an overlong "/"
    ("0102", "1 bytes follow the item"),
    ("9bffffffffffffffff", "an array declares 18446744073709551615 entries but 0 bytes are left"),
    ("5bffffffffffffffff", "a string declares 18446744073709551615 bytes but 0 are left"),
    ("ba7fffffff00", "a map declares 2147483647 entries but 1 bytes are left"),
  ])
  func malformedInput(hex: String, reason: String) throws {
    let (_, description) = try decodingError(CBORValue.self, hex)
    #expect(description.hasSuffix(reason), "\(description)")
  }

  @Test func nestingDeeperThanTheLimitIsRefused() throws {
    let limits = CBORLimits.default
    let atLimit = String(repeating: "81", count: limits.maxDepth) + "00"
    #expect(throws: Never.self) { try CBORDecoder().decodeValue(from: Hex.bytes(atLimit)) }
    let (_, description) = try decodingError(CBORValue.self, "81" + atLimit)
    #expect(description.hasSuffix("nesting is deeper than the limit of 64"))
    // Tags count as nesting too, so a chain of tags cannot run away either.
    let tags = String(repeating: "c6", count: 65) + "00"
    #expect(
      try decodingError(CBORValue.self, tags).description.hasSuffix("nesting is deeper than the limit of 64")
    )
  }

  @Test func inputAndStringLimitsAreConfigurable() throws {
    let limits = CBORLimits(maxInputSize: 8, maxDepth: 4, maxStringLength: 3)
    #expect(
      try decodingError(CBORValue.self, "6461626364", limits: limits).description.hasSuffix(
        "a string of 4 bytes is over the limit of 3"
      )
    )
    #expect(
      try decodingError(CBORValue.self, "7f 626162 626364 ff", limits: limits).description.hasSuffix(
        "a string is over the limit of 3 bytes"
      )
    )
    #expect(
      try decodingError(CBORValue.self, "8901020304050607080900", limits: limits).description.hasSuffix(
        "the input is 11 bytes, over the limit of 8"
      )
    )
    #expect(
      try decodingError(CBORValue.self, "8181818181 00", limits: limits).description.hasSuffix(
        "nesting is deeper than the limit of 4"
      )
    )
  }

  @Test func duplicateKeysAreRefused() throws {
    let (_, small) = try decodingError(
      RegionScoreV1.self,
      "a3 6a726567696f6e436f6465 6133 65746f74616c 01 65746f74616c 02"
    )
    #expect(small == "The map has the key \"total\" more than once")
    let entries = (0..<20).map { "6\(1)\(String(format: "%02x", 0x61 + $0)) 00" }.joined()
    let (_, large) = try decodingError([String: Int].self, "b5" + entries + "6161 01")
    #expect(large == "The map has the key \"a\" more than once")
  }

  @Test func wrongContainerKind() throws {
    let (_, description) = try decodingError([Int].self, "a0")
    #expect(description == "Expected an array but found a map")
    let (path, element) = try decodingError([Int].self, "82 01 6161")
    #expect(path == "[1]")
    #expect(element == "Expected an integer but found a text string")
  }
}
