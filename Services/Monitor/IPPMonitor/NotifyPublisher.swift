internal import Foundation
public import Logging
internal import Metrics
public import NotifyAPI
public import RPCCore
public import ServiceRuntime

/// Sends the monitor's events to ipp-notify's `RaiseEvent` from the outbox, oldest first, one at
/// a time, so notify hears a site go down before it hears it recover. While notify is
/// unreachable the head waits and is tried again after 5 s, 10 s, 20 s, ... up to 10 minutes;
/// nothing overtakes it and nothing is dropped. Each event carries the id `ipp-monitor/<n>`, so
/// one sent again after a crash between sending and recording is the same event to notify.
/// INVALID_ARGUMENT sets the event aside with an error in the log, and the queue moves on.
public struct NotifyPublisher<Caller: RPCCaller>: Sendable {
  let store: MonitorStore
  let notify: Notify.Client<Caller>
  let clock: any WallClock
  let logger: Logger

  public init(store: MonitorStore, notify: Notify.Client<Caller>, clock: any WallClock, logger: Logger) {
    self.store = store
    self.notify = notify
    self.clock = clock
    self.logger = logger
  }

  /// Sends what is due now, in order, until the queue is empty or its head must wait; answers
  /// how many notify took.
  @discardableResult
  public func publishDue() async throws -> Int {
    var sent = 0
    while let event = try store.nextEvent(), event.nextAttemptAt <= clock.now {
      do {
        _ = try await notify.raiseEvent(event.request, options: CallOptions(timeout: .seconds(30)))
        try store.markEvent(event.id, sent: true)
        sent += 1
      } catch {
        let failure = RPCError(converting: error)
        if failure.code == .invalidArgument {
          try store.markEvent(event.id, sent: false, refused: true, error: failure.message)
          logger.error(
            "ipp-notify refused an event; it is set aside",
            metadata: ["ipp.event": "\(event.request.eventID)", "ipp.error": "\(failure.message)"]
          )
          continue
        }
        let delay = min(5 * pow(2, Double(event.attempts)), 600)
        try store.markEvent(
          event.id,
          sent: false,
          error: "\(failure.code): \(failure.message)",
          next: clock.now + delay
        )
        logger.warning(
          "ipp-notify unavailable; events wait",
          metadata: ["ipp.error": "\(failure.code): \(failure.message)", "ipp.retry_in_s": "\(Int(delay))"]
        )
        return sent
      }
    }
    return sent
  }

  /// Publishes every `interval` until cancelled, keeping `ipp_monitor_events_waiting` current.
  public func run(every interval: Duration) async {
    let waiting = Gauge(label: "ipp_monitor_events_waiting")
    while !Task.isCancelled {
      do {
        try await publishDue()
        waiting.record(try store.waitingEvents())
      } catch {
        logger.error("the event outbox cannot be read", metadata: ["ipp.error": "\(error)"])
      }
      try? await Task.sleep(for: interval)
    }
  }
}
