public import Logging
internal import Metrics

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
}

/// Hooks for logging and metrics: called once for every call the server ends.
public protocol RPCObserver: Sendable {
  /// A call ended, with any status.
  func callFinished(_ record: RPCCallRecord)
}

/// The default observer: one log line per call (`ipp.method`, `ipp.status`, `ipp.duration_ms`,
/// `ipp.peer`, `ipp.request_id`; errors at warning with their cause, health checks at debug), and
/// swift-metrics `ipp_rpc_calls_total{method,status}` and `ipp_rpc_duration_seconds{method}`.
public struct LoggingMetricsObserver: RPCObserver {
  let logger: Logger

  /// An observer that logs to `logger`.
  public init(logger: Logger) {
    self.logger = logger
  }

  public func callFinished(_ record: RPCCallRecord) {
    let status = record.error?.code.description ?? "OK"
    Counter(label: "ipp_rpc_calls_total", dimensions: [("method", record.path), ("status", status)])
      .increment()
    Timer(label: "ipp_rpc_duration_seconds", dimensions: [("method", record.path)]).recordNanoseconds(
      record.duration.components.seconds * 1_000_000_000 + record.duration.components.attoseconds
        / 1_000_000_000)
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
      logger.log(
        level: error.code == .internal || error.code == .unknown ? .error : .warning, "call failed",
        metadata: metadata)
    } else {
      logger.log(level: record.path == Health.check.path ? .debug : .info, "call", metadata: metadata)
    }
  }
}
