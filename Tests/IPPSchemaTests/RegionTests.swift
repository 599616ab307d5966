import Foundation
import IPPSchema
import RPCCore
import Testing

/// The compiled-in region table and the codes made from it.
struct RegionTests {
  @Test func theTableHoldsEveryOfficeBelowKPURI() {
    #expect(Region.all.count == 552)
    #expect(Region.provinces.count == 38)
    #expect(Region.all.filter { $0.kind == .kabupaten }.count == 416)
    #expect(Region.all.filter { $0.kind == .kota }.count == 98)
    #expect(
      Region.all.allSatisfy { !$0.name.isEmpty && $0.name == $0.name.trimmingCharacters(in: .whitespaces) }
    )
  }

  @Test func namesAndLevelsComeFromTheOfficialList() throws {
    let sragen = try RegionCode("33.14")
    #expect(sragen.level == .kabkota)
    #expect(sragen.province == (try RegionCode("33")))
    #expect(sragen.region.name == "Kabupaten Sragen")
    #expect(sragen.region.kind == .kabupaten)
    #expect(sragen.province.region.name == "Jawa Tengah")
    #expect((try RegionCode("33")).contains(sragen))
    #expect(!(try RegionCode("35")).contains(sragen))
    #expect(!sragen.contains(try RegionCode("33")))
    // Jakarta Utara's official name has a trailing space; the table trims it.
    #expect((try RegionCode("31.72")).region.name == "Kota Administrasi Jakarta Utara")
    #expect(Region.kabKota(in: try RegionCode("33")).count == 35)
  }

  @Test(arguments: [
    ("33.14", "WIB", "Asia/Jakarta"), ("61.71", "WIB", "Asia/Pontianak"), ("51", "WITA", "Asia/Makassar"),
    ("73.71", "WITA", "Asia/Makassar"), ("91.71", "WIT", "Asia/Jayapura"), ("96", "WIT", "Asia/Jayapura"),
  ])
  func eachRegionHasItsProvincesZone(code: String, zone: String, identifier: String) throws {
    let region = try RegionCode(code).region
    #expect(region.zone.rawValue == zone)
    #expect(region.timeZoneIdentifier == identifier)
    #expect(region.timeZone.identifier == identifier)
  }

  @Test func aDeadlineReadsInEachZone() throws {
    // 23:59 WIB on 15 December 2026 is 00:59 WITA and 01:59 WIT the next day.
    let deadline = try Date("2026-12-15T23:59:00+07:00", strategy: .iso8601)
    var calendar = Calendar(identifier: .gregorian)
    for (code, day, hour) in [("33.14", 15, 23), ("73.71", 16, 0), ("91.71", 16, 1)] {
      calendar.timeZone = try RegionCode(code).region.timeZone
      let parts = calendar.dateComponents([.day, .hour, .minute], from: deadline)
      #expect((parts.day, parts.hour, parts.minute) == (day, hour, 59), "\(code)")
    }
  }

  @Test(arguments: ["", "3", "333", "33.1", "33-14", "33.14.01", "ab", "33.1a", " 33", "٣٣"])
  func malformedCodesAreRefused(text: String) {
    #expect(throws: InvalidRegionCode(text: text, reason: .malformed)) { try RegionCode(text) }
  }

  @Test(arguments: ["00", "99", "33.00", "33.99", "34.80"])
  func codesNotOnTheListAreRefused(text: String) {
    #expect(throws: InvalidRegionCode(text: text, reason: .unknown)) { try RegionCode(text) }
  }

  @Test func aBadCodeOnTheWireIsInvalidArgumentNamingIt() throws {
    struct Message: Codable { var region: RegionCode }
    let error = InvalidRegionCode(text: "33.99", reason: .unknown)
    #expect(error.rpcError.code == .invalidArgument)
    #expect(error.rpcError.message == "33.99 is not on the official list of region codes")
    let decoded = try JSONDecoder().decode(Message.self, from: Data(#"{"region": "33.14"}"#.utf8))
    #expect(decoded.region.rawValue == "33.14")
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Message.self, from: Data(#"{"region": "33.99"}"#.utf8))
    }
    #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"{"region":"33.14"}"#)
  }

  @Test(arguments: ["pilkada-2024", "pemilu-2024", "a", "pilkada-2029-ulang"])
  func electionIDsOfTheRightFormAreAccepted(text: String) throws {
    #expect(try ElectionID(text).rawValue == text)
  }

  @Test(arguments: [
    "", "Pilkada-2024", "pilkada 2024", "2024-pilkada", "pilkada_2024", String(repeating: "a", count: 65),
  ])
  func otherElectionIDsAreRefused(text: String) {
    #expect(throws: InvalidElectionID(text: text)) { try ElectionID(text) }
  }
}
