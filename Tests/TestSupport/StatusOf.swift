public import RPCCore

/// The status `call` failed with (as the server would send it), or nil when it succeeded: for
/// tables of who may call what.
public func status(of call: () async throws -> some Any) async -> RPCError.Code? {
  do {
    _ = try await call()
    return nil
  } catch {
    return RPCError(converting: error).code
  }
}
