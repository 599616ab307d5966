internal import RPC
package import ServiceLifecycle
internal import Synchronization

/// The RPC server in the service group: on graceful shutdown it says STOPPING to systemd, sends
/// GOAWAY and waits for calls in flight (up to the drain time).
struct RPCServerService: Service {
  let server: RPCServer
  let notifier: SystemdNotifier

  func run() async throws {
    try? await gracefulShutdown()
    notifier.stopping(status: "draining calls in flight")
    await server.shutdown()
  }
}

/// A service's own background work in the service group, cancelled at graceful shutdown.
struct BackgroundWorkService: Service {
  let work: @Sendable () async -> Void

  func run() async throws {
    await cancelWhenGracefulShutdown { await work() }
  }
}

/// The admin HTTP port in the service group: closed last, so `/readyz` says why it is not ready
/// while calls drain.
struct AdminHTTPService: Service {
  let server: AdminHTTPServer

  func run() async throws {
    try? await gracefulShutdown()
    await server.close()
  }
}

/// Sends WATCHDOG=1 at half of systemd's `WatchdogSec`, from the same task system that serves
/// calls, so a wedged process stops petting the watchdog and gets restarted.
package struct WatchdogService: Service {
  let interval: Duration
  let notifier: SystemdNotifier

  package init(interval: Duration, notifier: SystemdNotifier) {
    self.interval = interval
    self.notifier = notifier
  }

  package func run() async throws {
    // Graceful shutdown cancels the sleep; that is this service's normal end, not a failure.
    try? await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        notifier.watchdog()
        try await Task.sleep(for: interval)
      }
    }
  }
}

/// Readiness, to systemd and to `/readyz`. READY=1 is sent when the group starts its services,
/// which is after it has trapped SIGTERM and SIGINT: sent any earlier, a stop that follows READY
/// at once would find the default action and kill the process without draining. Not ready from
/// the moment graceful shutdown starts.
struct ReadinessService: Service {
  let status: String
  let notifier: SystemdNotifier
  let stopping: StoppingFlag

  func run() async throws {
    notifier.ready(status: status)
    try? await gracefulShutdown()
    stopping.set()
  }
}

/// Set the moment graceful shutdown starts, for `/readyz`.
final class StoppingFlag: Sendable {
  private let flag = Atomic(false)

  var isSet: Bool { flag.load(ordering: .relaxed) }

  func set() { flag.store(true, ordering: .relaxed) }
}
