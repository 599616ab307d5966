import Foundation
import IPPSchema
import IntakeAPI
import MonitorAPI
import NotifyAPI
import RPC
import RPCCore
import ScoringAPI
import ServiceRuntime
import ServiceTestSupport
import TestSupport
import Testing

/// The whole flow over the four real executables on loopback, with real stand-ins for the outside
/// world: aiosmtpd as the mail server (STARTTLS, AUTH), a webhook receiver that checks signatures
/// with Python's hmac, and `scripts/local-sites.py` serving the 553 KPU sites. Kab/kota in Jawa
/// Tengah (WIB) and Sulawesi Selatan (WITA) file and submit with tokens intake issued; the
/// provinces verify; scoring publishes region and province scores and the distribution; Kota
/// Makassar, which has not submitted, gets its reminder in its own zone and Sulawesi Selatan's
/// admin the digest naming it; Kabupaten Sragen's site is stale and then goes down, and both
/// alerts reach Jawa Tengah's chat gateway, signed.
struct EndToEndTests {
  @Test func fourServicesFromFilingToRemindersAndSiteAlerts() async throws {
    let host = "kab-sragen.kpu.go.id"
    let stack = try await LocalStack(siteStates: [host: "stale"])
    defer { stack.stop() }
    try await stack.openFillingDueInThreeDays()
    let receiver = try await stack.chatGateway(forProvince: "33")
    defer { receiver.stop() }
    for recipient in [
      Notify.Recipient(
        id: "operator-7371",
        name: "Operator Kota Makassar",
        region: try RegionCode("73.71"),
        email: "operator-7371@kpu.example",
        notices: [.deadlineReminder]
      ),
      Notify.Recipient(
        id: "admin-73",
        name: "Admin KPU Provinsi Sulawesi Selatan",
        region: try RegionCode("73"),
        email: "admin-73@kpu.example",
        notices: [.digest]
      ),
    ] {
      _ = try await stack.notify.setRecipient(.init(recipient: recipient))
    }

    // Operators file with the tokens intake issued them; their provinces verify their kab/kota.
    let catalogue = try await stack.intake.catalogue(.init(election: .pilkada2024))
    let filers = ["33", "33.14", "33.10", "73.72", "73.73"]
    for region in filers {
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
      let submitted = try await filer.submit(
        .init(election: .pilkada2024, region: code, requestID: "submit-\(region)")
      )
      #expect(submitted.state == .submitted)
    }
    // A province's own data is KPU RI's to verify.
    _ = try await stack.intake.verify(
      .init(election: .pilkada2024, region: try RegionCode("33"), requestID: "verify-33")
    )
    for (province, regions) in [("33", ["33.14", "33.10"]), ("73", ["73.72", "73.73"])] {
      let verifier = try await stack.intakeClient(as: "admin.\(province)", role: "province", region: province)
      for region in regions {
        let verified = try await verifier.verify(
          .init(election: .pilkada2024, region: try RegionCode(region), requestID: "verify-\(region)")
        )
        #expect(verified.state == .verified)
      }
    }

    // Intake's outbox publishes each verified region to scoring.
    try await eventually("every verified region scored") {
      try await stack.scoring.distribution(.init(election: .pilkada2024, level: .kabkota)).scored == 4
    }
    let jateng = try await stack.scoring.provinceScores(
      .init(election: .pilkada2024, province: try RegionCode("33"))
    )
    #expect(jateng.ownScore?.total != nil && jateng.kabKotaCount == 2 && jateng.kabKotaAggregate != nil)
    let sulsel = try await stack.scoring.provinceScores(
      .init(election: .pilkada2024, province: try RegionCode("73"))
    )
    #expect(sulsel.ownScore == nil && sulsel.kabKotaCount == 2)
    let sragen = try await stack.scoring.regionScore(
      .init(election: .pilkada2024, region: try RegionCode("33.14"))
    )
    #expect(sragen.score.category != nil)

    // Makassar has not submitted: its reminder, written in WITA; its province's digest names it.
    let (reminder, digest) = try await eventuallyValue("Makassar's reminder and Sulawesi Selatan's digest") {
      let messages = try stack.mail.messages()
      let reminder = messages.first { $0.envelope.to == ["operator-7371@kpu.example"] }
      let digest = messages.first { $0.envelope.to == ["admin-73@kpu.example"] }
      return reminder.flatMap { reminder in digest.map { (reminder.raw, $0.raw) } }
    }
    let reminderText = String(decoding: reminder, as: UTF8.self)
    // How many days are left depends on when Makassar's day turned (unit-tested on a clock).
    #expect(reminderText.contains("Subject: Pengingat: batas pengisian IPP Kota Makassar "))
    #expect(reminderText.contains(" hari lagi\r\n"))
    #expect(reminderText.contains(" +0800\r\n"), "the Date is written in WITA")
    let digestText = String(decoding: digest, as: UTF8.self)
    #expect(digestText.contains("Subject: Rekap harian IPP Sulawesi Selatan: 0 terlambat, "))
    #expect(try stack.mail.messages().allSatisfy { !$0.envelope.to.contains("operator-7372@kpu.example") })

    // Sragen's site: stale from its first reading (its last post 20 days old: on the real clock a
    // site cannot become stale within a test), then down after three failed checks in a row.
    _ = try await stack.monitor.checkNow(.init(host: host))
    let stale = try await eventuallyValue("Sragen's stale alert at the chat gateway") {
      try receiver.received().first {
        $0.payload.events?.contains { $0.kind == "siteStale" && $0.subject == host } == true
      }
    }
    #expect(stale.signed && stale.fresh && stale.status == 200)
    try stack.sites.set(host, to: "down")
    // Checked until down: three failures in a row, which a scheduled check that began before
    // the site went down may interrupt once.
    try await eventually("\(host) down") {
      try await stack.monitor.checkNow(.init(host: host)).availability == .down
    }
    let down = try await eventuallyValue("Sragen's down alert at the chat gateway") {
      try receiver.received().first {
        $0.payload.events?.contains { $0.kind == "siteDown" && $0.subject == host } == true
      }
    }
    #expect(down.signed && down.fresh && down.payload.recipient == "chat-33")
    #expect(down.payload.events?.first { $0.subject == host }?.region == "33.14")
  }
}
