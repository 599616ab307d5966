public import Logging
internal import Metrics
internal import Synchronization
public import RPCCore

/// One finished call, as the server saw it.
public struct RPCCallRecord: Sendable {
  /// `/ipp.Scoring/Score`.
  public var path: String
  /// Whether the method is open to anyone (health checks, which probes call every few seconds).
  public var isOpen: Bool
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
/// `ipp.peer`, `ipp.request_id`; errors at warning with their cause, successful calls to open
/// methods such as health checks at debug), and
/// swift-metrics `ipp_rpc_calls_total{method,status}`, `ipp_rpc_duration_seconds{method}` and
/// `ipp_rpc_calls_in_flight{method}` (calls whose handler started and that have not ended).
///
/// Metric handles are made once per method and status and kept, and a line's metadata is built
/// only when the logger's level lets the line through: neither costs a lookup or a string per call.
public final class LoggingMetricsObserver: RPCObserver {
  /// One method's metric handles, made when it is first called and kept.
  private struct MethodMetrics {
    let duration: Timer
    let inFlightGauge: Gauge
    var inFlight = 0
    /// Calls by status code.
    var calls: [Int: Counter] = [:]

    init(path: String) {
      duration = Timer(label: "ipp_rpc_duration_seconds", dimensions: [("method", path)])
      inFlightGauge = Gauge(label: "ipp_rpc_calls_in_flight", dimensions: [("method", path)])
    }

    mutating func changeInFlight(by change: Int) {
      inFlight += change
      inFlightGauge.record(inFlight)
    }

    /// Counts `record` out of the calls in flight (when its handler ran) and returns the handles
    /// it updates.
    mutating func finish(_ record: RPCCallRecord, status: String) -> (Counter, Timer) {
      if record.reachedHandler { changeInFlight(by: -1) }
      let code = record.error?.code.rawValue ?? 0
      let counter =
        calls[code]
        ?? Counter(label: "ipp_rpc_calls_total", dimensions: [("method", record.path), ("status", status)])
      calls[code] = counter
      return (counter, duration)
    }
  }

  private let logger: Logger
  /// By method path: one lookup per call.
  private let methods = Mutex<[String: MethodMetrics]>([:])

  /// An observer that logs to `logger`.
  public init(logger: Logger) {
    self.logger = logger
  }

  public func callStarted(_ path: String) {
    methods.withLock { $0[path, default: MethodMetrics(path: path)].changeInFlight(by: 1) }
  }

  public func callFinished(_ record: RPCCallRecord) {
    let status = record.error?.code.description ?? "OK"
    let (calls, duration) = methods.withLock { methods in
      methods[record.path, default: MethodMetrics(path: record.path)].finish(record, status: status)
    }
    calls.increment()
    duration.recordNanoseconds(record.duration.nanoseconds)
    let level: Logger.Level =
      switch record.error?.code {
      case nil: record.isOpen ? .debug : .info
      // A client that gives up is ordinary; a burst is one warning per connection.
      case .cancelled?: .debug
      case .internal?, .unknown?: .error
      default: .warning
      }
    guard logger.logLevel <= level else { return }
    var metadata: Logger.Metadata = [
      "ipp.method": "\(record.path)", "ipp.status": "\(status)", "ipp.peer": "\(record.peer)",
      "ipp.request_id": "\(record.requestID)",
      "ipp.duration_ms": "\(record.duration.nanoseconds / 1_000_000)",
    ]
    if let principal = record.principal { metadata["ipp.principal"] = "\(principal)" }
    if let error = record.error {
      metadata["ipp.message"] = "\(error.message)"
      if let cause = error.cause { metadata["ipp.cause"] = "\(cause)" }
    }
    logger.log(level: level, record.error == nil ? "call" : "call failed", metadata: metadata)
  }
}
