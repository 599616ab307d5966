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
  /// Two probers through the same proxy: a patient one (10 s to connect, 30 s in all) for the
  /// checks that should succeed, so that a busy machine fails none of them, and an impatient one
  /// (4 s, 6 s) for those that should fail: async-http-client keeps trying a connection that
  /// fails until its connect timeout.
  struct Probers {
    let patient: SiteProber
    let impatient: SiteProber
  }

  static func withProbers(_ body: (Probers) async throws -> Void) async throws {
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
    var patient = SiteProber.Limits()
    patient.bodyCap = 64 << 10
    var impatient = patient
    impatient.connectTimeout = .seconds(4)
    impatient.totalTimeout = .seconds(6)
    let clients = try [patient, impatient].map {
      try SiteProber.makeClient(limits: $0, proxyPort: proxy.port, trustRoots: [farm.caPath])
    }
    let probers = Probers(
      patient: SiteProber(client: clients[0], limits: patient),
      impatient: SiteProber(client: clients[1], limits: impatient)
    )
    var failure: (any Error)?
    do { try await body(probers) } catch { failure = error }
    for client in clients { try await client.shutdown() }
    await proxy.stop()
    if let failure { throw failure }
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
    try await Self.withProbers { probers in
      let prober = probers.patient
      let up = await prober.check("https://kab-sragen.kpu.go.id/index.php/blog/category/104")
      #expect(up.failure == nil && up.status == 200, "\(String(describing: up.failure)) after \(up.latency)")
      #expect(up.body.contains("Kamis (8/5/2025)"))
      #expect(up.lastModified == "Fri, 09 May 2025 03:00:00 GMT")
      let fetched = try CalendarDay("2025-05-10")
      #expect(PostDates.newest(in: up.body, fetchedOn: fetched)?.rawValue == "2025-05-09")
      #expect(await prober.check("http://kab-sragen.kpu.go.id/").status == 200)
      #expect(await prober.check("https://kpu.go.id/").status == 200)
      #expect(await prober.check("https://kab-mati.kpu.go.id/").failure == .httpStatus(503))
      #expect(await prober.check("https://kab-putar.kpu.go.id/loop").failure == .redirects)

      let gzip = await prober.check("https://kab-gzip.kpu.go.id/")
      #expect(gzip.failure == nil && gzip.body.contains("9 Mei 2025"))
      let huge = await prober.check("https://kab-besar.kpu.go.id/")
      #expect(huge.failure == nil && huge.truncated && huge.bodyBytes == 64 << 10)
      let broken = await prober.check("https://kab-rusak.kpu.go.id/")
      #expect(PostDates.newest(in: broken.body, fetchedOn: fetched)?.rawValue == "2025-05-07")

      // Refused, and a site that answers only after 30 s.
      #expect(await probers.impatient.check("https://kab-tutup.kpu.go.id/").failure == .connect)
      #expect(await probers.impatient.check("https://kab-lambat.kpu.go.id/").failure == .timeout)
    }
  }

  @Test func badCertificatesFailAsTLS() async throws {
    try await Self.withProbers { probers in
      for host in ["kab-kadaluarsa.kpu.go.id", "kab-swasertifikat.kpu.go.id"] {
        let result = await probers.impatient.check("https://\(host)/")
        guard case .tls = result.failure else {
          Issue.record("\(host)'s certificate was \(String(describing: result.failure))")
          continue
        }
      }
    }
  }

  @Test func aHostNoOverrideCoversIsNeverReached() async throws {
    try await Self.withProbers { probers in
      #expect(await probers.impatient.check("https://example.com/").failure == .connect)
      #expect(await probers.impatient.check("https://kab-sragen.kpu.go.id:8443/").failure == .connect)
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
