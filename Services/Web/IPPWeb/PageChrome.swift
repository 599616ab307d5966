internal import Foundation
internal import IPPSchema
internal import RPCCore

/// What every page's frame shows: the title, the viewer, the links they may follow, the language
/// switch, and the words of the page's language (`t`, which templates read as `{{t.key}}`).
struct PageChrome: Sendable {
  /// A link in the header's navigation.
  struct Link: Sendable {
    let label: String
    let href: String
    /// `aria-current="page"` for the page shown.
    let current: Bool
  }

  let t: [String: String]
  let lang: String
  let title: String
  let viewer: String?
  let links: [Link]
  /// The language switch: a link that sets the other language and comes back here.
  let otherLanguageHref: String
  let otherLanguageName: String
  let otherLang: String
  /// The election shown, by name.
  let election: String?

  init(title: String, path: String, texts: Texts, session: ViewerSession?, election: String? = nil) {
    t = texts.table
    lang = texts.language.rawValue
    self.title = title
    viewer = session.map { $0.principal.name }
    self.election = election
    let other = texts.language.other
    otherLang = other.rawValue
    otherLanguageName = other.ownName
    otherLanguageHref = "/bahasa/\(other.rawValue)?kembali=\(Self.queryEscaped(path))"
    var links: [Link] = []
    switch session?.scope {
    case .country:
      links.append(Link(label: texts["nav_national"], href: "/nasional", current: path == "/nasional"))
    case .province(let province):
      let name = province.region.name
      links.append(
        Link(
          label: name,
          href: "/provinsi/\(province.rawValue)",
          current: path == "/provinsi/\(province.rawValue)"
        )
      )
      links.append(
        Link(
          label: texts["nav_sites"],
          href: "/provinsi/\(province.rawValue)/situs",
          current: path == "/provinsi/\(province.rawValue)/situs"
        )
      )
    case .region(let region):
      links.append(Link(label: region.region.name, href: "/wilayah/\(region.rawValue)", current: true))
    case nil:
      break
    }
    self.links = links
  }

  /// A path put in a query: everything but unreserved characters and `/` percent-encoded.
  static func queryEscaped(_ path: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~/")
    return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
  }
}
