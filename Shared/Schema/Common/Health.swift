public import RPCCore

/// `ipp.Health/Check`, answered by every service without a token, like grpc.health.v1.
public enum Health {
  /// The request: `{"service": ""}` asks about the whole server.
  public struct CheckRequest: Codable, Sendable, Equatable {
    /// The service asked about; empty for the server as a whole.
    public var service: String

    /// A request about `service` (default: the whole server).
    public init(service: String = "") {
      self.service = service
    }
  }

  /// The response: `{"status": "SERVING"}`.
  public struct CheckResponse: Codable, Sendable, Equatable {
    /// `SERVING`, `NOT_SERVING` or `SERVICE_UNKNOWN`.
    public var status: String

    public init(status: String) {
      self.status = status
    }
  }

  public static let check = RPCMethod<CheckRequest, CheckResponse>(
    service: "Health",
    name: "Check",
    isIdempotent: true
  )

  /// A typed client of `ipp.Health` on any service.
  public struct Client<Caller: RPCCaller>: Sendable {
    private let caller: Caller

    public init(_ caller: Caller) {
      self.caller = caller
    }

    /// The server's status: `SERVING` when it takes calls.
    public func check(options: CallOptions = CallOptions()) async throws -> String {
      try await caller.unary(Health.check, CheckRequest(), options: options).status
    }
  }
}
