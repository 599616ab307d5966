import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IPPIntake
import IPPSchema
import IPPWeb
import IntakeAPI
import RPCCore
import ScoringAPI
import ServiceRuntime
import ServiceTestSupport
import Testing

/// ipp-web's pages over the four services in process: signing in and out, scope, what the
/// province page shows and in which order, a service down, a token revoked. One at a time: each
/// makes the four services in process, which would otherwise crowd the suites that wait on a wire.
@Suite(.serialized) struct WebPageTests {
  let stack: InProcessStack

  /// Jawa Tengah on 10 December 2026, filling open until the 15th 23:59 WIB: Sragen verified and
  /// scored, Klaten submitted, Kota Semarang a draft, the other 32 kab/kota not started.
  init() async throws {
    stack = try InProcessStack(now: try ZonedTime("2026-12-10 10:00 WIB").instant)
    let admin = Intake.Client(stack.intake.caller(as: .testAdmin))
    _ = try await admin.setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: try ZonedTime("2026-12-01 00:00 WIB"),
        closesAt: try ZonedTime("2026-12-15 23:59 WIB"),
        reason: "Surat Dinas KPU RI"
      )
    )
    let values = try #require(CatalogueLibrary().catalogues["pilkada-2024.catalogue-1"]).completeValues
    for region in ["33.14", "33.10", "33.74"] {
      let filer = Intake.Client(
        stack.intake.caller(as: Principal(name: "operator.\(region)", role: .regency, scope: region))
      )
      let code = try RegionCode(region)
      _ = try await filer.saveValues(
        .init(
          election: .pilkada2024,
          region: code,
          requestID: UUID().uuidString,
          values: region == "33.74" ? Array(values.prefix(4)) : values
        )
      )
      if region != "33.74" {
        _ = try await filer.submit(.init(election: .pilkada2024, region: code, requestID: UUID().uuidString))
      }
    }
    _ = try await Intake.Client(stack.intake.caller(as: .testProvince)).verify(
      .init(election: .pilkada2024, region: try RegionCode("33.14"), requestID: UUID().uuidString)
    )
    _ = try await Scoring.Client(stack.scoring.caller(as: .testService)).publish(
      .init(
        election: .pilkada2024,
        region: try RegionCode("33.14"),
        values: values.map { IndicatorValue(indicator: $0.indicator, value: $0.value) }
      )
    )
  }

  @Test func signingInSetsAStrictHttpOnlySessionCookieAndLandsOnTheViewersOwnPage() async throws {
    try await stack.application.test(.router) { client in
      try await client.execute(
        uri: "/masuk",
        method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=\(stack.tokens.jawaTengah)")
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/provinsi/33")
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.hasPrefix("ipp_session="))
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
          #expect(cookie.contains(attribute), "\(attribute) in \(cookie)")
        }
        #expect(!cookie.contains("Secure"), "no TLS here, so no Secure")
        #expect(!cookie.contains(stack.tokens.jawaTengah), "the browser holds a session id, never the token")
      }
      for (token, home) in [(stack.tokens.admin, "/nasional"), (stack.tokens.sragen, "/wilayah/33.14")] {
        let cookie = try await client.signIn(token)
        #expect(try await client.get("/", cookie: cookie).location == home)
      }
      // Signing in again from the same browser ends the session it had.
      let first = try await client.signIn(stack.tokens.admin)
      try await client.execute(
        uri: "/masuk",
        method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: first],
        body: ByteBuffer(string: "token=\(stack.tokens.jawaTengah)")
      ) { response in
        #expect(response.headers[.location] == "/provinsi/33")
      }
      #expect(try await client.get("/nasional", cookie: first).location == "/masuk")
    }
  }

  @Test func aTokenNobodyIssuedGetsTheFormBackWithAReason() async throws {
    try await stack.application.test(.router) { client in
      try await client.execute(
        uri: "/masuk",
        method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=guessed-\(UUID())")
      ) { response in
        #expect(response.status == .unauthorized)
        #expect(response.headers[.setCookie] == nil)
        #expect(String(buffer: response.body).contains("Token tidak dikenal, kedaluwarsa atau dicabut."))
      }
      try await client.execute(
        uri: "/masuk",
        method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=")
      ) { response in
        #expect(response.status == .badRequest)
      }
      try await client.execute(
        uri: "/masuk",
        method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=" + String(repeating: "x", count: 20_000))
      ) { response in
        #expect(response.status == .contentTooLarge, "a form over 16 KiB is not read")
      }
      // Pages without a session go to the sign-in page.
      let page = try await client.get("/provinsi/33")
      #expect(page.status == .seeOther && page.location == "/masuk")
    }
  }

  @Test func theProvincePageListsEveryKabKotaLateFirstWithTheRightCounts() async throws {
    // Past the deadline: whoever has not submitted is late.
    stack.clock.set(try ZonedTime("2026-12-16 09:00 WIB").instant)
    try await stack.application.test(.router) { client in
      let cookie = try await client.signIn(stack.tokens.jawaTengah)
      let page = try await client.get("/provinsi/33", cookie: cookie)
      #expect(page.status == .ok)
      let body = page.body
      #expect(body.contains("<h1>Jawa Tengah</h1>"))
      // 35 kab/kota and the province's own data, each a row.
      #expect(body.components(separatedBy: "<th scope=\"row\"><a href=\"/wilayah/33").count - 1 == 36 + 1)
      for (count, state) in [(1, "Diverifikasi"), (1, "Diajukan"), (1, "Draf"), (32, "Belum mulai")] {
        #expect(body.contains("<span class=\"count\">\(count)</span> \(state)"), "\(count) \(state)")
      }
      // The late first (Semarang's draft among them), then Klaten submitted, then Sragen verified.
      let semarang = try #require(body.range(of: "Kota Semarang</a>"))
      let klaten = try #require(body.range(of: "Kabupaten Klaten</a>"))
      let sragen = try #require(body.range(of: "Kabupaten Sragen</a>"))
      #expect(semarang.lowerBound < klaten.lowerBound && klaten.lowerBound < sragen.lowerBound)
      let table = try #require(body.range(of: "<tbody>"))
      let firstRow = try #require(body.range(of: "<tr", range: table.upperBound..<body.endIndex))
      #expect(body[firstRow.upperBound...].hasPrefix(" class=\"late\">"))
      #expect(body.contains("lewat "), "time past the deadline is shown as such")
      // Sragen's score, in the ranking with its category, written the Indonesian way.
      let score = try await Scoring.Client(stack.scoring.caller(as: .testAdmin)).regionScore(
        .init(election: .pilkada2024, region: try RegionCode("33.14"))
      )
      let total = String(format: "%.2f", try #require(score.score.total)).replacingOccurrences(
        of: ".",
        with: ","
      )
      #expect(body.contains(">\(total)</td>"))
      #expect(body.contains("Sebaran kategori 1 wilayah yang sudah diskor"))
    }
  }

  @Test func aPageOutsideTheViewersScopeIsA403PageNotAnEmptyOne() async throws {
    try await stack.application.test(.router) { client in
      let province = try await client.signIn(stack.tokens.jawaTengah)
      for path in ["/provinsi/35", "/nasional", "/wilayah/35.78", "/provinsi/35/situs"] {
        let page = try await client.get(path, cookie: province)
        #expect(page.status == .forbidden, "\(path)")
        #expect(page.body.contains("Di luar wewenang Anda"))
        #expect(page.body.contains("href=\"/provinsi/33\""), "a way back to the viewer's own page")
      }
      let sragen = try await client.signIn(stack.tokens.sragen)
      #expect(try await client.get("/provinsi/33", cookie: sragen).status == .forbidden)
      #expect(try await client.get("/wilayah/33.10", cookie: sragen).status == .forbidden)
      #expect(try await client.get("/wilayah/33.14", cookie: sragen).status == .ok)
      #expect(try await client.get("/wilayah/99.99", cookie: sragen).status == .notFound)
    }
  }

  @Test func aServiceThatIsDownCostsOnlyThePartsThatNeedIt() async throws {
    stack.set("ipp-scoring", down: true)
    try await stack.application.test(.router) { client in
      let cookie = try await client.signIn(stack.tokens.jawaTengah)
      let page = try await client.get("/provinsi/33", cookie: cookie)
      #expect(page.status == .ok)
      #expect(page.body.contains("ipp-scoring tidak dapat dihubungi; bagian ini tidak ditampilkan."))
      #expect(page.body.contains("Kabupaten Sragen</a>"), "the filling table still renders")
      stack.set("ipp-scoring", down: false)
      stack.set("ipp-intake", down: true)
      let again = try await client.get("/provinsi/33", cookie: cookie)
      #expect(again.status == .ok, "the election is remembered from the last page")
      #expect(again.body.contains("ipp-intake tidak dapat dihubungi"))
      #expect(again.body.contains("Sebaran kategori"))
    }
  }

  @Test func aTokenTheServicesRefuseEndsTheSession() async throws {
    try await stack.application.test(.router) { client in
      let cookie = try await client.signIn(stack.tokens.jawaTengah)
      #expect(try await client.get("/provinsi/33", cookie: cookie).status == .ok)
      stack.tokens.revoke(stack.tokens.jawaTengah)
      let refused = try await client.get("/provinsi/33", cookie: cookie)
      #expect(refused.status == .seeOther && refused.location == "/masuk?berakhir=1")
      #expect(
        try await client.get("/provinsi/33", cookie: cookie).location == "/masuk",
        "the session is gone"
      )
      #expect(try await client.get("/masuk?berakhir=1").body.contains("Sesi Anda berakhir"))
      // Nor can it sign in again: intake refuses it.
      #expect(try await client.signIn(stack.tokens.jawaTengah).isEmpty)
    }
  }

  @Test func signingOutEndsTheSessionAndClearsTheCookie() async throws {
    try await stack.application.test(.router) { client in
      let cookie = try await client.signIn(stack.tokens.admin)
      try await client.execute(uri: "/keluar", method: .post, headers: [.cookie: cookie]) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/masuk?keluar=1")
        #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
      }
      #expect(try await client.get("/nasional", cookie: cookie).location == "/masuk")
    }
  }

  @Test func theRegionPageShowsTheScoreWhatEachIndicatorContributedAndTheHistory() async throws {
    try await stack.application.test(.router) { client in
      let cookie = try await client.signIn(stack.tokens.sragen)
      let page = try await client.get("/wilayah/33.14", cookie: cookie)
      #expect(page.status == .ok)
      let body = page.body
      #expect(body.contains("Kabupaten Sragen <span class=\"code\">33.14</span>"))
      #expect(body.contains("Diverifikasi"))
      #expect(body.contains("Sumbangan tiap indikator"))
      #expect(body.contains("<th scope=\"row\">PEM-1</th>"))
      #expect(body.contains("Riwayat skor"))
      #expect(!body.contains("href=\"/provinsi/33\""), "an operator is not offered its province's page")
    }
  }

  @Test func theWebsitesPageHasEveryOfficeWithTwelveWeeksOfPosts() async throws {
    try await stack.application.test(.router) { client in
      let cookie = try await client.signIn(stack.tokens.jawaTengah)
      let page = try await client.get("/provinsi/33/situs", cookie: cookie)
      #expect(page.status == .ok)
      // The province's own site and its 35 kab/kota's, none read yet in this test.
      #expect(page.body.components(separatedBy: "<svg class=\"sparkline\"").count - 1 == 36)
      #expect(page.body.contains("<span class=\"host\">kab-sragen.kpu.go.id</span>"))
      #expect(page.body.contains("Belum diperiksa"))
      #expect(page.body.contains("0 mati, 0 basi, 0 sangat tidak aktif"))
      let region = try await client.get("/wilayah/33.14", cookie: cookie)
      #expect(region.body.contains("<dd>kab-sragen.kpu.go.id</dd>"))
    }
  }

  @Test func theNationalPageHasOneRowPerProvinceTheLateFirst() async throws {
    stack.clock.set(try ZonedTime("2026-12-16 09:00 WIB").instant)
    try await stack.application.test(.router) { client in
      let cookie = try await client.signIn(stack.tokens.admin)
      let body = try await client.get("/nasional", cookie: cookie).body
      #expect(body.components(separatedBy: "<th scope=\"row\"><a href=\"/provinsi/").count - 1 == 38)
      // Past the deadline every kab/kota that has not submitted is late: the province with the
      // most late ones leads, Jawa Timur with all its 38.
      let first = try #require(body.range(of: "<th scope=\"row\"><a href=\"/provinsi/"))
      #expect(body[first.upperBound...].hasPrefix("35\">Jawa Timur</a>"))
    }
  }

  @Test func theLanguageSwitchComesBackToTheSamePageAndNeverLeavesTheSite() async throws {
    try await stack.application.test(.router) { client in
      try await client.execute(uri: "/bahasa/en?kembali=/provinsi/33", method: .get) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/provinsi/33")
        #expect(response.headers[.setCookie]?.hasPrefix("ipp_lang=en;") == true)
      }
      for outside in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
        let location = try await client.get("/bahasa/en?kembali=\(outside)").location
        #expect(location == "/", "\(outside)")
      }
      let english = try await client.get("/masuk", cookie: "ipp_lang=en").body
      #expect(english.contains("<html lang=\"en\">") && english.contains("Sign in"))
    }
  }

  @Test func everyAnswerForbidsScriptsFramingAndSniffing() async throws {
    try await stack.application.test(.router) { client in
      try await client.execute(uri: "/masuk", method: .get) { response in
        let policy = try #require(response.headers[.contentSecurityPolicy])
        #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
        #expect(response.headers[.xContentTypeOptions] == "nosniff")
      }
    }
  }
}
