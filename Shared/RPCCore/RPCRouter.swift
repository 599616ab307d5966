public import CBOR

/// The methods a server answers: each registered with its typed ``RPCMethod`` descriptor, who may
/// call it, and its handler. Requests are decoded and responses encoded here, so handlers see
/// only typed values. Served over HTTP/2 by the RPC module's server, or called in this process
/// by an ``InProcessCaller``.
public struct RPCRouter: Sendable {
  /// Who may call a method.
  public enum Access: Sendable {
    /// Anyone, without a token (only `ipp.Health/Check`).
    case open
    /// Any caller with a valid token.
    case authenticated
    /// Callers whose role is one of these.
    case roles(Set<Principal.Role>)

    /// Whether anyone may call without a token.
    package var isOpen: Bool {
      if case .open = self { return true }
      return false
    }

    /// Nil when `principal` may call the method at `path`, else the error to answer with.
    package func refusal(of principal: Principal?, path: String) -> RPCError? {
      if case .open = self { return nil }
      guard let principal else {
        return RPCError(code: .unauthenticated, message: "A valid bearer token is required")
      }
      if case .roles(let roles) = self, !roles.contains(principal.role) {
        return RPCError(code: .permissionDenied, message: "The \(principal.role) role may not call \(path)")
      }
      return nil
    }
  }

  /// Where a method's handler runs.
  public enum Execution: Sendable {
    /// On Swift's global concurrent executor: for handlers that may compute for long or block.
    case concurrent
    /// On the event loop of the call's connection, with no thread switch: only for handlers that
    /// finish in microseconds or suspend (a handler that blocks here stalls every call on the loop).
    case eventLoop
  }

  /// A registered method with its types erased. A unary method returns its one encoded response
  /// (sent together with the status, in one hop to the event loop); a streaming one writes its
  /// responses to the sink and returns nil.
  package struct Route: Sendable {
    package var kind: RPCMethodKind
    package var access: Access
    package var execution: Execution
    package var run:
      @Sendable (_ request: [UInt8], _ context: RPCContext, _ sink: ResponseSink) async throws -> [UInt8]?
  }

  package private(set) var routes: [String: Route] = [:]
  private let limits: CBORLimits

  /// A router with no methods, decoding requests within `limits`.
  public init(limits: CBORLimits = .default) {
    self.limits = limits
  }

  /// The paths of the methods registered, sorted.
  public var paths: [String] { routes.keys.sorted() }

  /// Registers a unary method, decoding its requests within `requestLimits` when given (a method
  /// that takes a whole file in one string) or else the router's limits.
  public mutating func register<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    access: Access,
    execution: Execution = .concurrent,
    requestLimits: CBORLimits? = nil,
    handler: @escaping @Sendable (Request, RPCContext) async throws -> Response
  ) {
    precondition(method.kind == .unary, "\(method.path) is not unary")
    let limits = requestLimits ?? limits
    routes[method.path] = Route(kind: .unary, access: access, execution: execution) { bytes, context, _ in
      let request = try Self.decode(Request.self, from: bytes, limits: limits)
      let response = try await handler(request, context)
      return try CBOREncoder().encode(response)
    }
  }

  /// Registers a server-streaming method: the handler writes any number of responses.
  public mutating func register<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    access: Access,
    execution: Execution = .concurrent,
    handler: @escaping @Sendable (Request, RPCContext, RPCResponseWriter<Response>) async throws -> Void
  ) {
    precondition(method.kind == .serverStreaming, "\(method.path) is not server-streaming")
    let limits = limits
    routes[method.path] = Route(kind: .serverStreaming, access: access, execution: execution) {
      bytes,
      context,
      sink in
      let request = try Self.decode(Request.self, from: bytes, limits: limits)
      try await handler(request, context, RPCResponseWriter(sink: sink))
      return nil
    }
  }

  private static func decode<Request: Decodable>(
    _ type: Request.Type,
    from bytes: [UInt8],
    limits: CBORLimits
  ) throws -> Request {
    do {
      return try CBORDecoder(limits: limits).decode(type, from: bytes)
    } catch let error as DecodingError {
      throw RPCError(
        code: .invalidArgument,
        message: "The request is not a valid \(type): \(error.summary)",
        cause: error
      )
    }
  }
}

/// Writes the responses of a server-streaming call, waiting while the client is slow to read.
public struct RPCResponseWriter<Response: Encodable & Sendable>: Sendable {
  let sink: ResponseSink

  /// Sends one response. Throws CANCELLED when the call has ended (the client went away or the
  /// deadline passed).
  public func write(_ response: Response) async throws {
    try await sink.send(try CBOREncoder().encode(response))
  }
}

/// Where a handler's encoded responses go: the server connection's stream, or an in-process
/// caller.
package struct ResponseSink: Sendable {
  package let send: @Sendable (_ payload: [UInt8]) async throws -> Void

  package init(send: @escaping @Sendable (_ payload: [UInt8]) async throws -> Void) {
    self.send = send
  }
}
