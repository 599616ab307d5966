internal import RPCCore

/// One part of a page that needs a service: what it showed, or why it could not. A service that
/// is down costs only the parts that need it; the rest of the page still renders.
enum PagePart<Value: Sendable>: Sendable {
  case shown(Value)
  /// The service did not answer (down, too slow) or answered an error: the notice says which.
  case unavailable(String)

  var value: Value? {
    if case .shown(let value) = self { return value }
    return nil
  }

  var notice: String? {
    if case .unavailable(let notice) = self { return notice }
    return nil
  }
}

/// The viewer's token was refused by a service (expired, revoked): the session ends and the
/// viewer is asked to sign in again.
struct TokenRefused: Error {}

/// A service answered that the viewer may not see this: the page is a 403.
struct OutsideScope: Error {}

extension PagePart {
  /// Runs `load`; a refused token or a permission denial ends the whole page (thrown), any other
  /// failure becomes this part's notice, naming `service`.
  static func load(
    from service: String,
    in texts: Texts,
    _ load: () async throws -> Value
  ) async throws -> PagePart<Value> {
    do {
      return .shown(try await load())
    } catch {
      let error = RPCError(converting: error)
      switch error.code {
      case .unauthenticated: throw TokenRefused()
      case .permissionDenied: throw OutsideScope()
      case .unavailable, .deadlineExceeded, .cancelled:
        return .unavailable(texts.format("notice_down", service))
      default:
        return .unavailable(texts.format("notice_failed", service, error.message))
      }
    }
  }
}
