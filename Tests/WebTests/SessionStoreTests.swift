import Foundation
import IPPWeb
import RPCCore
import ServiceRuntime
import Testing

/// Sessions end by themselves, are bounded, and cannot be guessed.
struct SessionStoreTests {
  let clock = ManualClock(Date(timeIntervalSince1970: 1_796_000_000))

  @Test func aSessionEndsAfterItsLifetime() {
    let store = SessionStore(lifetime: 3600, capacity: 10, clock: clock)
    let session = store.begin(token: "t", principal: .init(name: "a", role: .admin))
    clock.advance(by: 3599)
    #expect(store.find(session.id)?.principal.name == "a")
    clock.advance(by: 1)
    #expect(store.find(session.id) == nil)
  }

  @Test func beyondItsCapacityTheOldestSessionEnds() {
    let store = SessionStore(lifetime: 3600, capacity: 2, clock: clock)
    let first = store.begin(token: "1", principal: .init(name: "first", role: .viewer))
    clock.advance(by: 1)
    let second = store.begin(token: "2", principal: .init(name: "second", role: .viewer))
    clock.advance(by: 1)
    let third = store.begin(token: "3", principal: .init(name: "third", role: .viewer))
    #expect(store.find(first.id) == nil)
    #expect(store.find(second.id) != nil && store.find(third.id) != nil)
    #expect(store.count == 2)
  }

  @Test func sessionIdsAre256RandomBitsSafeInACookie() {
    let store = SessionStore(lifetime: 3600, capacity: 1000, clock: clock)
    let ids = (0..<500).map { _ in store.begin(token: "t", principal: .init(name: "a", role: .admin)).id }
    #expect(Set(ids).count == 500)
    for id in ids {
      #expect(id.utf8.count == 43)
      #expect(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }
  }
}
