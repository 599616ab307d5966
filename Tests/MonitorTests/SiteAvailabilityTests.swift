import Foundation
import IPPMonitor
import Testing

/// DOWN after three failures in a row, UP after two successes: a flapping site changes nothing.
struct SiteAvailabilityTests {
  let start = Date(timeIntervalSince1970: 1_796_000_000)
  let thresholds = SiteAvailability.Thresholds()

  func run(
    _ checks: [CheckFailure?],
    from state: SiteAvailability = .unknown(failuresInARow: 0)
  )
    -> (SiteAvailability, [SiteAvailability.Change])
  {
    var state = state
    var changes: [SiteAvailability.Change] = []
    for (index, failure) in checks.enumerated() {
      let (next, change) = state.after(failure, at: start + Double(index) * 300, thresholds: thresholds)
      state = next
      changes += [change].compactMap { $0 }
    }
    return (state, changes)
  }

  @Test func threeFailuresInARowTakeASiteDownAndTwoSuccessesBringItBack() {
    let (down, wentDown) = run([nil, .connect, .timeout, .httpStatus(503)])
    #expect(wentDown == [.wentDown(reason: .httpStatus(503))])
    #expect(down == .down(since: start + 900, reason: .httpStatus(503), successesInARow: 0))
    // Checks every 5 minutes: down at 15 min, back at the second success, 25 min.
    let (up, changes) = run([nil, .connect, .timeout, .httpStatus(503), nil, nil])
    #expect(up == .up(failuresInARow: 0))
    #expect(changes == [.wentDown(reason: .httpStatus(503)), .recovered(downFor: 600)])
  }

  @Test func aFlappingSiteChangesNothing() {
    let flapping: [CheckFailure?] = [nil, .timeout, .timeout, nil, .connect, nil, .timeout, .timeout, nil]
    let (state, changes) = run(flapping)
    #expect(changes.isEmpty)
    #expect(state == .up(failuresInARow: 0))
    // Down, one success is not enough to come back.
    let (stillDown, none) = run([.connect, .connect, .connect, nil, .connect, nil])
    #expect(none == [.wentDown(reason: .connect)])
    if case .down = stillDown {} else { Issue.record("came back after single successes: \(stillDown)") }
  }

  @Test func aSiteNeverSeenUpGoesDownAfterTheSameThreeFailures() {
    let (state, changes) = run([.dns, .dns])
    #expect(state == .unknown(failuresInARow: 2) && changes.isEmpty)
    #expect(run([.dns, .dns, .dns]).1 == [.wentDown(reason: .dns)])
  }

  @Test func theReasonIsTheLatestWhileTheSinceStaysTheFirst() {
    let (state, _) = run([.connect, .connect, .connect, .timeout])
    #expect(state == .down(since: start + 600, reason: .timeout, successesInARow: 0))
  }
}
