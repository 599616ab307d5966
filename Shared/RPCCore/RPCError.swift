/// The outcome of a failed call, as gRPC carries it: a status code, a message for the caller, and a
/// cause that stays on this side (it is logged, never sent).
public struct RPCError: Error, Sendable, CustomStringConvertible {
  /// gRPC's status codes 1-16 (0, OK, is not an error). Extensible: read unknown codes with
  /// ``init(rawValue:)``.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    /// The number carried in `grpc-status`.
    public let rawValue: Int

    /// A code from its `grpc-status` number; numbers outside 1-16 read as ``unknown``.
    public init(rawValue: Int) {
      self.rawValue = (1...16).contains(rawValue) ? rawValue : 2
    }

    public static let cancelled = Code(rawValue: 1)
    public static let unknown = Code(rawValue: 2)
    public static let invalidArgument = Code(rawValue: 3)
    public static let deadlineExceeded = Code(rawValue: 4)
    public static let notFound = Code(rawValue: 5)
    public static let alreadyExists = Code(rawValue: 6)
    public static let permissionDenied = Code(rawValue: 7)
    public static let resourceExhausted = Code(rawValue: 8)
    public static let failedPrecondition = Code(rawValue: 9)
    public static let aborted = Code(rawValue: 10)
    public static let outOfRange = Code(rawValue: 11)
    public static let unimplemented = Code(rawValue: 12)
    public static let `internal` = Code(rawValue: 13)
    public static let unavailable = Code(rawValue: 14)
    public static let dataLoss = Code(rawValue: 15)
    public static let unauthenticated = Code(rawValue: 16)

    /// The name gRPC gives the code, as in `UNAVAILABLE`.
    public var description: String {
      [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
      ][rawValue]
    }
  }

  public var code: Code
  /// What went wrong, for the caller: sent as `grpc-message`.
  public var message: String
  /// What caused it on this side, if anything: logged, never sent.
  public var cause: (any Error)?

  /// An error with a code, a message for the caller and, optionally, a local cause.
  public init(code: Code, message: String, cause: (any Error)? = nil) {
    self.code = code
    self.message = message
    self.cause = cause
  }

  public var description: String {
    var text = "\(code): \(message)"
    if let cause { text += " (cause: \(cause))" }
    return text
  }
}
