public import RPCCore

/// A methodology version the service has not loaded: NOT_FOUND, naming the versions it has.
public struct UnknownMethodology: Error, Sendable, Equatable, RPCErrorConvertible {
  /// The version asked for.
  public var version: String
  /// The versions loaded.
  public var known: [String]

  public var rpcError: RPCError {
    RPCError(
      code: .notFound,
      message: "No methodology version \(version); loaded: \(known.joined(separator: ", "))"
    )
  }
}
