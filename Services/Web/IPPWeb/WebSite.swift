public import Foundation
public import Hummingbird
public import IPPSchema
internal import IntakeAPI
public import Logging
public import RPC
public import RPCCore
public import ServiceRuntime

/// ipp-web's pages and what they need: the services' clients, the sessions, the tokens that may
/// sign in, the templates. ``router()`` is what the HTTP server serves and what tests call in
/// process.
public struct WebSite<Caller: RPCCaller>: Sendable {
  let clients: ServiceClients<Caller>
  let sessions: SessionStore
  /// Which tokens sign in: the token file's, and those ipp-intake issues.
  let authenticator: Authenticator
  let renderer: PageRenderer
  let secureCookies: Bool
  let elections: ElectionChoice
  let clock: any WallClock
  let logger: Logger

  static var sessionCookie: String { "ipp_session" }
  static var languageCookie: String { "ipp_lang" }

  public init(
    clients: ServiceClients<Caller>,
    sessions: SessionStore,
    authenticator: Authenticator,
    secureCookies: Bool,
    election: ElectionID?,
    clock: any WallClock = SystemClock(),
    logger: Logger
  ) throws {
    self.clients = clients
    self.sessions = sessions
    self.authenticator = authenticator
    renderer = try PageRenderer()
    self.secureCookies = secureCookies
    elections = ElectionChoice(configured: election)
    self.clock = clock
    self.logger = logger
  }

  /// Every page, the sign-in and sign-out, the language switch, the stylesheet and `/healthz`.
  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: SecurityHeaders())
    router.get("/healthz") { _, _ in "ok\n" }
    router.get("/gaya.css") { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(bytes: PageRenderer.stylesheet))
      )
    }
    router.get("/") { request, _ in
      let session = sessions.find(request.cookies[Self.sessionCookie]?.value)
      return Self.redirect(to: session?.scope.homePath ?? "/masuk")
    }
    router.get("/masuk") { request, _ in signInPage(request) }
    router.post("/masuk") { request, context in try await signIn(request, context) }
    router.post("/keluar") { request, _ in signOut(request) }
    router.get("/bahasa/:language") { request, context in switchLanguage(request, context) }
    router.get("/nasional") { request, _ in
      await page(request, path: "/nasional", allowed: { $0 == .country }) { session, texts in
        let election = try await elections.current(clients, session, texts, now: clock.now)
        return renderer.render(
          try await NationalPage.load(clients, session, election, texts),
          template: "national"
        )
      }
    }
    router.get("/provinsi/:code") { request, context in
      guard let province = Self.region(context, level: .province) else { return notFound(request) }
      return await page(
        request,
        path: "/provinsi/\(province.rawValue)",
        allowed: { $0.covers(province) }
      ) {
        session,
        texts in
        let election = try await elections.current(clients, session, texts, now: clock.now)
        return renderer.render(
          try await ProvincePage.load(clients, session, election, province, texts),
          template: "province"
        )
      }
    }
    router.get("/provinsi/:code/situs") { request, context in
      guard let province = Self.region(context, level: .province) else { return notFound(request) }
      return await page(
        request,
        path: "/provinsi/\(province.rawValue)/situs",
        allowed: { $0.covers(province) }
      ) {
        session,
        texts in
        renderer.render(try await SitesPage.load(clients, session, province, texts), template: "sites")
      }
    }
    router.get("/wilayah/:code") { request, context in
      guard let region = Self.region(context, level: nil) else { return notFound(request) }
      return await page(request, path: "/wilayah/\(region.rawValue)", allowed: { $0.covers(region) }) {
        session,
        texts in
        let election = try await elections.current(clients, session, texts, now: clock.now)
        return renderer.render(
          try await RegionPage.load(clients, session, election, region, texts),
          template: "region"
        )
      }
    }
    return router
  }

  /// A page for a signed-in viewer whose scope `allowed` admits: the sign-in page otherwise, a
  /// 403 page outside the scope (whether the page or a service says so).
  private func page(
    _ request: Request,
    path: String,
    allowed: (ViewerScope) -> Bool,
    render: (ViewerSession, Texts) async throws -> String
  ) async -> Response {
    let texts = Texts(Language(cookie: request.cookies[Self.languageCookie]?.value))
    guard let session = sessions.find(request.cookies[Self.sessionCookie]?.value) else {
      return Self.redirect(to: "/masuk")
    }
    guard allowed(session.scope) else { return forbidden(session, texts, path: path) }
    do {
      return Self.html(try await render(session, texts))
    } catch is OutsideScope {
      return forbidden(session, texts, path: path)
    } catch let error as NoElection {
      return message(
        session,
        texts,
        path: path,
        heading: texts["app_name"],
        lead: error.notice ?? texts["notice_noelection"],
        status: .serviceUnavailable
      )
    } catch is TokenRefused {
      sessions.end(session.id)
      logger.notice(
        "a service refused a viewer's token; session ended",
        metadata: ["ipp.principal": "\(session.principal.name)"]
      )
      return Self.redirect(to: "/masuk?berakhir=1")
    } catch {
      logger.error("a page failed", metadata: ["ipp.path": "\(path)", "ipp.error": "\(error)"])
      return message(
        session,
        texts,
        path: path,
        heading: texts["app_name"],
        lead: "\(error)",
        status: .internalServerError
      )
    }
  }

  private func forbidden(_ session: ViewerSession, _ texts: Texts, path: String) -> Response {
    message(
      session,
      texts,
      path: path,
      heading: texts["forbidden_title"],
      lead: texts["forbidden_lead"],
      status: .forbidden
    )
  }

  private func notFound(_ request: Request) -> Response {
    message(
      sessions.find(request.cookies[Self.sessionCookie]?.value),
      Texts(Language(cookie: request.cookies[Self.languageCookie]?.value)),
      path: request.uri.path,
      heading: nil,
      lead: nil,
      status: .notFound
    )
  }

  /// A page that only says something: outside the scope, no such region, no election.
  private func message(
    _ session: ViewerSession?,
    _ texts: Texts,
    path: String,
    heading: String?,
    lead: String?,
    status: HTTPResponse.Status
  ) -> Response {
    let heading = heading ?? texts["notfound_title"]
    let page = MessagePage(
      chrome: PageChrome(title: heading, path: path, texts: texts, session: session),
      t: texts.table,
      heading: heading,
      lead: lead ?? texts["notfound_lead"],
      homeHref: session?.scope.homePath ?? "/masuk",
      homeLabel: texts["forbidden_home"]
    )
    return Self.html(renderer.render(page, template: "message"), status: status)
  }

  /// The region code in the path, if it is on the official list (and at `level`, if given).
  private static func region(_ context: BasicRequestContext, level: Level?) -> RegionCode? {
    guard let text = context.parameters.get("code"), let code = try? RegionCode(text),
      Region.named(code) != nil, level == nil || code.level == level
    else { return nil }
    return code
  }

  static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status,
      headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: body))
    )
  }

  static func redirect(to location: String, cookies: [Cookie] = []) -> Response {
    var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    for cookie in cookies { response.setCookie(cookie) }
    return response
  }
}
