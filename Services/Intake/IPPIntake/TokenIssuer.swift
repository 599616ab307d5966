public import Crypto
public import Foundation
public import IntakeAPI
internal import IPPSchema
public import ServiceRuntime

/// Intake's signing key for the tokens it issues, and the verifier it keeps current as it
/// revokes. The private key lives in a file only intake reads (`token-signing.key` in its state
/// directory unless `tokens.signing_key_file` names another, made on first start with mode 0600);
/// the public key is written beside it as `token-issuer.pub`, the file every other service's
/// `tokens.issuer_key_file` names.
public struct TokenIssuer: Sendable {
  /// The private key, raw (the key type is not Sendable).
  private let signingKey: Data
  /// The verifier intake's own RPC server checks tokens with.
  public let verifier: IssuedTokenVerifier

  /// An issuer with `key`, whose public half `verifier` trusts from now on.
  public init(key: Curve25519.Signing.PrivateKey, verifier: IssuedTokenVerifier) {
    signingKey = key.rawRepresentation
    self.verifier = verifier
    verifier.trust(key.publicKey)
  }

  /// The issuer whose key is in `keyFile` (made if missing), writing the public key to
  /// `publicKeyFile`.
  public init(
    keyFile: String,
    publicKeyFile: String,
    verifier: IssuedTokenVerifier
  ) throws(ConfigurationError) {
    let key: Curve25519.Signing.PrivateKey
    do {
      if FileManager.default.fileExists(atPath: keyFile) {
        let text = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines
        )
        guard let raw = Data(base64Encoded: text) else { throw CocoaError(.fileReadCorruptFile) }
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
      } else {
        key = Curve25519.Signing.PrivateKey()
        let made = FileManager.default.createFile(
          atPath: keyFile,
          contents: Data((key.rawRepresentation.base64EncodedString() + "\n").utf8),
          attributes: [.posixPermissions: 0o600]
        )
        guard made else { throw CocoaError(.fileWriteUnknown) }
      }
      try Data(TokenIssuerKey.text(of: key.publicKey).utf8).write(
        to: URL(fileURLWithPath: publicKeyFile),
        options: .atomic
      )
    } catch {
      throw ConfigurationError(
        key: "tokens.signing_key_file",
        source: keyFile,
        problem: "the token signing key cannot be read or made (\(error.localizedDescription))"
      )
    }
    self.init(key: key, verifier: verifier)
  }

  /// The bearer token for `record`.
  public func token(for record: Intake.TokenRecord) throws -> String {
    let key = try Curve25519.Signing.PrivateKey(rawRepresentation: signingKey)
    return try AccessToken(
      id: record.id,
      name: record.name,
      role: record.role,
      scope: record.region?.rawValue,
      issuedAt: record.issuedAt,
      expiresAt: record.expiresAt
    )
    .signed(with: key)
  }
}
