internal import Foundation
internal import IntakeAPI
internal import Metrics
internal import IPPSchema
public import Logging
public import RPCCore
public import ScoringAPI
public import ServiceRuntime

/// Publishes verified regions to ipp-scoring from intake's outbox, oldest first and one at a
/// time, so scoring sees each region's values in the order they were verified. While scoring is
/// unreachable (or answers anything but INVALID_ARGUMENT) the head entry waits and is tried again
/// after 5 s, 10 s, 20 s, ... up to 10 minutes; nothing behind it overtakes it and nothing is
/// dropped. Scoring ignores a region's identical values, so a publication repeated after a crash
/// between sending and recording scores nothing twice. INVALID_ARGUMENT (values that do not fit
/// the methodology) marks the entry failed, logs an error, and the queue moves on.
public struct ScoringPublisher<Caller: RPCCaller>: Sendable {
  let store: IntakeStore
  let scoring: Scoring.Client<Caller>
  let clock: any WallClock
  let logger: Logger

  public init(store: IntakeStore, scoring: Scoring.Client<Caller>, clock: any WallClock, logger: Logger) {
    self.store = store
    self.scoring = scoring
    self.clock = clock
    self.logger = logger
  }

  /// Publishes what is due now, in order, until the queue is empty or its head must wait;
  /// returns how many were published.
  @discardableResult
  public func publishDue() async throws -> Int {
    var published = 0
    while let entry = try store.nextUnsent(), entry.nextAttemptAt <= clock.now {
      do {
        _ = try await scoring.publish(
          .init(election: entry.election, region: entry.region, values: entry.values),
          options: CallOptions(timeout: .seconds(30))
        )
        try store.markSent(entry.id, at: clock.now)
        published += 1
        logger.info(
          "published to scoring",
          metadata: ["ipp.election": "\(entry.election)", "ipp.region": "\(entry.region)"]
        )
      } catch {
        let failure = RPCError(converting: error)
        if failure.code == .invalidArgument {
          try store.markFailed(entry.id, error: failure.message, at: clock.now)
          logger.error(
            "scoring refused a region's values; it stays unpublished",
            metadata: [
              "ipp.election": "\(entry.election)", "ipp.region": "\(entry.region)",
              "ipp.error": "\(failure.message)",
            ]
          )
          continue
        }
        let delay = min(5 * pow(2, Double(entry.attempts)), 600)
        try store.markRetry(entry.id, error: "\(failure.code): \(failure.message)", next: clock.now + delay)
        logger.warning(
          "scoring unavailable; publication waits",
          metadata: [
            "ipp.region": "\(entry.region)", "ipp.error": "\(failure.code): \(failure.message)",
            "ipp.retry_in_s": "\(Int(delay))",
          ]
        )
        return published
      }
    }
    return published
  }

  /// Publishes what is due every `interval` until cancelled, keeping the outbox's gauges
  /// (`ipp_intake_publish_waiting`, `ipp_intake_publish_refused`) current for /metrics.
  public func run(every interval: Duration) async {
    let waiting = Gauge(label: "ipp_intake_publish_waiting")
    let refused = Gauge(label: "ipp_intake_publish_refused")
    while !Task.isCancelled {
      do {
        try await publishDue()
        let queue = try store.publishQueue()
        waiting.record(queue.waiting)
        refused.record(queue.failed)
      } catch {
        logger.error("the publish outbox cannot be read", metadata: ["ipp.error": "\(error)"])
      }
      try? await Task.sleep(for: interval)
    }
  }
}
