import IPPMonitor
import IPPSchema
import Testing

/// 553 sites, one per office, hosts by the rule, unique, and those seen on public pages marked.
struct SiteCatalogueTests {
  static func host(_ code: String) -> String? {
    SiteCatalogue.all.first { $0.region?.rawValue == code }?.host
  }

  @Test func everyOfficeHasOneSiteWithItsOwnHost() {
    let sites = SiteCatalogue.all
    #expect(sites.count == 553)
    #expect(sites.first?.region == nil && sites.first?.host == "kpu.go.id")
    #expect(Set(sites.map(\.host)).count == 553)
    #expect(sites.allSatisfy { $0.host.hasSuffix("kpu.go.id") && !$0.host.contains(" ") })
  }

  @Test func hostsFollowTheRule() {
    #expect(Self.host("33") == "jateng.kpu.go.id")
    #expect(Self.host("73") == "sulsel.kpu.go.id")
    #expect(Self.host("33.14") == "kab-sragen.kpu.go.id")
    #expect(Self.host("73.71") == "kota-makassar.kpu.go.id")
    #expect(Self.host("61.11") == "kab-kayongutara.kpu.go.id")
    #expect(Self.host("31.71") == "kota-jakartapusat.kpu.go.id")
    #expect(Self.host("31.01") == "kab-kepulauanseribu.kpu.go.id")
    #expect(Self.host("32.01") == "kab-bogor.kpu.go.id")
    #expect(Self.host("32.71") == "kota-bogor.kpu.go.id")
  }

  @Test func hostsSeenOnPublicPagesAreMarked() {
    let seen = SiteCatalogue.all.filter { $0.seenAt != nil }.map(\.host)
    #expect(seen.contains("kab-kayongutara.kpu.go.id") && seen.contains("jateng.kpu.go.id"))
    #expect(SiteCatalogue.all.first { $0.host == "kab-sragen.kpu.go.id" }?.seenAt == nil)
  }
}
