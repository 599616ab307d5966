import AsyncHTTPClient
import Foundation
import IPPMonitor
import IPPSchema
import NIOCore
import NIOPosix
import TestSupport
import Testing

/// The prober, through async-http-client and the resolving proxy, against a web farm on
/// loopback that stands in for the KPU hosts: each way a site can be up or not, classified as a
/// check records it; and nothing the overrides do not cover leaves the machine.
@Suite(.serialized) struct SiteProberTests {
  static func withProber(
    _ body: (SiteProber, WebFarm) async throws -> Void
  ) async throws {
    let farm = try await WebFarm()
    defer { farm.stop() }
    let closed = try await Self.closedPort()
    let proxy = try ResolvingProxy.start(
      overrides: [
        ResolveOverride(host: "kab-tutup.kpu.go.id", port: 443, address: "127.0.0.1", targetPort: closed),
        ResolveOverride("*.kpu.go.id:443=127.0.0.1:\(farm.httpsPort)")!,
        ResolveOverride("*.kpu.go.id:80=127.0.0.1:\(farm.httpPort)")!,
        ResolveOverride("kpu.go.id:443=127.0.0.1:\(farm.httpsPort)")!,
      ],
      group: MultiThreadedEventLoopGroup.singleton
    )
    var limits = SiteProber.Limits()
    limits.connectTimeout = .seconds(10)
    limits.totalTimeout = .seconds(4)
    limits.bodyCap = 64 << 10
    let client = try SiteProber.makeClient(limits: limits, proxyPort: proxy.port, trustRoots: [farm.caPath])
    do {
      try await body(SiteProber(client: client, limits: limits), farm)
    } catch {
      try await client.shutdown()
      await proxy.stop()
      throw error
    }
    try await client.shutdown()
    await proxy.stop()
  }

  /// A loopback port nothing listens on.
  static func closedPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress!.port!
    try await channel.close()
    return port
  }

  @Test func eachWayASiteAnswersIsRecordedAsItIs() async throws {
    try await Self.withProber { prober, _ in
      let up = await prober.check("https://kab-sragen.kpu.go.id/index.php/blog/category/104")
      #expect(up.failure == nil && up.status == 200, "\(String(describing: up.failure)) after \(up.latency)")
      #expect(up.body.contains("Kamis (8/5/2025)"))
      #expect(up.lastModified == "Fri, 09 May 2025 03:00:00 GMT")
      let fetched = try CalendarDay("2025-05-10")
      #expect(PostDates.newest(in: up.body, fetchedOn: fetched)?.rawValue == "2025-05-09")
      #expect(await prober.check("http://kab-sragen.kpu.go.id/").status == 200)
      #expect(await prober.check("https://kpu.go.id/").status == 200)

      #expect(await prober.check("https://kab-mati.kpu.go.id/").failure == .httpStatus(503))
      #expect(await prober.check("https://kab-tutup.kpu.go.id/").failure == .connect)
      #expect(await prober.check("https://kab-lambat.kpu.go.id/").failure == .timeout)
      #expect(await prober.check("https://kab-putar.kpu.go.id/loop").failure == .redirects)

      let gzip = await prober.check("https://kab-gzip.kpu.go.id/")
      #expect(gzip.failure == nil && gzip.body.contains("9 Mei 2025"))
      let huge = await prober.check("https://kab-besar.kpu.go.id/")
      #expect(huge.failure == nil && huge.truncated && huge.bodyBytes == 64 << 10)
      let broken = await prober.check("https://kab-rusak.kpu.go.id/")
      #expect(PostDates.newest(in: broken.body, fetchedOn: fetched)?.rawValue == "2025-05-07")
    }
  }

  @Test func badCertificatesFailAsTLS() async throws {
    try await Self.withProber { prober, _ in
      let expired = await prober.check("https://kab-kadaluarsa.kpu.go.id/")
      guard case .tls = expired.failure else {
        Issue.record("an expired certificate was \(String(describing: expired.failure))")
        return
      }
      let selfSigned = await prober.check("https://kab-swasertifikat.kpu.go.id/")
      guard case .tls = selfSigned.failure else {
        Issue.record("a self-signed certificate was \(String(describing: selfSigned.failure))")
        return
      }
    }
  }

  @Test func aHostNoOverrideCoversIsNeverReached() async throws {
    try await Self.withProber { prober, _ in
      #expect(await prober.check("https://example.com/").failure == .connect)
      #expect(await prober.check("https://kab-sragen.kpu.go.id:8443/").failure == .connect)
    }
  }

  @Test func overridesReadAsCurlsResolveDoes() {
    let entry = ResolveOverride("*.kpu.go.id:443=127.0.0.1:18443")
    #expect(entry?.matches(host: "KAB-SRAGEN.kpu.go.id", port: 443) == true)
    #expect(entry?.matches(host: "kpu.go.id", port: 443) == false)
    #expect(entry?.matches(host: "kab-sragen.kpu.go.id", port: 80) == false)
    #expect(entry?.matches(host: "evilkpu.go.id", port: 443) == false)
    #expect(ResolveOverride("kpu.go.id=127.0.0.1:1") == nil)
    #expect(ResolveOverride("kpu.go.id:443=127.0.0.1:99999") == nil)
  }
}
