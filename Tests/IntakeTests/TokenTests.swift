import Crypto
import Foundation
import IPPIntake
import IPPSchema
import IntakeAPI
import RPCCore
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// Accounts: issuing, listing, rotating and revoking tokens through intake's real router in
/// process, and what intake's own token check then accepts, on a clock the test moves.
struct TokenTests {
  let clock = ManualClock(try! ZonedTime("2026-12-01 08:00 WIB").instant)
  let service: InProcessService

  init() throws {
    service = try InProcessService(IntakeService.definition(clock: clock), clock: clock)
  }

  func intake(as principal: Principal? = .testAdmin) -> Intake.Client<InProcessCaller> {
    Intake.Client(service.caller(as: principal))
  }

  static let sragen = try! RegionCode("33.14")
  static let surabaya = try! RegionCode("35.78")

  func issueSragenOperator(
    as principal: Principal = .testAdmin,
    requestID: String = UUID().uuidString
  ) async throws -> Intake.IssuedToken {
    try await intake(as: principal).issueToken(
      .init(
        name: "operator.sragen",
        role: "regency",
        region: Self.sragen,
        validDays: 30,
        requestID: requestID
      )
    )
  }

  @Test func anIssuedTokenIsAcceptedAsItsOwnerUntilItExpires() async throws {
    let issued = try await issueSragenOperator()
    #expect(issued.token.hasPrefix("ipp1."))
    #expect(issued.record.expiresAt == clock.now + 30 * 86_400)
    #expect(issued.record.issuedBy == Principal.testAdmin.name)
    let principal = try #require(service.issuedTokens.principal(forToken: issued.token))
    #expect(
      principal
        == Principal(name: "operator.sragen", role: .regency, scope: "33.14", tokenID: issued.record.id)
    )

    clock.advance(by: 30 * 86_400)
    #expect(service.issuedTokens.principal(forToken: issued.token) == nil)
  }

  @Test func aForgedOrAlteredTokenIsRefused() async throws {
    let issued = try await issueSragenOperator()
    let parts = issued.token.split(separator: ".")
    // The claims of another token with this token's signature.
    let other = try await intake().issueToken(
      .init(name: "kpu-ri.second", role: "admin", requestID: UUID().uuidString)
    )
    let otherClaims = other.token.split(separator: ".")[1]
    #expect(service.issuedTokens.principal(forToken: "ipp1.\(otherClaims).\(parts[2])") == nil)
    // One character of the signature changed (to another: a fixed replacement could be the same).
    var signature = Array(parts[2])
    signature[5] = signature[5] == "A" ? "B" : "A"
    #expect(service.issuedTokens.principal(forToken: "ipp1.\(parts[1]).\(String(signature))") == nil)
    #expect(service.issuedTokens.principal(forToken: "ipp1.garbage") == nil)
    // Signed by a key intake does not hold.
    let stranger = try AccessToken(
      id: issued.record.id,
      name: "operator.sragen",
      role: "admin",
      scope: nil,
      issuedAt: clock.now,
      expiresAt: clock.now + 86_400
    )
    .signed(with: .init())
    #expect(service.issuedTokens.principal(forToken: stranger) == nil)
  }

  @Test func aRetryAnswersTheSameTokenAndIssuesNothingMore() async throws {
    let first = try await issueSragenOperator(requestID: "issue-1")
    let retry = try await issueSragenOperator(requestID: "issue-1")
    #expect(retry.record == first.record)
    #expect(service.issuedTokens.principal(forToken: retry.token)?.tokenID == first.record.id)
    #expect(try await intake().listTokens().tokens.count == 1)
  }

  @Test func aRevokedTokenIsRefusedAtOnceAndTheTrailSaysWhoAndWhy() async throws {
    let issued = try await issueSragenOperator()
    let revoked = try await intake(as: .testProvince).revokeToken(
      .init(id: issued.record.id, reason: "operator moved to another office", requestID: UUID().uuidString)
    )
    #expect(revoked.revokedAt == clock.now)
    #expect(revoked.revokedBy == Principal.testProvince.name)
    #expect(service.issuedTokens.principal(forToken: issued.token) == nil)
    // Revoking again changes nothing.
    let again = try await intake().revokeToken(
      .init(id: issued.record.id, reason: "twice", requestID: UUID().uuidString)
    )
    #expect(again == revoked)
    #expect(try await intake().listTokens().tokens.isEmpty)
    #expect(try await intake().listTokens(.init(includeInactive: true)).tokens == [revoked])

    let trail = try await intake().auditTrail(.init(election: .pilkada2024, region: Self.sragen)).events
    #expect(trail.map(\.action) == ["IssueToken", "RevokeToken"])
    #expect(trail.last?.reason == "operator moved to another office")
  }

  @Test func rotatingReplacesTheTokenForTheSameOwner() async throws {
    let old = try await issueSragenOperator()
    clock.advance(by: 86_400)
    let new = try await intake().rotateToken(
      .init(id: old.record.id, validDays: 60, requestID: UUID().uuidString)
    )
    #expect(
      new.record.name == old.record.name && new.record.role == "regency" && new.record.region == Self.sragen
    )
    #expect(new.record.expiresAt == clock.now + 60 * 86_400)
    #expect(service.issuedTokens.principal(forToken: old.token) == nil)
    #expect(service.issuedTokens.principal(forToken: new.token)?.tokenID == new.record.id)
    let all = try await intake().listTokens(.init(includeInactive: true)).tokens
    #expect(all.first { $0.id == old.record.id }?.replacedBy == new.record.id)
    #expect(
      await status(of: {
        try await intake().rotateToken(.init(id: old.record.id, requestID: UUID().uuidString))
      })
        == .failedPrecondition
    )
  }

  @Test func aProvinceManagesOnlyItsOwnOperators() async throws {
    let province = intake(as: .testProvince)
    _ = try await issueSragenOperator(as: .testProvince)
    let elsewhere = Intake.IssueTokenRequest(
      name: "operator.surabaya",
      role: "regency",
      region: Self.surabaya,
      requestID: UUID().uuidString
    )
    #expect(await status(of: { try await province.issueToken(elsewhere) }) == .permissionDenied)
    let anAdmin = Intake.IssueTokenRequest(name: "me.too", role: "admin", requestID: UUID().uuidString)
    #expect(await status(of: { try await province.issueToken(anAdmin) }) == .permissionDenied)
    let surabaya = try await intake().issueToken(elsewhere)
    #expect(
      await status(of: {
        try await province.revokeToken(
          .init(id: surabaya.record.id, reason: "no", requestID: UUID().uuidString)
        )
      }) == .permissionDenied
    )
    #expect(try await province.listTokens().tokens.map(\.name) == ["operator.sragen"])
    #expect(
      await status(of: { try await province.listTokens(.init(region: Self.surabaya)) }) == .permissionDenied
    )
    #expect(try await intake().listTokens().tokens.count == 2)
    for reader in [Principal.testRegency, .testViewer, .testService] {
      #expect(await status(of: { try await intake(as: reader).issueToken(elsewhere) }) == .permissionDenied)
      #expect(await status(of: { try await intake(as: reader).listTokens() }) == .permissionDenied)
    }
    #expect(await status(of: { try await intake(as: nil).listTokens() }) == .unauthenticated)
  }

  @Test(
    arguments: [
      ("", "regency", "33.14", 30),
      ("operator sragen", "regency", "33.14", 30),
      (String(repeating: "a", count: 65), "viewer", nil, 30),
      ("operator.sragen", "superuser", nil, 30),
      ("operator.sragen", "regency", nil, 30),
      ("jateng.admin", "province", "33.14", 30),
      ("kpu-ri.admin", "admin", "33", 30),
      ("operator.sragen", "regency", "33.14", 0),
      ("operator.sragen", "regency", "33.14", 401),
    ] as [(String, String, String?, Int)]
  )
  func badTokenRequestsAreRefusedWithTheRule(
    name: String,
    role: String,
    region: String?,
    days: Int
  ) async throws {
    let request = Intake.IssueTokenRequest(
      name: name,
      role: role,
      region: try region.map(RegionCode.init),
      validDays: days,
      requestID: UUID().uuidString
    )
    #expect(await status(of: { try await intake().issueToken(request) }) == .invalidArgument)
    #expect(try await intake().listTokens(.init(includeInactive: true)).tokens.isEmpty)
  }

  @Test func servicesReportUseAndTakeTheRevokedTokens() async throws {
    let kept = try await issueSragenOperator()
    let gone = try await issueSragenOperator()
    _ = try await intake().revokeToken(
      .init(id: gone.record.id, reason: "lost laptop", requestID: UUID().uuidString)
    )
    let usedAt = clock.now + 60
    let answer = try await intake(as: .testService).tokenRevocations(
      .init(usage: [.init(id: kept.record.id, at: usedAt), .init(id: "unknown", at: usedAt)])
    )
    #expect(answer.revoked == [.init(id: gone.record.id, expiresAt: gone.record.expiresAt)])
    #expect(try await intake().listTokens().tokens.first?.lastUsedAt == usedAt)
    // An older report does not move the time back.
    _ = try await intake(as: .testService).tokenRevocations(
      .init(usage: [.init(id: kept.record.id, at: clock.now)])
    )
    #expect(try await intake().listTokens().tokens.first?.lastUsedAt == usedAt)
    // Once the revoked token would have expired anyway, it leaves the list.
    clock.advance(by: 31 * 86_400)
    #expect(try await intake(as: .testService).tokenRevocations(.init()).revoked.isEmpty)

    let flood = Intake.TokenRevocationsRequest(usage: (0...10_000).map { .init(id: "\($0)", at: usedAt) })
    #expect(
      await status(of: { try await intake(as: .testService).tokenRevocations(flood) }) == .invalidArgument
    )
    #expect(
      await status(of: { try await intake(as: .testRegency).tokenRevocations(.init()) }) == .permissionDenied
    )
  }
}
