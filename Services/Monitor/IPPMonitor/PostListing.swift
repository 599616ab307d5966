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
    let page = TextBytes(page)
    let text = Self.visibleText(page, from: 0, to: page.count)
    let segments = Self.feedSegments(page) ?? Self.listingSegments(page)
    var seen: Set<String> = []
    posts = segments.compactMap { segment in
      guard seen.insert(segment.link).inserted else { return nil }
      let own = Self.visibleText(page, from: segment.start, to: segment.end)
      return Post(link: segment.link, day: PostDates.days(in: own, fetchedOn: fetchedOn).max())
    }
    newestDay =
      posts.isEmpty ? PostDates.days(in: text, fetchedOn: fetchedOn).max() : posts.compactMap(\.day).max()
    // Without posts, the text less its numbers: a visitor counter or today's date changes nothing.
    let basis =
      posts.isEmpty
      ? text.bytes.filter { !TextBytes.isDigit($0) } : Array(posts.map(\.link).joined(separator: "\n").utf8)
    fingerprint = SHA256.hash(data: basis).map { String(format: "%02x", $0) }.joined()
  }

  /// A post's link and where its own text starts and ends in the page.
  private typealias Segment = (link: String, start: Int, end: Int)

  /// Each post's link with the text that is its, for an HTML listing: from an `href` whose value
  /// has `/blog/read/<slug>` to the next post's.
  private static func listingSegments(_ page: TextBytes) -> [Segment] {
    var starts: [(link: String, at: Int)] = []
    var seen: Set<String> = []
    var from = 0
    while let path = page.firstIndex(of: "/blog/read/", from: from) {
      from = path + 1
      guard let (link, at) = hrefValue(page, around: path), let post = postPath(link),
        seen.insert(post).inserted
      else { continue }
      starts.append((post, at))
    }
    return starts.enumerated().map { index, start in
      (start.link, start.at, index + 1 < starts.count ? starts[index + 1].at : page.count)
    }
  }

  /// The value of the `href` attribute holding `/blog/read/` at `path`, up to a query or
  /// fragment, and where `href` starts; nil when it is not in one.
  private static func hrefValue(_ page: TextBytes, around path: Int) -> (String, Int)? {
    // A link holds no quote, white space or angle bracket; its path ends at a query or fragment.
    let stops: Set<UInt8> = Set(Array("\"'#?<> \t\r\n".utf8))
    // A link is at most 2,000 bytes: no page makes this look further.
    var open = path - 1
    while open >= max(path - 2000, 0), !stops.contains(page[open]) { open -= 1 }
    guard open >= 0, page[open] == UInt8(ascii: "\"") || page[open] == UInt8(ascii: "'") else { return nil }
    var equals = page.skippingSpaceBackwards(from: open)
    guard page[equals - 1] == UInt8(ascii: "=") else { return nil }
    equals = page.skippingSpaceBackwards(from: equals - 1)
    guard page.hasPrefix("href", at: equals - 4) else { return nil }
    var end = path + "/blog/read/".utf8.count
    let slug = end
    while end < min(slug + 2000, page.count), !stops.contains(page[end]) { end += 1 }
    var close = end
    let closing: Set<UInt8> = Set(Array("\"'<> \t\r\n".utf8))
    while close < min(end + 2000, page.count), !closing.contains(page[close]) { close += 1 }
    guard end > slug, page[close] == UInt8(ascii: "\"") || page[close] == UInt8(ascii: "'") else {
      return nil
    }
    return (page.string(open + 1, end), equals - 4)
  }

  /// Each item's link with its text, when `page` is an RSS or Atom feed or a sitemap.
  private static func feedSegments(_ page: TextBytes) -> [Segment]? {
    let head = TextBytes(bytes: Array(page.bytes.prefix(2000)))
    guard
      head.firstIndex(of: "<rss", from: 0) != nil || head.firstIndex(of: "<feed", from: 0) != nil
        || head.firstIndex(of: "<urlset", from: 0) != nil
    else { return nil }
    var segments: [Segment] = []
    var from = 0
    while let open = page.firstIndex(of: "<", from: from) {
      from = open + 1
      let close: StaticString
      if page.hasPrefix("<item", at: open), !TextBytes.isWord(page[open + 5]) {
        close = "</item>"
      } else if page.hasPrefix("<entry", at: open), !TextBytes.isWord(page[open + 6]) {
        close = "</entry>"
      } else if page.hasPrefix("<url", at: open), !TextBytes.isWord(page[open + 4]) {
        close = "</url>"
      } else {
        continue
      }
      guard let end = page.firstIndex(of: close, from: open) else { break }
      from = end
      if let link = itemLink(page, from: open, to: end).flatMap(postPath) {
        segments.append((link, open, end))
      }
    }
    return segments
  }

  /// An item's `<link>` or `<loc>` text (CDATA or not), or its `<link href="...">`.
  private static func itemLink(_ page: TextBytes, from start: Int, to end: Int) -> String? {
    for tag: StaticString in ["<link>", "<loc>"] {
      guard let open = page.firstIndex(of: tag, from: start), open < end else { continue }
      var index = page.skippingSpace(from: open + tag.utf8CodeUnitCount)
      if page.hasPrefix("<![cdata[", at: index) { index = page.skippingSpace(from: index + 9) }
      var stop = index
      while stop < end, page[stop] != UInt8(ascii: "<"), page[stop] != UInt8(ascii: "]"),
        page.space(at: stop) == 0
      {
        stop += 1
      }
      if stop > index { return page.string(index, stop) }
    }
    guard let link = page.firstIndex(of: "<link", from: start), link < end,
      let href = page.firstIndex(of: "href", from: link), href < end
    else { return nil }
    let open = page.skippingSpace(from: page.skippingSpace(from: href + 4) + 1)
    let quote = page[open]
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
    var close = open + 1
    while close < end, page[close] != quote { close += 1 }
    return close > open + 1 ? page.string(open + 1, close) : nil
  }

  /// A link as the post's path: no scheme, host, query or `/index.php`, no trailing slash.
  static func postPath(_ link: String) -> String? {
    let path = URL(string: link.trimmingCharacters(in: .whitespaces))?.path ?? link
    var trimmed = path.replacingOccurrences(of: "/index.php/", with: "/")
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    return trimmed.isEmpty ? nil : trimmed
  }

  /// The text a reader sees: no scripts, styles, comments or tags (each as a space), `&nbsp;` as
  /// a space, runs of white space as one space.
  static func visibleText(_ html: some StringProtocol) -> String {
    let page = TextBytes(html)
    return String(decoding: visibleText(page, from: 0, to: page.count).bytes, as: UTF8.self)
  }

  /// The visible text of `page` from `start` to `end`.
  static func visibleText(_ page: TextBytes, from start: Int, to end: Int) -> TextBytes {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var index = start
    var space = false
    // The next `>` from where it was last looked for (nil: none left), so that a page of
    // unclosed `<` is read once, not once per `<`.
    var nextClose: Int? = -1
    func close(from index: Int) -> Int? {
      if let known = nextClose, known < index { nextClose = page.firstIndex(of: ">", from: index) }
      return nextClose
    }
    while index < end {
      let byte = page[index]
      var skipTo: Int?
      if byte == UInt8(ascii: "<") {
        if page.hasPrefix("<!--", at: index) {
          skipTo = page.firstIndex(of: "-->", from: index + 4).map { $0 + 3 } ?? end
        } else if page.hasPrefix("<script", at: index), !TextBytes.isLetter(page[index + 7]),
          let close = page.firstIndex(of: "</script", from: index),
          let after = page.firstIndex(of: ">", from: close)
        {
          skipTo = after + 1
        } else if page.hasPrefix("<style", at: index), !TextBytes.isLetter(page[index + 6]),
          let close = page.firstIndex(of: "</style", from: index),
          let after = page.firstIndex(of: ">", from: close)
        {
          skipTo = after + 1
        } else if let after = close(from: index + 1) {
          skipTo = after + 1
        }
      } else if byte == UInt8(ascii: "&"), page.hasPrefix("&nbsp;", at: index) {
        skipTo = index + 6
      } else if case let width = page.space(at: index), width > 0 {
        skipTo = index + width
      }
      if let skipTo {
        space = true
        index = min(skipTo, end)
        continue
      }
      if space {
        out.append(UInt8(ascii: " "))
        space = false
      }
      out.append(byte)
      index += 1
    }
    if space { out.append(UInt8(ascii: " ")) }
    return TextBytes(bytes: out)
  }
}
