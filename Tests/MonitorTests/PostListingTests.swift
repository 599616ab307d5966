import Foundation
import IPPMonitor
import IPPSchema
import Testing

/// A page's posts, their days and its fingerprint, read from listings as KPU's CMS writes them
/// and from feeds and sitemaps.
@Suite struct PostListingTests {
  let fetched = try! CalendarDay("2026-12-08")

  static let listing = """
    <html><head><script>var hari = "Senin (1/1/2030)";</script></head><body>
    <div class="menu"><a href="/index.php/profil">Profil</a> 2 Desember 2026</div>
    <div class="post"><a href="https://kab-sragen.kpu.go.id/index.php/blog/read/rapat-pleno-dpt"><img></a>
      <h3><a href="/blog/read/rapat-pleno-dpt">Rapat Pleno DPT</a></h3>
      <span class="date">Senin (7/12/2026)</span><p>KPU Kabupaten Sragen menggelar...</p>
      <a href="/blog/read/rapat-pleno-dpt">Selengkapnya</a></div>
    <div class="post"><h3><a href='/blog/read/sosialisasi-pemilih-pemula?utm=x'>Sosialisasi</a></h3>
      <span>3&nbsp;Desember 2026</span></div>
    <div class="post"><h3><a href="/blog/read/tanpa-tanggal">Tanpa tanggal</a></h3></div>
    <div class="post"><h3><a href="/blog/read/bimtek">Bimtek</a></h3>Jumat ,(27/11) Sragen -</div>
    </body></html>
    """

  @Test func eachPostHasTheDayWrittenWithIt() throws {
    let read = PostListing(page: Self.listing, fetchedOn: fetched)
    #expect(
      read.posts == [
        .init(link: "/blog/read/rapat-pleno-dpt", day: try CalendarDay("2026-12-07")),
        .init(link: "/blog/read/sosialisasi-pemilih-pemula", day: try CalendarDay("2026-12-03")),
        .init(link: "/blog/read/tanpa-tanggal", day: nil),
        .init(link: "/blog/read/bimtek", day: try CalendarDay("2026-11-27")),
      ]
    )
    // The script's date is not on the page a reader sees.
    #expect(read.newestDay == (try CalendarDay("2026-12-07")))
  }

  @Test func theFingerprintFollowsThePostsNotTheRestOfThePage() {
    let read = PostListing(page: Self.listing, fetchedOn: fetched)
    let visitorCounter = Self.listing.replacingOccurrences(of: "<body>", with: "<body>Pengunjung: 12345")
    #expect(PostListing(page: visitorCounter, fetchedOn: fetched).fingerprint == read.fingerprint)
    let newPost = Self.listing.replacingOccurrences(
      of: "<div class=\"post\">",
      with:
        "<div class=\"post\"><a href=\"/blog/read/baru\">Baru</a> Selasa (8/12/2026)</div><div class=\"post\">"
    )
    #expect(PostListing(page: newPost, fetchedOn: fetched).fingerprint != read.fingerprint)
    #expect(read.fingerprint.count == 64)
  }

  @Test func aPageWithoutPostsIsFingerprintedByItsTextWithoutNumbers() {
    let ppid = "<h1>Daftar Informasi Publik</h1><p>Dokumen DPT</p><footer>Pengunjung hari ini: 17</footer>"
    let read = PostListing(page: ppid, fetchedOn: fetched)
    #expect(read.posts.isEmpty && read.newestDay == nil)
    let counted = ppid.replacingOccurrences(of: "17", with: "18")
    #expect(PostListing(page: counted, fetchedOn: fetched).fingerprint == read.fingerprint)
    let updated = ppid.replacingOccurrences(of: "Dokumen DPT", with: "Dokumen DPT, DPTb")
    #expect(PostListing(page: updated, fetchedOn: fetched).fingerprint != read.fingerprint)
  }

  @Test func rssAtomAndSitemapsAreReadByTheirItems() throws {
    let rss = """
      <?xml version="1.0"?><rss version="2.0"><channel><title>KPU Sragen</title>
      <item><title>Rapat</title><link>https://kab-sragen.kpu.go.id/blog/read/rapat</link>
        <pubDate>Mon, 07 Dec 2026 10:00:00 +0700</pubDate></item>
      <item><title>Lama</title><link><![CDATA[https://kab-sragen.kpu.go.id/blog/read/lama]]></link>
        <pubDate>Thu, 08 May 2025 10:00:00 +0700</pubDate></item>
      </channel></rss>
      """
    let feed = PostListing(page: rss, fetchedOn: fetched)
    #expect(feed.posts.map(\.link) == ["/blog/read/rapat", "/blog/read/lama"])
    #expect(feed.posts.map(\.day) == [try CalendarDay("2026-12-07"), try CalendarDay("2025-05-08")])
    let atom = """
      <feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/blog/read/a"/>
      <updated>2026-12-01T08:00:00+07:00</updated></entry></feed>
      """
    #expect(
      PostListing(page: atom, fetchedOn: fetched).posts == [
        .init(link: "/blog/read/a", day: try CalendarDay("2026-12-01"))
      ]
    )
    let sitemap = """
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://kab-sragen.kpu.go.id/blog/read/a</loc><lastmod>2026-11-30</lastmod></url>
      <url><loc>https://kab-sragen.kpu.go.id/blog/read/b</loc><lastmod>2026-12-31</lastmod></url>
      </urlset>
      """
    let map = PostListing(page: sitemap, fetchedOn: fetched)
    // A day far in the future is a mistake on the page.
    #expect(map.posts.map(\.day) == [try CalendarDay("2026-11-30"), nil])
    #expect(map.newestDay == (try CalendarDay("2026-11-30")))
  }

  @Test func aHostilePageIsReadInOnePass() throws {
    // A megabyte of unclosed tags and of post paths outside any link: read, not looked through
    // again and again (a pass per `<` would not end in a test's lifetime).
    let tags = String(repeating: "<", count: 1 << 20)
    let paths = String(repeating: "/blog/read/x ", count: 80_000)
    let read = PostListing(
      page: tags + paths + "<a href='/blog/read/y'>y</a> Senin (7/12/2026)",
      fetchedOn: fetched
    )
    #expect(read.posts == [.init(link: "/blog/read/y", day: try CalendarDay("2026-12-07"))])
  }

  @Test func brokenHTMLGivesWhatItCan() throws {
    let broken = "<div><a href=\"/blog/read/x\">x</a> Rabu (2/12/2026) <span <<< <a href='/blog/read/"
    let read = PostListing(page: broken, fetchedOn: fetched)
    #expect(read.posts == [.init(link: "/blog/read/x", day: try CalendarDay("2026-12-02"))])
  }
}
