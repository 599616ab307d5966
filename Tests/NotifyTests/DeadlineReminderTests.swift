import Foundation
import IPPNotify
import IPPSchema
import Testing

/// The reminder's words: the deadline in each recipient's own zone with Indonesian day and month
/// names, days counted in that zone, the wording before, on and after the day, and the message
/// that carries it read back by Python's email package.
struct DeadlineReminderTests {
  static let deadline = try! ZonedTime("2026-12-15 23:59 WIB").instant

  static func reminder(_ region: String, now: String, filled: Double = 62) -> DeadlineReminder {
    DeadlineReminder(
      region: try! RegionCode(region),
      electionName: "Pilkada 2024",
      deadline: deadline,
      percentFilled: filled,
      now: try! ZonedTime(now).instant
    )
  }

  @Test func theDeadlineIsWrittenInEachZoneAsALetterWouldBe() {
    let indonesian = NoticeLanguage.indonesian
    #expect(indonesian.dateTime(Self.deadline, in: .wib) == "Selasa, 15 Desember 2026 pukul 23.59 WIB")
    #expect(indonesian.dateTime(Self.deadline, in: .wita) == "Rabu, 16 Desember 2026 pukul 00.59 WITA")
    #expect(indonesian.dateTime(Self.deadline, in: .wit) == "Rabu, 16 Desember 2026 pukul 01.59 WIT")
    #expect(
      NoticeLanguage.english.dateTime(Self.deadline, in: .wib) == "Tuesday, 15 December 2026 at 23:59 WIB"
    )
  }

  @Test func theWordingFollowsTheDaysLeftInTheRegionsZone() {
    let sragen = Self.reminder("33.14", now: "2026-12-12 10:00 WIB")
    #expect(sragen.daysLeft == 3)
    #expect(sragen.subject(in: .indonesian) == "Pengingat: batas pengisian IPP Kabupaten Sragen 3 hari lagi")
    #expect(sragen.text(in: .indonesian).contains("Batas waktu: Selasa, 15 Desember 2026 pukul 23.59 WIB."))
    #expect(sragen.text(in: .indonesian).contains("Indikator wajib yang sudah terisi: 62%."))
    // 15 December, 20:00 WITA: in Makassar the deadline is tomorrow at 00.59.
    let makassar = Self.reminder("73.71", now: "2026-12-15 20:00 WITA")
    #expect(makassar.daysLeft == 1)
    #expect(makassar.text(in: .indonesian).contains("Rabu, 16 Desember 2026 pukul 00.59 WITA"))
    let onTheDay = Self.reminder("33.14", now: "2026-12-15 08:00 WIB")
    #expect(onTheDay.subject(in: .indonesian) == "Hari ini batas pengisian IPP Kabupaten Sragen")
    let justPassed = Self.reminder("73.71", now: "2026-12-16 01:30 WITA")
    #expect(justPassed.subject(in: .indonesian) == "Batas pengisian IPP Kota Makassar sudah lewat")
    let late = Self.reminder("91.71", now: "2026-12-18 09:00 WIT")
    #expect(late.daysLeft == -2)
    #expect(late.subject(in: .indonesian) == "Terlambat 2 hari: pengisian IPP Kota Jayapura belum dikirim")
    #expect(late.subject(in: .english) == "2 days late: Kota Jayapura has not submitted its IPP data")
  }

  @Test func theReminderArrivesAsWritten() async throws {
    let reminder = Self.reminder("33.14", now: "2026-12-12 10:00 WIB")
    let message = MailMessage(
      from: MailMessageTests.sender,
      to: [MailMessageTests.sragen],
      subject: reminder.subject(in: .indonesian),
      text: reminder.text(in: .indonesian),
      html: reminder.html(in: .indonesian),
      dedupKey: "deadline:pilkada-2024:33.14:3-days",
      date: try ZonedTime("2026-12-12 10:00 WIB").instant,
      timeZone: Region.Zone.wib.timeZone
    )
    let read = try await MailMessageTests.parsed(message.rendered())
    #expect(read["subject"] == "Pengingat: batas pengisian IPP Kabupaten Sragen 3 hari lagi")
    #expect(read["text"] == reminder.text(in: .indonesian))
    #expect(read["html"]?.contains("<p>Yth. Operator KPU Kabupaten Sragen,</p>") == true)
    #expect(read["date"] == "Sat, 12 Dec 2026 10:00:00 +0700")
  }
}
