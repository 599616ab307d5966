/// What makes calls: the RPC client over HTTP/2, the in-process caller of a router, or a test's
/// fake. The schema's typed clients are written over it, so a service is tested against a fake
/// (or an in-process instance) of another without sockets.
public protocol RPCCaller: Sendable {
  /// Calls a unary method.
  func unary<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions
  ) async throws -> Response

  /// Calls a server-streaming method, handing each response to `body` as it arrives.
  func serverStreaming<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions,
    body: (Response) async throws -> Void
  ) async throws
}
