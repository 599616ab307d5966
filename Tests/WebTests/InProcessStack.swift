import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import IPPIntake
import IPPMonitor
import IPPNotify
import IPPSchema
import IPPScoring
import IPPWeb
import IntakeAPI
import Logging
import RPC
import RPCCore
import ScoringAPI
import ServiceRuntime
import ServiceTestSupport
import Synchronization

/// Calls a service's router in this process as whoever the call's bearer token names, the way
/// the service's RPC server would: what ipp-web's pages call in these tests. A service marked
/// down answers UNAVAILABLE, as the RPC client does when nothing listens.
struct BearerCaller: RPCCaller {
  let router: RPCRouter
  let tokens: TestTokens
  let isDown: @Sendable () -> Bool

  func unary<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions
  ) async throws -> Response {
    try await caller(options).unary(method, request, options: options)
  }

  func serverStreaming<Request, Response>(
    _ method: RPCMethod<Request, Response>,
    _ request: Request,
    options: CallOptions,
    body: (Response) async throws -> Void
  ) async throws {
    try await caller(options).serverStreaming(method, request, options: options, body: body)
  }

  private func caller(_ options: CallOptions) throws -> InProcessCaller {
    if isDown() { throw RPCError(code: .unavailable, message: "connect: connection refused") }
    return InProcessCaller(router: router, principal: tokens.principal(options.metadata["authorization"]))
  }
}

/// The tokens the test's people hold, which a test may revoke.
final class TestTokens: Sendable {
  let admin = "admin-" + UUID().uuidString
  let jawaTengah = "jateng-" + UUID().uuidString
  let sragen = "sragen-" + UUID().uuidString
  private let revoked = Mutex<Set<String>>([])

  /// Who signs in with each.
  var authenticator: Authenticator {
    var authenticator = Authenticator()
    authenticator.add(token: admin, as: .testAdmin)
    authenticator.add(token: jawaTengah, as: .testProvince)
    authenticator.add(token: sragen, as: .testRegency)
    return authenticator
  }

  func revoke(_ token: String) { revoked.withLock { _ = $0.insert(token) } }

  /// The principal for an `authorization` value, unless its token was revoked.
  func principal(_ authorization: String?) -> Principal? {
    guard let authorization, !revoked.withLock({ $0.contains(String(authorization.dropFirst(7))) }) else {
      return nil
    }
    return authenticator.principal(forAuthorization: authorization)
  }
}

/// The four services in process on an injected clock, and ipp-web's pages over them.
final class InProcessStack: Sendable {
  let clock: ManualClock
  let tokens = TestTokens()
  let intake: InProcessService
  let scoring: InProcessService
  let monitor: InProcessService
  let notify: InProcessService
  let sessions: SessionStore
  private let down = Mutex<Set<String>>([])

  init(now: Date) throws {
    clock = ManualClock(now)
    intake = try InProcessService(IntakeService.definition(clock: clock), clock: clock)
    scoring = try InProcessService(ScoringService.definition, clock: clock)
    monitor = try InProcessService(MonitorService.definition(clock: clock), clock: clock)
    notify = try InProcessService(NotifyService.definition(clock: clock), clock: clock)
    sessions = SessionStore(lifetime: 12 * 3600, capacity: 100, clock: clock)
  }

  /// Makes `service` (`ipp-scoring`) answer as if it were down, or up again.
  func set(_ service: String, down isDown: Bool) {
    down.withLock { down in
      if isDown { down.insert(service) } else { down.remove(service) }
    }
  }

  var application: some ApplicationProtocol {
    let caller = { (name: String, service: InProcessService) in
      BearerCaller(router: service.router, tokens: self.tokens) { self.down.withLock { $0.contains(name) } }
    }
    var logger = Logger(label: "ipp-web")
    logger.logLevel = .critical
    let site = try! WebSite(
      clients: ServiceClients(
        intake: caller("ipp-intake", intake),
        scoring: caller("ipp-scoring", scoring),
        monitor: caller("ipp-monitor", monitor),
        notify: caller("ipp-notify", notify)
      ),
      sessions: sessions,
      authenticator: tokens.authenticator,
      secureCookies: false,
      election: nil,
      clock: clock,
      logger: logger
    )
    return Application(router: site.router(), logger: logger)
  }
}

extension TestClientProtocol {
  /// Signs in with `token` and returns the session cookie (`ipp_session=...`).
  func signIn(_ token: String) async throws -> String {
    try await execute(
      uri: "/masuk",
      method: .post,
      headers: [.contentType: "application/x-www-form-urlencoded"],
      body: ByteBuffer(string: "token=\(token)")
    ) { response in
      let setCookie = response.headers[.setCookie] ?? ""
      return String(setCookie.prefix { $0 != ";" })
    }
  }

  /// GETs `path` with `cookie`: status, Location and body.
  func get(
    _ path: String,
    cookie: String? = nil
  ) async throws -> (status: HTTPResponse.Status, location: String?, body: String) {
    var headers: HTTPFields = [:]
    if let cookie { headers[.cookie] = cookie }
    return try await execute(uri: path, method: .get, headers: headers) { response in
      (response.status, response.headers[.location], String(buffer: response.body))
    }
  }
}
