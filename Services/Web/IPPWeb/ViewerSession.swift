public import Foundation
public import RPCCore

/// One signed-in viewer: who the token says they are, and the token itself, which every page
/// sends on to the services (so each service applies its own scope rules). The browser holds
/// only ``id``, in an HttpOnly cookie; the token never leaves this process again.
public struct ViewerSession: Sendable {
  /// Random, 256 bits, URL-safe base64: the cookie's value.
  public let id: String
  /// The token signed in with.
  let token: String
  public let principal: Principal
  public let startedAt: Date
  /// When it ends by itself (an expired or revoked token ends it sooner: the services refuse it).
  public let expiresAt: Date

  /// What a page may show this viewer.
  public var scope: ViewerScope { ViewerScope(principal) }
}
