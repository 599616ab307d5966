public import Foundation
public import IPPSchema

extension Intake {
  /// An issued token as intake keeps it: the claims, who issued it, when it was last used and
  /// whether it was revoked. Never the token itself.
  public struct TokenRecord: Codable, Sendable, Equatable {
    /// The token's id, which `RotateToken` and `RevokeToken` take.
    public var id: String
    /// Whose it is: `operator.sragen`.
    public var name: String
    /// `regency`, `province`, `admin`, `service` or `viewer`.
    public var role: String
    /// The region the role is limited to.
    public var region: RegionCode?
    public var issuedAt: Date
    public var issuedBy: String
    public var expiresAt: Date
    /// The last call any service accepted it for, as reported to intake (within a refresh
    /// interval); nil if never used.
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    public var revokedBy: String?
    public var revokeReason: String?
    /// The token that replaced it, when it was rotated.
    public var replacedBy: String?

    public init(
      id: String,
      name: String,
      role: String,
      region: RegionCode?,
      issuedAt: Date,
      issuedBy: String,
      expiresAt: Date,
      lastUsedAt: Date? = nil,
      revokedAt: Date? = nil,
      revokedBy: String? = nil,
      revokeReason: String? = nil,
      replacedBy: String? = nil
    ) {
      self.id = id
      self.name = name
      self.role = role
      self.region = region
      self.issuedAt = issuedAt
      self.issuedBy = issuedBy
      self.expiresAt = expiresAt
      self.lastUsedAt = lastUsedAt
      self.revokedAt = revokedAt
      self.revokedBy = revokedBy
      self.revokeReason = revokeReason
      self.replacedBy = replacedBy
    }
  }

  /// `IssueToken`: a token for a person or a service.
  public struct IssueTokenRequest: Codable, Sendable {
    /// Whose it is: 1 to 64 letters, digits, `.`, `-`, `_` or `@` (`operator.sragen`).
    public var name: String
    /// `regency` (an operator of `region`: a kab/kota, or a province's own data), `province` (the
    /// admin of province `region`), `admin` (KPU RI), `service` or `viewer`.
    public var role: String
    /// The region a `regency` or `province` role is limited to; none for the others.
    public var region: RegionCode?
    /// How long it is valid: 1 to 400 days; 90 when not given.
    public var validDays: Int?
    /// The client's id for this write: a retry with the same id answers the same token.
    public var requestID: String

    public init(
      name: String,
      role: String,
      region: RegionCode? = nil,
      validDays: Int? = nil,
      requestID: String
    ) {
      self.name = name
      self.role = role
      self.region = region
      self.validDays = validDays
      self.requestID = requestID
    }
  }

  /// A token just issued: shown once, to be handed to its owner.
  public struct IssuedToken: Codable, Sendable, Equatable {
    /// The bearer token (`ipp1.…`).
    public var token: String
    public var record: TokenRecord

    public init(token: String, record: TokenRecord) {
      self.token = token
      self.record = record
    }
  }

  /// `ListTokens`: the tokens the caller manages.
  public struct ListTokensRequest: Codable, Sendable {
    /// Only tokens limited to this region or a kab/kota in it.
    public var region: RegionCode?
    /// Revoked and expired tokens too.
    public var includeInactive: Bool

    public init(region: RegionCode? = nil, includeInactive: Bool = false) {
      self.region = region
      self.includeInactive = includeInactive
    }

    /// Decodes a request; `includeInactive` may be left out (false).
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      region = try container.decodeIfPresent(RegionCode.self, forKey: .region)
      includeInactive = try container.decodeIfPresent(Bool.self, forKey: .includeInactive) ?? false
    }
  }

  /// The tokens, newest first.
  public struct ListTokensResponse: Codable, Sendable, Equatable {
    public var tokens: [TokenRecord]

    public init(tokens: [TokenRecord]) {
      self.tokens = tokens
    }
  }

  /// `RotateToken`: a new token with the same owner, role and region, and a new expiry; the old
  /// one is revoked at once.
  public struct RotateTokenRequest: Codable, Sendable {
    public var id: String
    /// How long the new one is valid: 1 to 400 days; 90 when not given.
    public var validDays: Int?
    public var requestID: String

    public init(id: String, validDays: Int? = nil, requestID: String) {
      self.id = id
      self.validDays = validDays
      self.requestID = requestID
    }
  }

  /// `RevokeToken`: refuse a token from now on (every service within its refresh interval).
  public struct RevokeTokenRequest: Codable, Sendable {
    public var id: String
    /// Why, for the audit trail: 1 to 500 characters.
    public var reason: String
    public var requestID: String

    public init(id: String, reason: String, requestID: String) {
      self.id = id
      self.reason = reason
      self.requestID = requestID
    }
  }

  /// `TokenRevocations`: what a service calls every refresh interval, reporting when the tokens it
  /// accepted were last used.
  public struct TokenRevocationsRequest: Codable, Sendable {
    /// One token's last use.
    public struct Use: Codable, Sendable, Equatable {
      public var id: String
      public var at: Date

      public init(id: String, at: Date) {
        self.id = id
        self.at = at
      }
    }

    /// At most 10,000 entries.
    public var usage: [Use]

    public init(usage: [Use] = []) {
      self.usage = usage
    }
  }

  /// Every revoked token that has not expired yet.
  public struct TokenRevocationsResponse: Codable, Sendable, Equatable {
    /// A revoked token and when it would have expired.
    public struct Revoked: Codable, Sendable, Equatable {
      public var id: String
      public var expiresAt: Date

      public init(id: String, expiresAt: Date) {
        self.id = id
        self.expiresAt = expiresAt
      }
    }

    public var revoked: [Revoked]

    public init(revoked: [Revoked]) {
      self.revoked = revoked
    }
  }
}
