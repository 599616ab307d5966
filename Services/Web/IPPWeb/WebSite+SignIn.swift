internal import Foundation
internal import Hummingbird
internal import IntakeAPI
internal import Logging
internal import RPC
internal import RPCCore

/// Signing in and out, and the language switch.
extension WebSite {
  /// What the sign-in page shows.
  struct SignInPage: Sendable {
    let chrome: PageChrome
    let t: [String: String]
    /// Why the viewer is here again, or what went wrong; nil on a first visit.
    let notice: String?
    let isError: Bool
  }

  /// The sign-in form; a viewer signed in already goes to their page.
  func signInPage(_ request: Request) -> Response {
    if let session = sessions.find(request.cookies[Self.sessionCookie]?.value) {
      return Self.redirect(to: session.scope.homePath)
    }
    let texts = Texts(Language(cookie: request.cookies[Self.languageCookie]?.value))
    let query = request.uri.queryParameters
    let notice =
      query["berakhir"] != nil
      ? texts["signin_ended"] : query["keluar"] != nil ? texts["signin_signedout"] : nil
    return signInForm(texts, notice: notice, isError: query["berakhir"] != nil)
  }

  /// Checks the posted token and starts a session: the token must be one this site accepts
  /// (the token file's or signed by ipp-intake, not expired) and ipp-intake must not refuse it
  /// (revoked). While intake cannot be reached, the signature alone decides; the services still
  /// refuse a revoked token on every call, which ends the session.
  func signIn(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let texts = Texts(Language(cookie: request.cookies[Self.languageCookie]?.value))
    let body = try await request.body.collect(upTo: 16 * 1024)
    let form = try? URLEncodedFormDecoder().decode(SignInForm.self, from: String(buffer: body))
    let token = form?.token.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    guard !token.isEmpty else {
      return signInForm(texts, notice: texts["signin_empty"], isError: true, status: .badRequest)
    }
    guard let principal = authenticator.principal(forAuthorization: "Bearer \(token)") else {
      logger.notice("sign-in refused: a token nobody issued, or expired")
      return signInForm(texts, notice: texts["signin_refused"], isError: true, status: .unauthorized)
    }
    do {
      _ = try await clients.intake.elections(
        options: CallOptions(timeout: clients.timeout, metadata: ["authorization": "Bearer \(token)"])
      )
    } catch let error as RPCError where error.code == .unauthenticated {
      logger.notice(
        "sign-in refused: ipp-intake refused the token",
        metadata: ["ipp.principal": "\(principal.name)"]
      )
      return signInForm(texts, notice: texts["signin_refused"], isError: true, status: .unauthorized)
    } catch {
      logger.warning(
        "ipp-intake could not confirm a sign-in; the token's signature decided",
        metadata: ["ipp.principal": "\(principal.name)", "ipp.error": "\(error)"]
      )
    }
    // Signing in again from the same browser replaces its session.
    if let previous = request.cookies[Self.sessionCookie]?.value { sessions.end(previous) }
    let session = sessions.begin(token: token, principal: principal)
    logger.info(
      "signed in",
      metadata: ["ipp.principal": "\(principal.name)", "ipp.role": "\(principal.role)"]
    )
    let cookie = Cookie(
      name: Self.sessionCookie,
      value: session.id,
      maxAge: Int(session.expiresAt.timeIntervalSince(session.startedAt)),
      path: "/",
      secure: secureCookies,
      httpOnly: true,
      sameSite: .strict
    )
    return Self.redirect(to: session.scope.homePath, cookies: [cookie])
  }

  /// Ends the session and clears its cookie.
  func signOut(_ request: Request) -> Response {
    if let id = request.cookies[Self.sessionCookie]?.value, let session = sessions.find(id) {
      sessions.end(id)
      logger.info("signed out", metadata: ["ipp.principal": "\(session.principal.name)"])
    }
    let cleared = Cookie(
      name: Self.sessionCookie,
      value: "",
      maxAge: 0,
      path: "/",
      secure: secureCookies,
      httpOnly: true,
      sameSite: .strict
    )
    return Self.redirect(to: "/masuk?keluar=1", cookies: [cleared])
  }

  /// `/bahasa/en?kembali=/provinsi/33`: remembers the language for a year and goes back, only
  /// ever to a path on this site.
  func switchLanguage(_ request: Request, _ context: BasicRequestContext) -> Response {
    let language = Language(cookie: context.parameters.get("language"))
    let back = request.uri.queryParameters["kembali"].map(String.init) ?? "/"
    let local = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") ? back : "/"
    let cookie = Cookie(
      name: Self.languageCookie,
      value: language.rawValue,
      maxAge: 365 * 86_400,
      path: "/",
      secure: secureCookies,
      httpOnly: true,
      sameSite: .lax
    )
    return Self.redirect(to: local, cookies: [cookie])
  }

  private func signInForm(
    _ texts: Texts,
    notice: String?,
    isError: Bool,
    status: HTTPResponse.Status = .ok
  ) -> Response {
    let page = SignInPage(
      chrome: PageChrome(title: texts["signin_title"], path: "/masuk", texts: texts, session: nil),
      t: texts.table,
      notice: notice,
      isError: isError
    )
    return Self.html(renderer.render(page, template: "signin"), status: status)
  }
}

/// The sign-in form's one field.
struct SignInForm: Decodable {
  let token: String
}
