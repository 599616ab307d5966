internal import CBOR

/// How many messages each side of a method sends.
public enum RPCMethodKind: Sendable, Hashable {
  /// One request, one response.
  case unary
  /// One request, any number of responses.
  case serverStreaming
}

/// One RPC method, typed: the value both a server (to register a handler) and a client (to call it)
/// use, so no service code ever spells a path.
public struct RPCMethod<Request: Codable & Sendable, Response: Codable & Sendable>: Sendable {
  /// The service, without the `ipp.` package: `Scoring`.
  public let service: String
  /// The method: `Score`.
  public let name: String
  /// Unary or server-streaming.
  public let kind: RPCMethodKind
  /// Whether calling it twice has the same effect as once; only idempotent calls are retried.
  public let isIdempotent: Bool

  /// A method of `ipp.<service>`.
  public init(service: String, name: String, kind: RPCMethodKind = .unary, isIdempotent: Bool) {
    self.service = service
    self.name = name
    self.kind = kind
    self.isIdempotent = isIdempotent
  }

  /// The HTTP/2 `:path`: `/ipp.Scoring/Score`.
  public var path: String { "/ipp.\(service)/\(name)" }
}

extension RPCMethod {
  /// A response message of this method from its bytes; INTERNAL, naming what is wrong, when
  /// the bytes are not one (the server and the client disagree on the schema).
  package func decodeResponse(_ payload: [UInt8]) throws(RPCError) -> Response {
    do {
      return try CBORDecoder().decode(Response.self, from: payload)
    } catch let error as DecodingError {
      throw RPCError(
        code: .internal,
        message: "The response is not a valid \(Response.self): \(error.summary)",
        cause: error
      )
    } catch {
      throw RPCError(converting: error)
    }
  }
}
