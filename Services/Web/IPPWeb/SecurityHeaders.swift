public import Hummingbird

/// Headers on every answer: no script, style or image from anywhere but ipp-web itself (the
/// charts are inline SVG, there is no script at all), never framed, no MIME sniffing, no
/// referrer leaving the site.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request,
    context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws
    -> Response
  {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.init("Referrer-Policy")!] = "same-origin"
    response.headers[.init("X-Frame-Options")!] = "DENY"
    return response
  }
}
