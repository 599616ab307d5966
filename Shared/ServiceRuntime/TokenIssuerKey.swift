public import Crypto
internal import Foundation

/// The public key that checks the tokens ipp-intake issues, as intake writes it to
/// `token-issuer.pub` in its state directory: the raw Ed25519 key in base64 on one line.
public enum TokenIssuerKey {
  /// The key in `path`.
  public static func read(_ path: String) throws(ConfigurationError) -> Curve25519.Signing.PublicKey {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ConfigurationError(
        key: "tokens.issuer_key_file",
        source: path,
        problem: "the key file cannot be read"
      )
    }
    guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    else {
      throw ConfigurationError(
        key: "tokens.issuer_key_file",
        source: path,
        problem: "expected ipp-intake's token-issuer.pub: an Ed25519 public key in base64"
      )
    }
    return key
  }

  /// The line `read` takes, for `key`.
  public static func text(of key: Curve25519.Signing.PublicKey) -> String {
    key.rawRepresentation.base64EncodedString() + "\n"
  }
}
