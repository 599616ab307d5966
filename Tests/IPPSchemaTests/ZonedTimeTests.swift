import Foundation
import IPPSchema
import Testing

/// Deadlines as KPU writes them: a local time with its zone named.
struct ZonedTimeTests {
  @Test func theSameInstantReadsInEachZone() throws {
    let deadline = try ZonedTime("2026-12-15 23:59 WIB")
    #expect(deadline.instant == (try Date("2026-12-15T16:59:00Z", strategy: .iso8601)))
    #expect(deadline.in(.wita).rawValue == "2026-12-16 00:59 WITA")
    #expect(deadline.in(.wit).rawValue == "2026-12-16 01:59 WIT")
    #expect(deadline.in(.wit) == deadline.in(.wit))
    #expect(deadline.in(.wit).instant == deadline.instant)
  }

  @Test func secondsAreKeptWhenGiven() throws {
    #expect(try ZonedTime("2026-12-15 23:59:30 WIB").rawValue == "2026-12-15 23:59:30 WIB")
    #expect(try ZonedTime("2026-12-15 23:59:00 WIB").rawValue == "2026-12-15 23:59 WIB")
  }

  @Test(arguments: [
    "", "2026-12-15 23:59", "2026-12-15T23:59 WIB", "2026-12-15 23.59 WIB", "2026-12-15 23:59 UTC",
    "2026-02-30 10:00 WIB", "2026-12-15 24:00 WIB", "2026-12-15 23:60 WIB", "26-12-15 23:59 WIB",
    "2026-12-15 23:59:5 WIB", "2026-12-15  23:59 WIB",
  ])
  func otherWritingsAreRefused(text: String) {
    #expect(throws: InvalidZonedTime(text: text)) { try ZonedTime(text) }
  }

  @Test func onTheWireItIsTheText() throws {
    struct Message: Codable, Equatable { var closesAt: ZonedTime }
    let message = Message(closesAt: try ZonedTime("2026-12-16 00:59 WITA"))
    let json = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
    #expect(json == #"{"closesAt":"2026-12-16 00:59 WITA"}"#)
    #expect(try JSONDecoder().decode(Message.self, from: Data(json.utf8)) == message)
  }
}
