internal import CBOR
public import Crypto
public import Foundation
public import RPCCore

/// A personal or service token ipp-intake issues: its claims, signed with intake's Ed25519 key,
/// so that every service checks it with intake's public key alone, without a call.
///
/// On the wire it is `ipp1.<claims>.<signature>`: the claims as CBOR and the signature over
/// `ipp1.<claims>`, both base64url without padding. Nothing in it is secret but the whole
/// string; intake stores the claims, never the token.
public struct AccessToken: Codable, Sendable, Equatable {
  /// What every issued token starts with.
  public static let prefix = "ipp1."

  /// The token's id: what `RevokeToken` names and the audit trail records.
  public var id: String
  /// Whose it is: `operator.sragen`.
  public var name: String
  /// The role's name (`regency`, `province`, `admin`, `service`, `viewer`).
  public var role: String
  /// The region the role is limited to, if any.
  public var scope: String?
  public var issuedAt: Date
  public var expiresAt: Date

  public init(id: String, name: String, role: String, scope: String?, issuedAt: Date, expiresAt: Date) {
    self.id = id
    self.name = name
    self.role = role
    self.scope = scope
    self.issuedAt = issuedAt
    self.expiresAt = expiresAt
  }

  /// Who presents it.
  public var principal: Principal {
    Principal(name: name, role: Principal.Role(role), scope: scope, tokenID: id)
  }

  /// The token string, signed with `key`.
  public func signed(with key: Curve25519.Signing.PrivateKey) throws -> String {
    let signedPart = Self.prefix + Self.base64URL(try CBOREncoder().encode(self))
    let signature = try key.signature(for: Data(signedPart.utf8))
    return signedPart + "." + Self.base64URL(Array(signature))
  }

  /// The claims of `token` if `key` signed it; nil for anything else (expiry is not checked here).
  public static func verified(_ token: String, key: Curve25519.Signing.PublicKey) -> AccessToken? {
    guard token.hasPrefix(prefix), token.utf8.count <= 1024 else { return nil }
    let parts = token.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let claims = bytes(base64URL: parts[0]),
      let signature = bytes(base64URL: parts[1])
    else { return nil }
    let signedPart = token.prefix(prefix.count + parts[0].count)
    guard key.isValidSignature(signature, for: Data(signedPart.utf8)) else { return nil }
    return try? CBORDecoder().decode(AccessToken.self, from: claims)
  }

  private static func base64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  private static func bytes(base64URL text: Substring) -> [UInt8]? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64).map(Array.init)
  }
}
