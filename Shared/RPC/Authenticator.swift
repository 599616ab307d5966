public import RPCCore
internal import Crypto
internal import Foundation

/// Turns `authorization: Bearer <token>` into a ``Principal``. The token file's tokens are kept
/// only as SHA-256 hashes; a presented token is hashed and compared with every known hash in
/// constant time, so neither the token nor the timing of the comparison says which one is close.
/// A token the file does not know goes to ``issuedTokens``, when there is one.
public struct Authenticator: Sendable {
  private var principalsByHash: [(hash: [UInt8], principal: Principal)] = []
  /// Accepts the tokens ipp-intake issues.
  public var issuedTokens: (any BearerTokenVerifier)?

  /// An authenticator that knows no token.
  public init() {}

  /// Knows `token` as `principal`.
  public mutating func add(token: String, as principal: Principal) {
    principalsByHash.append((Self.hash(token), principal))
  }

  /// Knows a token by its SHA-256 hash in lowercase hex, as token files store it.
  public mutating func add(tokenHashHex: String, as principal: Principal) throws(RPCError) {
    let digits = Array(tokenHashHex.utf8)
    guard digits.count == 64 else {
      throw RPCError(code: .invalidArgument, message: "A token hash is 64 hex digits, not \(digits.count)")
    }
    var hash: [UInt8] = []
    for index in stride(from: 0, to: 64, by: 2) {
      guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
        throw RPCError(
          code: .invalidArgument,
          message: "A token hash has a character that is not a hex digit"
        )
      }
      hash.append(byte)
    }
    principalsByHash.append((hash, principal))
  }

  /// The principal for an `authorization` header value, or nil when it is missing, not a bearer
  /// token, or a token nobody issued.
  public func principal(forAuthorization header: String?) -> Principal? {
    guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
    let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    let presented = Self.hash(token)
    var found: Principal? = nil
    for (hash, principal) in principalsByHash where Self.constantTimeEquals(hash, presented) {
      found = principal
    }
    return found ?? issuedTokens?.principal(forToken: token)
  }

  /// The SHA-256 of a token in lowercase hex, for writing token files.
  public static func hashHex(of token: String) -> String {
    hash(token).lowercaseHex
  }

  private static func hash(_ token: String) -> [UInt8] {
    Array(SHA256.hash(data: Data(token.utf8)))
  }

  private static func constantTimeEquals(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices { difference |= left[index] ^ right[index] }
    return difference == 0
  }
}
