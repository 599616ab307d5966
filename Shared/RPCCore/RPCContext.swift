public import Logging

/// What a handler knows about the call it serves.
public struct RPCContext: Sendable {
  /// The method's path: `/ipp.Scoring/Score`.
  public let path: String
  /// Who is calling; nil only for open methods such as `ipp.Health/Check`.
  public let principal: Principal?
  /// When the caller stops waiting (from `grpc-timeout`); pass it on to calls this handler makes.
  public let deadline: ContinuousClock.Instant?
  /// The request's custom metadata: every header that is not a pseudo-header, a gRPC header or
  /// `authorization`.
  public let metadata: Metadata
  /// The peer's address (`in-process` for an ``InProcessCaller``).
  public let peer: String
  /// The request id: the caller's `x-request-id`, or one made up for this call.
  public let requestID: String
  /// The server's logger, which ``logger`` adds the call's metadata to.
  let serverLogger: Logger

  package init(
    path: String,
    principal: Principal?,
    deadline: ContinuousClock.Instant?,
    metadata: Metadata,
    peer: String,
    requestID: String,
    serverLogger: Logger
  ) {
    self.path = path
    self.principal = principal
    self.deadline = deadline
    self.metadata = metadata
    self.peer = peer
    self.requestID = requestID
    self.serverLogger = serverLogger
  }

  /// A logger with `ipp.method`, `ipp.request_id` and `ipp.principal` set. Made when asked for:
  /// most calls never log, and setting metadata costs more than the rest of a small call.
  public var logger: Logger {
    var logger = serverLogger
    logger[metadataKey: "ipp.method"] = "\(path)"
    logger[metadataKey: "ipp.request_id"] = "\(requestID)"
    if let principal { logger[metadataKey: "ipp.principal"] = "\(principal.name)" }
    return logger
  }

  /// Throws PERMISSION_DENIED unless the caller may act on `regionCode` (see ``Principal/covers(region:)``).
  public func requireAccess(toRegion regionCode: String) throws(RPCError) {
    guard let principal, principal.covers(region: regionCode) else {
      throw RPCError(code: .permissionDenied, message: "You may not act on region \(regionCode)")
    }
  }
}
