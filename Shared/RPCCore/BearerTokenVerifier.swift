/// Finds who presents a bearer token that is not in the service's token file: the tokens ipp-intake
/// issues, which carry their own claims and signature.
public protocol BearerTokenVerifier: Sendable {
  /// The principal for `token`, or nil when it is not one this verifier accepts (not issued,
  /// forged, expired or revoked).
  func principal(forToken token: String) -> Principal?
}
