import CBOR
import Foundation
import Testing

/// Every example of RFC 8949 Appendix A, from the cbor/test-vectors file.
struct AppendixATests {
  struct Vector: Decodable, CustomTestStringConvertible, Sendable {
    var hex: String
    var roundtrip: Bool
    var decoded: CBORValue?
    var diagnostic: String?

    var testDescription: String { hex }
  }

  static let vectors: [Vector] = {
    let url = Bundle.module.url(forResource: "Resources/cbor-appendix-a", withExtension: "json")!
    return try! JSONDecoder().decode([Vector].self, from: Data(contentsOf: url))
  }()

  @Test func fileHoldsAllExamples() {
    #expect(Self.vectors.count == 82)
  }

  /// RFC 7049 listed simple(24) as `f818`; RFC 8949 §3.3 made two-byte simple values below 32 not
  /// well-formed and took the example out of its Appendix A. The vectors file still has it.
  static let notWellFormedSinceRFC8949 = "f818"

  static var rfc8949Vectors: [Vector] { vectors.filter { $0.hex != notWellFormedSinceRFC8949 } }

  @Test func refusesTwoByteSimpleValueBelow32() {
    #expect(throws: DecodingError.self) {
      try CBORDecoder().decodeValue(from: Hex.bytes(Self.notWellFormedSinceRFC8949))
    }
  }

  @Test(arguments: rfc8949Vectors)
  func decodes(_ vector: Vector) throws {
    let value = try CBORDecoder().decodeValue(from: Hex.bytes(vector.hex))
    if vector.decoded == nil && vector.diagnostic == nil {
      #expect(value == .null)  // JSON null reads as an absent optional
    } else if let expected = vector.decoded {
      #expect(SemanticEquality.same(value, expected), "decoded \(value), expected \(expected)")
    } else if vector.diagnostic == "(_ h'0102', h'030405')" {
      #expect(value == .bytes([1, 2, 3, 4, 5]))
    } else {
      #expect(value.description == vector.diagnostic)
    }
  }

  @Test(arguments: rfc8949Vectors.filter(\.roundtrip))
  func reencodesToSameBytes(_ vector: Vector) throws {
    let value = try CBORDecoder().decodeValue(from: Hex.bytes(vector.hex))
    #expect(Hex.string(CBOREncoder().encode(value)) == vector.hex)
  }
}

/// Compares a decoded CBOR value with one read from JSON: numbers by value whatever their CBOR
/// form (bignums included), maps whatever their key order.
enum SemanticEquality {
  static func same(_ left: CBORValue, _ right: CBORValue) -> Bool {
    if let leftNumber = number(left), let rightNumber = number(right) { return leftNumber == rightNumber }
    switch (left, right) {
    case (.array(let leftElements), .array(let rightElements)):
      return leftElements.count == rightElements.count && zip(leftElements, rightElements).allSatisfy(same)
    case (.map(let leftPairs), .map(let rightPairs)):
      return leftPairs.count == rightPairs.count
        && leftPairs.allSatisfy { pair in
          rightPairs.contains { same($0.key, pair.key) && same($0.value, pair.value) }
        }
    default:
      return left == right
    }
  }

  private static func number(_ value: CBORValue) -> Double? {
    switch value {
    case .unsigned(let argument): Double(argument)
    case .negative(let argument): -1 - Double(argument)
    case .float(let number): number
    case .tagged(2, .bytes(let bytes)): bytes.reduce(0) { $0 * 256 + Double($1) }
    case .tagged(3, .bytes(let bytes)): -1 - bytes.reduce(0) { $0 * 256 + Double($1) }
    default: nil
    }
  }
}
