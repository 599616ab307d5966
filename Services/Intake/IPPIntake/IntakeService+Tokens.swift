internal import Foundation
internal import GRDB
public import IntakeAPI
internal import IPPSchema
internal import Logging
public import RPCCore
internal import ServiceRuntime

/// Accounts: tokens for people and services, issued, listed, rotated and revoked without a restart.
/// KPU RI's admins manage every token; a province's admin manages the operator (`regency`) tokens
/// of its province and its kab/kota. Every change is in the audit trail.
extension IntakeService {
  /// The roles a token may carry.
  static let tokenRoles: Set<String> = ["admin", "province", "regency", "service", "viewer"]
  /// How long a token is valid when the request does not say.
  static let defaultTokenDays = 90

  /// `IssueToken`: a new token, answered once with the token itself.
  public func issueToken(
    _ request: Intake.IssueTokenRequest,
    context: RPCContext
  ) throws -> Intake.IssuedToken {
    try checkTokenOwner(name: request.name, role: request.role, region: request.region)
    let days = try validDays(request.validDays)
    try requireManaging(role: request.role, region: request.region, context)
    let issuer = context.principal?.name ?? "unknown"
    let record = try once(request, method: "IssueToken", requestID: request.requestID, principal: issuer) {
      db,
      now in
      let record = Intake.TokenRecord(
        id: Self.newTokenID(),
        name: request.name,
        role: request.role,
        region: request.region,
        issuedAt: now,
        issuedBy: issuer,
        expiresAt: now + TimeInterval(days) * 86_400
      )
      try IntakeStore.insertToken(db, record)
      try auditToken(db, record, action: "IssueToken", by: issuer, reason: "", at: now)
      return record
    }
    return Intake.IssuedToken(token: try tokens.token(for: record), record: record)
  }

  /// `ListTokens`: the tokens the caller manages, newest first.
  public func listTokens(
    _ request: Intake.ListTokensRequest,
    context: RPCContext
  ) throws -> Intake.ListTokensResponse {
    var region = request.region?.rawValue
    if context.principal?.role == .province {
      let province = context.principal?.scope ?? ""
      try context.requireAccess(toRegion: region ?? province)
      region = region ?? province
    }
    let records = try store.tokens(in: region, includeInactive: request.includeInactive, at: clock.now)
    return Intake.ListTokensResponse(tokens: records)
  }

  /// `RotateToken`: a new token for the same owner, role and region; the old one is revoked in
  /// the same transaction.
  public func rotateToken(
    _ request: Intake.RotateTokenRequest,
    context: RPCContext
  ) throws -> Intake.IssuedToken {
    let days = try validDays(request.validDays)
    let rotator = context.principal?.name ?? "unknown"
    let records = try once(request, method: "RotateToken", requestID: request.requestID, principal: rotator) {
      db,
      now in
      let old = try manageableToken(db, id: request.id, context)
      guard old.revokedAt == nil else {
        throw RPCError(code: .failedPrecondition, message: "Token \(old.id) was revoked; issue a new one")
      }
      let new = Intake.TokenRecord(
        id: Self.newTokenID(),
        name: old.name,
        role: old.role,
        region: old.region,
        issuedAt: now,
        issuedBy: rotator,
        expiresAt: now + TimeInterval(days) * 86_400
      )
      try IntakeStore.insertToken(db, new)
      try IntakeStore.revokeToken(db, id: old.id, by: rotator, reason: "rotated", replacedBy: new.id, at: now)
      try auditToken(db, new, action: "RotateToken", by: rotator, reason: "replaces \(old.id)", at: now)
      return [old, new]
    }
    let (old, new) = (records[0], records[1])
    tokens.verifier.revoke(old.id, expiresAt: old.expiresAt)
    return Intake.IssuedToken(token: try tokens.token(for: new), record: new)
  }

  /// `RevokeToken`: refuses a token from now on; revoking it again answers the same record.
  public func revokeToken(
    _ request: Intake.RevokeTokenRequest,
    context: RPCContext
  ) throws -> Intake.TokenRecord {
    let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard (1...500).contains(reason.count) else {
      throw RPCError(
        code: .invalidArgument,
        message: "reason is 1 to 500 characters: say why the token is revoked"
      )
    }
    let revoker = context.principal?.name ?? "unknown"
    let record = try once(request, method: "RevokeToken", requestID: request.requestID, principal: revoker) {
      db,
      now in
      let token = try manageableToken(db, id: request.id, context)
      guard token.revokedAt == nil else { return token }
      try IntakeStore.revokeToken(db, id: token.id, by: revoker, reason: reason, at: now)
      try auditToken(db, token, action: "RevokeToken", by: revoker, reason: reason, at: now)
      return try IntakeStore.token(db, id: token.id) ?? token
    }
    tokens.verifier.revoke(record.id, expiresAt: record.expiresAt)
    return record
  }

  /// `TokenRevocations`: records when the calling service saw tokens used and answers every
  /// revoked token that has not expired.
  public func tokenRevocations(
    _ request: Intake.TokenRevocationsRequest,
    context: RPCContext
  ) throws -> Intake.TokenRevocationsResponse {
    guard request.usage.count <= 10_000 else {
      throw RPCError(
        code: .invalidArgument,
        message: "usage has at most 10,000 entries, not \(request.usage.count)"
      )
    }
    try store.recordTokenUse(
      Dictionary(request.usage.map { ($0.id, $0.at) }) { max($0, $1) }
    )
    let revoked = try store.revokedTokens(at: clock.now)
    return Intake.TokenRevocationsResponse(
      revoked: revoked.map { .init(id: $0.key, expiresAt: $0.value) }.sorted { $0.id < $1.id }
    )
  }

  /// Records the use of tokens intake's own server accepted.
  func recordOwnTokenUse() throws {
    let usage = tokens.verifier.takeUsage()
    do {
      try store.recordTokenUse(usage)
    } catch {
      tokens.verifier.restoreUsage(usage)
      throw error
    }
  }

  private func checkTokenOwner(name: String, role: String, region: RegionCode?) throws(RPCError) {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_@"))
    guard (1...64).contains(name.count),
      name.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) })
    else {
      throw RPCError(
        code: .invalidArgument,
        message: "name \"\(name)\" must be 1 to 64 letters, digits, '.', '-', '_' or '@' (operator.sragen)"
      )
    }
    guard Self.tokenRoles.contains(role) else {
      throw RPCError(
        code: .invalidArgument,
        message: "role \"\(role)\" is not one of \(Self.tokenRoles.sorted().joined(separator: ", "))"
      )
    }
    switch (role, region) {
    case ("regency", nil), ("province", nil):
      throw RPCError(code: .invalidArgument, message: "a \(role) token needs the region it is limited to")
    case ("province", let region?) where region.level != .province:
      throw RPCError(
        code: .invalidArgument,
        message: "a province token is limited to a province, not \(region)"
      )
    case ("admin", _?), ("service", _?):
      throw RPCError(
        code: .invalidArgument,
        message: "an \(role) token is not limited to a region; leave region out"
      )
    default:
      break
    }
  }

  private func validDays(_ days: Int?) throws(RPCError) -> Int {
    let days = days ?? Self.defaultTokenDays
    guard (1...400).contains(days) else {
      throw RPCError(code: .invalidArgument, message: "validDays is 1 to 400, not \(days)")
    }
    return days
  }

  /// Refuses unless the caller may manage a token of `role` limited to `region`: an admin any, a
  /// province admin the operator tokens of its own province. A refusal is logged.
  private func requireManaging(role: String, region: RegionCode?, _ context: RPCContext) throws(RPCError) {
    guard let principal = context.principal else {
      throw RPCError(code: .unauthenticated, message: "A valid bearer token is required")
    }
    if principal.role == .admin { return }
    guard principal.role == .province, role == "regency", let region,
      principal.covers(region: region.rawValue)
    else {
      context.logger.warning(
        "token management outside scope refused",
        metadata: ["ipp.role": "\(role)", "ipp.region": "\(region?.rawValue ?? "-")"]
      )
      throw RPCError(
        code: .permissionDenied,
        message: "A province admin manages only the operator (regency) tokens of its own province"
      )
    }
  }

  private func manageableToken(_ db: Database, id: String, _ context: RPCContext) throws -> Intake.TokenRecord
  {
    guard let token = try IntakeStore.token(db, id: id) else {
      throw RPCError(code: .notFound, message: "No token has id \(id)")
    }
    try requireManaging(role: token.role, region: token.region, context)
    return token
  }

  private func auditToken(
    _ db: Database,
    _ record: Intake.TokenRecord,
    action: String,
    by principal: String,
    reason: String,
    at now: Date
  ) throws {
    try IntakeStore.audit(
      db,
      at: now,
      principal: principal,
      action: action,
      election: nil,
      region: record.region,
      detail: "token \(record.id) of \(record.name) (\(record.role)), valid until \(record.expiresAt)",
      reason: reason
    )
  }

  private static func newTokenID() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }.lowercaseHex
  }
}
