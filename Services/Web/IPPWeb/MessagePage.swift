/// A page that only says one thing: 403 outside the viewer's scope, 404 for a region not on the
/// official list, 503 when no election can be shown.
struct MessagePage: Sendable {
  let chrome: PageChrome
  let t: [String: String]
  let heading: String
  let lead: String
  let homeHref: String
  let homeLabel: String
}
