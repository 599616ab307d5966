internal import Crypto
public import Foundation
public import IPPSchema

/// What a page of a KPU site lists: its posts, each with the day written beside it, and a
/// fingerprint that changes when the list does.
///
/// A news listing (`/index.php/blog/category/104`) links each post to `/blog/read/<slug>`; the
/// text from a post's first link to the next post's is that post's, and the newest day in it is
/// its day. A feed is read by its items: RSS `<item>` (`<link>`, `<pubDate>`), Atom `<entry>`,
/// and a sitemap's `<url>` (`<loc>`, `<lastmod>`). A post is known by its path, so the same post
/// on two listings, or under `/index.php/blog/read/` and `/blog/read/`, is one post.
public struct PostListing: Sendable, Equatable {
  /// A post a page links to.
  public struct Post: Sendable, Hashable {
    /// `/blog/read/<slug>`, or a feed item's path.
    public var link: String
    /// The day written with it, if any.
    public var day: CalendarDay?

    public init(link: String, day: CalendarDay?) {
      self.link = link
      self.day = day
    }
  }

  /// In the page's order, each once.
  public var posts: [Post]
  /// The newest day a post is dated; on a page without posts, the newest day written anywhere on
  /// it (a header showing today's date beside a list of posts is not a post).
  public var newestDay: CalendarDay?
  /// SHA-256 (hex) of the posts' links in order, or, when it links to no post, of the page's
  /// visible text without its numbers (so a visitor counter changes nothing).
  public var fingerprint: String

  /// Reads `page`, fetched on `fetchedOn` (for days written without a year).
  public init(page: String, fetchedOn: CalendarDay) {
    let text = Self.visibleText(page)
    let segments = Self.feedSegments(page) ?? Self.listingSegments(page)
    var seen: Set<String> = []
    posts = segments.compactMap { segment in
      guard seen.insert(segment.link).inserted else { return nil }
      return Post(
        link: segment.link,
        day: PostDates.newest(in: Self.visibleText(segment.text), fetchedOn: fetchedOn)
      )
    }
    newestDay =
      posts.isEmpty ? PostDates.newest(in: text, fetchedOn: fetchedOn) : posts.compactMap(\.day).max()
    // Without posts, the text less its numbers: a visitor counter or today's date changes nothing.
    let basis = posts.isEmpty ? text.replacing(/\d+/, with: "") : posts.map(\.link).joined(separator: "\n")
    fingerprint = SHA256.hash(data: Data(basis.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// Each post's link with the text that is its, for an HTML listing.
  private static func listingSegments(_ page: String) -> [(link: String, text: Substring)] {
    var starts: [(link: String, at: String.Index)] = []
    var seen: Set<String> = []
    for match in page.matches(of: /(?i)href\s*=\s*["']([^"'#?]*\/blog\/read\/[^"'#?]+)[^"']*["']/) {
      guard let link = postPath(String(match.1)), seen.insert(link).inserted else { continue }
      starts.append((link, match.range.lowerBound))
    }
    return starts.enumerated().map { index, start in
      let end = index + 1 < starts.count ? starts[index + 1].at : page.endIndex
      return (start.link, page[start.at..<end])
    }
  }

  /// Each item's link with its text, when `page` is an RSS or Atom feed or a sitemap.
  private static func feedSegments(_ page: String) -> [(link: String, text: Substring)]? {
    let head = page.prefix(2000).lowercased()
    guard head.contains("<rss") || head.contains("<feed") || head.contains("<urlset") else { return nil }
    return page.matches(of: /(?is)<(item|entry|url)\b.*?<\/\1>/).compactMap { match in
      let item = match.0
      let link =
        item.firstMatch(of: /(?is)<(?:link|loc)>\s*(?:<!\[CDATA\[)?\s*([^<\]\s]+)/).map { String($0.1) }
        ?? item.firstMatch(of: /(?i)<link[^>]*href\s*=\s*["']([^"']+)["']/).map { String($0.1) }
      return link.flatMap(postPath).map { ($0, item) }
    }
  }

  /// A link as the post's path: no scheme, host, query or `/index.php`, no trailing slash.
  static func postPath(_ link: String) -> String? {
    let path = URL(string: link.trimmingCharacters(in: .whitespaces))?.path ?? link
    var trimmed = path.replacingOccurrences(of: "/index.php/", with: "/")
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    return trimmed.isEmpty ? nil : trimmed
  }

  /// The text a reader sees: no scripts, styles or tags, entities for spaces undone, runs of
  /// white space as one space.
  static func visibleText(_ html: some StringProtocol) -> String {
    String(html)
      .replacing(/(?is)<(script|style)\b.*?<\/\1>/, with: " ")
      .replacing(/(?s)<!--.*?-->/, with: " ")
      .replacing(/<[^>]*>/, with: " ")
      .replacingOccurrences(of: "&nbsp;", with: " ")
      .replacing(/\s+/, with: " ")
  }
}
