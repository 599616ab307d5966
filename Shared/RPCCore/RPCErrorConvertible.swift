/// An error that knows which status it is on the wire. A domain error adopts it once (an unknown
/// methodology is NOT_FOUND, a value out of range INVALID_ARGUMENT) and handlers simply throw it:
/// the server and the in-process caller turn it into its ``RPCError``.
public protocol RPCErrorConvertible: Error {
  /// The status and message the caller receives.
  var rpcError: RPCError { get }
}

extension RPCError {
  /// The status a handler's error becomes: an ``RPCError`` as it is, an ``RPCErrorConvertible`` as it
  /// declares, a cancellation as CANCELLED, anything else as UNKNOWN with the error kept as the
  /// cause (logged, never sent).
  public init(converting error: any Error) {
    switch error {
    case let error as RPCError: self = error
    case let error as any RPCErrorConvertible: self = error.rpcError
    case is CancellationError: self = RPCError(code: .cancelled, message: "The call was cancelled")
    default: self = RPCError(code: .unknown, message: "The server failed to handle the call", cause: error)
    }
  }
}
