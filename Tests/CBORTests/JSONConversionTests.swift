import CBOR
import Foundation
import Testing

/// `CBORValue` to and from JSON, for tools that print any message.
struct JSONConversionTests {
  @Test func cborToJSONFollowsRFC8949Section6_1() throws {
    let value = CBORValue.map([
      .init(.text("code"), .text("33.14")),
      .init(.text("total"), .float(78.27)),
      .init(.text("count"), .negative(4)),
      .init(.text("raw"), .bytes([0xfb, 0xff])),
      .init(.text("at"), .tagged(1, .unsigned(1_363_896_240))),
      .init(.text("missing"), .undefined),
      .init(.text("inf"), .float(.infinity)),
      .init(.unsigned(7), .array([.bool(true), .null])),
    ])
    let json = String(decoding: value.json(), as: UTF8.self)
    #expect(
      json
        == #"{"code":"33.14","total":78.27,"count":-5,"raw":"-_8","at":1363896240,"missing":null,"inf":null,"7":[true,null]}"#
    )
  }

  @Test func jsonToCBORKeepsIntegersIntegers() throws {
    let value = try CBORValue(json: Data(#"{"a": [1, -2, 2.5, "x", true, null, 18446744073709551615]}"#.utf8))
    #expect(
      value["a"]
        == .array([.unsigned(1), .negative(1), .float(2.5), .text("x"), .bool(true), .null, .unsigned(.max)])
    )
  }

  @Test func anyMessagePrintsAsJSONThroughItsCBOR() throws {
    let bytes = try CBOREncoder().encode(RegionScoreV1(regionCode: "35", total: 80.87))
    let json = try CBORDecoder().decodeValue(from: bytes).json()
    #expect(
      String(decoding: CBORValue.array([.unsigned(1), .map([])]).json(prettyPrinted: true), as: UTF8.self)
        == "[\n  1,\n  {}\n]"
    )
    #expect(String(decoding: json, as: UTF8.self) == #"{"regionCode":"35","total":80.87}"#)
  }

  @Test func diagnosticNotation() {
    let value = CBORValue.array([
      .bytes([1, 0xff]), .text("a\"b"), .tagged(1, .float(1.5)), .simple(99), .negative(0),
    ])
    #expect(value.description == #"[h'01ff', "a\"b", 1(1.5), simple(99), -1]"#)
  }
}
