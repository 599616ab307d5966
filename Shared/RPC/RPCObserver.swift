public import Logging
internal import Metrics
internal import Synchronization

/// One finished call, as the server saw it.
public struct RPCCallRecord: Sendable {
  /// `/ipp.Scoring/Score`.
  public var path: String
  /// The peer's address.
  public var peer: String
  /// The caller's name, when authenticated.
  public var principal: String?
  /// The request id.
  public var requestID: String
  /// The status sent; nil for OK.
  public var error: RPCError?
  /// From the request headers to the trailers.
  public var duration: Duration
  /// Whether the call got as far as its handler (``RPCObserver/callStarted(_:)`` was called).
  public var reachedHandler: Bool
}

/// Hooks for logging and metrics: called as handlers start and once for every call the server ends.
public protocol RPCObserver: Sendable {
  /// A call passed every check and its handler starts.
  func callStarted(_ path: String)
  /// A call ended, with any status.
  func callFinished(_ record: RPCCallRecord)
}

extension RPCObserver {
  /// Does nothing: an observer need not follow calls in flight.
  public func callStarted(_ path: String) {}
}

/// The default observer: one log line per call (`ipp.method`, `ipp.status`, `ipp.duration_ms`,
/// `ipp.peer`, `ipp.request_id`; errors at warning with their cause, health checks at debug), and
/// swift-metrics `ipp_rpc_calls_total{method,status}`, `ipp_rpc_duration_seconds{method}` and
/// `ipp_rpc_calls_in_flight{method}` (calls whose handler started and that have not ended).
///
/// Metric handles are made once per method and status and kept, and a line's metadata is built
/// only when the logger's level lets the line through: neither costs a lookup or a string per call.
public final class LoggingMetricsObserver: RPCObserver {
  private struct Handles {
    /// Calls by method and status code.
    var calls: [CallKey: Counter] = [:]
    var durations: [String: Timer] = [:]
    var inFlight: [String: (gauge: Gauge, count: Int)] = [:]

    /// Adds `change` to the number of `path`'s handlers running and records it.
    mutating func changeInFlight(_ path: String, by change: Int) {
      var entry =
        inFlight[path] ?? (Gauge(label: "ipp_rpc_calls_in_flight", dimensions: [("method", path)]), 0)
      entry.count += change
      entry.gauge.record(entry.count)
      inFlight[path] = entry
    }
  }

  private struct CallKey: Hashable {
    var path: String
    var code: Int
  }

  private let logger: Logger
  private let handles = Mutex(Handles())

  /// An observer that logs to `logger`.
  public init(logger: Logger) {
    self.logger = logger
  }

  public func callStarted(_ path: String) {
    handles.withLock { $0.changeInFlight(path, by: 1) }
  }

  public func callFinished(_ record: RPCCallRecord) {
    let status = record.error?.code.description ?? "OK"
    let (calls, duration) = handles.withLock { handles in
      if record.reachedHandler { handles.changeInFlight(record.path, by: -1) }
      let callsKey = CallKey(path: record.path, code: record.error?.code.rawValue ?? 0)
      let calls =
        handles.calls[callsKey]
        ?? Counter(label: "ipp_rpc_calls_total", dimensions: [("method", record.path), ("status", status)])
      handles.calls[callsKey] = calls
      let duration =
        handles.durations[record.path]
        ?? Timer(label: "ipp_rpc_duration_seconds", dimensions: [("method", record.path)])
      handles.durations[record.path] = duration
      return (calls, duration)
    }
    calls.increment()
    duration.recordNanoseconds(
      record.duration.components.seconds * 1_000_000_000 + record.duration.components.attoseconds
        / 1_000_000_000)
    let level: Logger.Level =
      switch record.error?.code {
      case nil: record.path == Health.check.path ? .debug : .info
      case .internal?, .unknown?: .error
      default: .warning
      }
    guard logger.logLevel <= level else { return }
    var metadata: Logger.Metadata = [
      "ipp.method": "\(record.path)", "ipp.status": "\(status)", "ipp.peer": "\(record.peer)",
      "ipp.request_id": "\(record.requestID)",
      "ipp.duration_ms":
        "\(record.duration.components.seconds * 1000 + record.duration.components.attoseconds / 1_000_000_000_000_000)",
    ]
    if let principal = record.principal { metadata["ipp.principal"] = "\(principal)" }
    if let error = record.error {
      metadata["ipp.message"] = "\(error.message)"
      if let cause = error.cause { metadata["ipp.cause"] = "\(cause)" }
    }
    logger.log(level: level, record.error == nil ? "call" : "call failed", metadata: metadata)
  }
}
