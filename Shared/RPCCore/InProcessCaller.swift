internal import CBOR
public import Logging

/// Calls a router's methods in this process, as a given principal, without sockets: what
/// hummingbird's `app.test(.router)` and grpc-swift's in-process transport are to theirs. The
/// request and responses still go through CBOR and the route's access check, so a handler test
/// sees what a caller on the wire would (statuses, messages, validation), minus HTTP/2.
public struct InProcessCaller: RPCCaller {
  /// The methods called.
  public let router: RPCRouter
  /// Who calls; nil calls as an unauthenticated peer.
  public let principal: Principal?
  private let logger: Logger

  /// A caller of `router`'s methods as `principal`, whose handlers log to `logger`.
  public init(router: RPCRouter, principal: Principal?, logger: Logger = Logger(label: "ipp.in-process")) {
    self.router = router
    self.principal = principal
    self.logger = logger
  }

  public func unary<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions = CallOptions()
  ) async throws -> Response {
    let (route, context) = try prepare(method, options)
    let payload = try CBOREncoder().encode(request)
    let response = try await withDeadline(context.deadline) {
      try await route.run(payload, context, ResponseSink { _ in })
    }
    guard let response else { throw RPCError(code: .internal, message: "A unary call got no response") }
    return try method.decodeResponse(response)
  }

  public func serverStreaming<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions = CallOptions(),
    body: (Response) async throws -> Void
  ) async throws {
    let (route, context) = try prepare(method, options)
    let payload = try CBOREncoder().encode(request)
    let (responses, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
    let handler = Task {
      do {
        _ = try await withDeadline(context.deadline) {
          try await route.run(payload, context, ResponseSink { continuation.yield($0) })
        }
        continuation.finish()
      } catch {
        continuation.finish(throwing: error)
      }
    }
    try await withTaskCancellationHandler {
      for try await response in responses { try await body(try method.decodeResponse(response)) }
    } onCancel: {
      handler.cancel()
    }
  }

  private func prepare<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ options: CallOptions
  )
    throws(RPCError) -> (RPCRouter.Route, RPCContext)
  {
    guard let route = router.routes[method.path] else {
      throw RPCError(code: .unimplemented, message: "Method not found: \(method.path)")
    }
    if let refusal = route.access.refusal(of: principal, path: method.path) { throw refusal }
    let context = RPCContext(
      path: method.path,
      principal: route.access.isOpen ? nil : principal,
      deadline: options.effectiveDeadline,
      metadata: options.metadata,
      peer: "in-process",
      requestID: options.metadata["x-request-id"] ?? "in-process",
      serverLogger: logger
    )
    return (route, context)
  }

  /// Runs `body`, converting what it throws as the server would, and DEADLINE_EXCEEDED once
  /// `deadline` passes.
  private func withDeadline<Result: Sendable>(
    _ deadline: ContinuousClock.Instant?,
    _ body: @escaping @Sendable () async throws -> Result
  ) async throws(RPCError) -> Result {
    do {
      guard let deadline else { return try await body() }
      return try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await body() }
        group.addTask {
          try await Task.sleep(until: deadline, clock: .continuous)
          throw RPCError(code: .deadlineExceeded, message: "Deadline exceeded")
        }
        defer { group.cancelAll() }
        return try await group.next()!
      }
    } catch {
      throw RPCError(converting: error)
    }
  }

}
