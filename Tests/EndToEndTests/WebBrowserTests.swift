import Foundation
import IPPSchema
import IntakeAPI
import RPC
import RPCCore
import ScoringAPI
import ServiceTestSupport
import TestSupport
import Testing

/// ipp-web in a real browser: headless Chromium (Debian's `chromium`), driven over its DevTools
/// protocol by `browser.py`, against the four executables and ipp-web wired as `make run` wires
/// them. Jawa Tengah's admin signs in with the personal token intake issued, reads the province
/// page (the late first, the counts, the categories), opens the websites, follows the link to
/// Kabupaten Sragen and its score, and signs out. The screenshots it takes are kept in
/// `.build/screenshots/` for people to look at.
struct WebBrowserTests {
  @Test func aProvinceAdminSignsInReadsTheProvinceFollowsAKabKotaAndSignsOut() async throws {
    let stack = try await LocalStack()
    defer { stack.stop() }
    try await stack.openFillingDueInThreeDays()
    try await stack.start("ipp-web")
    let issued = try await stack.intake.issueToken(
      .init(name: "admin.jateng", role: "province", region: try RegionCode("33"), requestID: "issue-jateng")
    )
    let tokenFile = stack.work.appending("jateng.token")
    try issued.token.write(to: tokenFile, atomically: true, encoding: .utf8)

    // Sragen and Klaten file and submit; the province verifies Sragen, which scoring then scores.
    let catalogue = try await stack.intake.catalogue(.init(election: .pilkada2024))
    for region in ["33.14", "33.10"] {
      let filer = try await stack.intakeClient(as: "operator.\(region)", role: "regency", region: region)
      let code = try RegionCode(region)
      _ = try await filer.saveValues(
        .init(
          election: .pilkada2024,
          region: code,
          requestID: "save-\(region)",
          values: catalogue.completeValues
        )
      )
      _ = try await filer.submit(.init(election: .pilkada2024, region: code, requestID: "submit-\(region)"))
    }
    _ = try await Intake.Client(stack.client("ipp-intake", token: issued.token)).verify(
      .init(election: .pilkada2024, region: try RegionCode("33.14"), requestID: "verify-33.14")
    )
    let score = try await eventuallyValue("Sragen's score") {
      try? await stack.scoring.regionScore(.init(election: .pilkada2024, region: try RegionCode("33.14")))
        .score
    }
    let total = String(format: "%.2f", try #require(score.total)).replacingOccurrences(of: ".", with: ",")

    let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../.build/screenshots").standardized
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "browser.py"
    )
    let web = try #require(stack.ports["ipp-web"])
    let run = try await Program.run([
      "python3", script.path, "http://127.0.0.1:\(web)", tokenFile.path, "33", "33.14", screenshots.path,
    ])
    #expect(run.status == 0, "\(run.errors)")
    let seen = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])

    #expect(seen["after_signin"] as? String == "/provinsi/33")
    #expect(seen["cookie_visible_to_script"] as? String == "", "the session cookie is HttpOnly")
    #expect(seen["province_h1"] as? String == "Jawa Tengah")
    #expect(seen["province_rows"] as? Int == 36, "35 kab/kota and the province's own data")
    #expect(
      seen["counts"] as? [String] == [
        "33 Belum mulai", "0 Draf", "1 Diajukan", "0 Dikembalikan", "1 Diverifikasi",
      ]
    )
    #expect(
      (seen["chart_label"] as? String)?.hasPrefix("Sebaran kategori 1 wilayah yang sudah diskor") == true
    )
    #expect(seen["lang"] as? String == "id")
    #expect(
      seen["phone_overflows"] as? Bool == false,
      "the page fits a 390-pixel phone without sideways scrolling"
    )
    #expect(seen["sites_path"] as? String == "/provinsi/33/situs")
    #expect(seen["sites_rows"] as? Int == 36 && seen["sparklines"] as? Int == 36)
    #expect(seen["region_path"] as? String == "/wilayah/33.14")
    #expect(seen["region_h1"] as? String == "Kabupaten Sragen 33.14")
    #expect(seen["region_total"] as? String == total)
    #expect((seen["region_contributions"] as? Int ?? 0) > 20)
    #expect(seen["after_signout"] as? String == "/masuk?keluar=1")
    #expect(
      seen["after_signout_province"] as? String == "/masuk",
      "signed out, the province page asks to sign in"
    )
    #expect(seen["token_in_a_url"] as? Bool == false)
    for name in ["province.png", "province-phone.png", "sites.png", "region.png"] {
      #expect(
        FileManager.default.fileExists(atPath: screenshots.appendingPathComponent(name).path),
        "\(name)"
      )
    }
  }
}
