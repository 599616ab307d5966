import CBOR
import Foundation
import TestSupport
import Testing

/// Interop both ways with Python's cbor2, a CBOR implementation nobody here wrote.
struct PythonInteropTests {
  private static let script = Bundle.module.url(forResource: "Resources/cbor2_peer", withExtension: "py")!

  /// Runs the cbor2 peer in `mode` with `input` on stdin and returns its stdout.
  private func cbor2(_ mode: String, input: [UInt8] = []) async throws -> [UInt8] {
    let result = try await Program.run(["python3", Self.script.path, mode], input: input)
    try #require(result.status == 0, "cbor2 peer failed: \(result.errors)")
    return [UInt8](result.output)
  }

  @Test func cbor2ReadsWhatSwiftWrites() async throws {
    let score = RegionScore(
      regionCode: "33.14",
      name: "Kabupaten Sragen ✓",
      total: 78.27,
      category: .participatory,
      dimensions: [
        DimensionScore(dimension: "kampanye", score: 80.5),
        DimensionScore(dimension: "pencalonan", score: 1.0),
      ],
      methodologyVersion: "2024.1",
      computedAt: Date(timeIntervalSince1970: 1_732_492_800),
      note: nil
    )
    let json = String(decoding: try await cbor2("decode", input: CBOREncoder().encode(score)), as: UTF8.self)
    #expect(
      json.trimmingCharacters(in: .whitespacesAndNewlines)
        == #"{"category": "participatory", "computedAt": {"$date": "2024-11-25T00:00:00+00:00"}, "#
        + #""dimensions": [{"dimension": "kampanye", "score": 80.5}, {"dimension": "pencalonan", "score": 1.0}], "#
        + #""methodologyVersion": "2024.1", "name": "Kabupaten Sragen ✓", "regionCode": "33.14", "total": 78.27}"#
    )
  }

  @Test func cbor2ReadsSwiftsFoundationValues() async throws {
    struct Values: Encodable { var data: Data; var amount: Decimal; var link: URL; var fraction: Date }
    let values = Values(
      data: Data([0xde, 0xad]),
      amount: Decimal(string: "-273.15")!,
      link: URL(string: "https://kpu.go.id")!,
      fraction: Date(timeIntervalSince1970: 1.5)
    )
    let json = String(decoding: try await cbor2("decode", input: CBOREncoder().encode(values)), as: UTF8.self)
    #expect(json.contains(#""data": {"$bytes": "dead"}"#))
    #expect(json.contains(#""amount": {"$decimal": "-273.15"}"#))
    #expect(json.contains(#""link": "https://kpu.go.id""#))
    #expect(json.contains(#""fraction": {"$date": "1970-01-01T00:00:01.500000+00:00"}"#))
  }

  @Test func swiftReadsWhatCbor2Writes() async throws {
    let score = try await CBORDecoder().decode(RegionScore.self, from: cbor2("message"))
    #expect(score.regionCode == "35")
    #expect(score.total == 80.87)
    #expect(score.category == .participatory)
    #expect(
      score.dimensions == [
        .init(dimension: "pemungutan suara", score: 91.5), .init(dimension: "kampanye", score: 70),
      ]
    )
    #expect(score.computedAt == Date(timeIntervalSince1970: 1_732_492_800))
    #expect(score.note == nil)
  }

  @Test func floatsAndIntegersMatchCbor2CanonicalBytes() async throws {
    let numbers: [Double] = [
      0, -0.0, 1, 1.5, 1.1, 65504, 100_000, 3.4028234663852886e+38, 1e300, 5.960464477539063e-08, -4.1,
    ]
    let integers: [Int64] = [0, 23, 24, 255, 256, 65535, 65536, -1, -24, -25, -256, -257, .max, .min]
    let json = "[" + numbers.map { "\($0)" }.joined(separator: ",") + "]"
    let canonicalNumbers = try await cbor2("canonical", input: Array(json.utf8))
    #expect(try CBOREncoder().encode(numbers) == canonicalNumbers)
    let integerJSON = "[" + integers.map(String.init).joined(separator: ",") + "]"
    let canonicalIntegers = try await cbor2("canonical", input: Array(integerJSON.utf8))
    #expect(try CBOREncoder().encode(integers) == canonicalIntegers)
  }
}
