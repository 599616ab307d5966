import Foundation
import IPPNotify
import IPPSchema
import NotifyAPI
import Testing

/// Where reminders and digests fall: each step from 08:00 in the recipient's own zone, a missed
/// step sent until the next one starts and never after, nothing for a region that has submitted,
/// an extension moving its steps, digests each morning while anyone in the province is behind.
struct ReminderScheduleTests {
  static let election = try! ElectionID("pilkada-2024")
  static let sragen = try! RegionCode("33.14")
  static let cilacap = try! RegionCode("33.01")
  static let makassar = try! RegionCode("73.71")
  static let jateng = try! RegionCode("33")
  /// 15 December 2026, 23:59 WIB.
  static let deadline = try! ZonedTime("2026-12-15 23:59 WIB")

  static func at(_ text: String) -> Date { try! ZonedTime(text).instant }

  static func status(
    _ region: RegionCode,
    submitted: Bool = false,
    deadline: ZonedTime = deadline,
    late: Bool = false
  )
    -> DeadlineBook.RegionStatus
  {
    DeadlineBook.RegionStatus(
      region: region,
      submitted: submitted,
      percentFilled: 40,
      deadline: deadline.in(region.region.zone),
      isLate: late
    )
  }

  static func recipient(
    _ id: String,
    _ region: RegionCode?,
    _ notices: [Notify.NoticeKind]
  ) -> Notify.Recipient {
    Notify.Recipient(id: id, name: id, region: region, email: "\(id)@kpu.example", notices: notices)
  }

  static func schedule(
    _ regions: [DeadlineBook.RegionStatus],
    recipients: [Notify.Recipient],
    _ settings: Notify.SetDeadlineRequest = Notify.SetDeadlineRequest(election: election)
  ) -> ReminderSchedule {
    ReminderSchedule(
      schedule: settings,
      window: DeadlineBook.Window(
        election: election,
        name: "Pilkada 2024",
        opensAt: try! ZonedTime("2026-11-01 08:00 WIB"),
        closesAt: deadline,
        readAt: at("2026-12-01 00:00 WIB")
      ),
      regions: regions,
      recipients: recipients
    )
  }

  @Test func eachStepStartsAtEightInTheRecipientsZoneAndLastsUntilTheNext() {
    let plan = Self.schedule(
      [Self.status(Self.sragen)],
      recipients: [Self.recipient("operator-sragen", Self.sragen, [.deadlineReminder])]
    )
    let steps = plan.upcoming(from: Self.at("2026-12-01 00:00 WIB"))
    #expect(steps.map(\.step) == ["h-7", "h-3", "h-1", "hari-h"] + (1...14).map { "terlambat-\($0)" })
    #expect(steps[0].start == Self.at("2026-12-08 08:00 WIB"))
    #expect(steps[3].start == Self.at("2026-12-15 08:00 WIB"))
    #expect(steps[4].start == Self.at("2026-12-16 08:00 WIB"))
    #expect(steps[0].dedupKey == "deadline/pilkada-2024/33.14/2026-12-15/h-7/operator-sragen")

    #expect(plan.due(at: Self.at("2026-12-08 07:59 WIB")).isEmpty)
    #expect(plan.due(at: Self.at("2026-12-08 08:00 WIB")).map(\.step) == ["h-7"])
    // Outside office hours nothing goes; a missed step still goes the next morning...
    #expect(plan.due(at: Self.at("2026-12-08 16:00 WIB")).isEmpty)
    #expect(plan.due(at: Self.at("2026-12-09 10:00 WIB")).map(\.step) == ["h-7"])
    // ...until the next step stands in for it.
    #expect(plan.due(at: Self.at("2026-12-12 08:00 WIB")).map(\.step) == ["h-3"])
    #expect(plan.due(at: Self.at("2026-12-17 09:00 WIB")).map(\.step) == ["terlambat-2"])
    // After the last late day, nothing.
    #expect(plan.due(at: Self.at("2026-12-30 09:00 WIB")).isEmpty)
  }

  @Test func makassarsStepsFollowItsOwnZone() {
    // 23:59 WIB is 00:59 WITA on the 16th: Makassar's deadline day is the 16th, and its "on the
    // day" would fall after the deadline, so there is none.
    let plan = Self.schedule(
      [Self.status(Self.makassar)],
      recipients: [Self.recipient("operator-makassar", Self.makassar, [.deadlineReminder])]
    )
    let steps = plan.upcoming(from: Self.at("2026-12-01 00:00 WIB"))
    #expect(steps.map(\.step).prefix(4) == ["h-7", "h-3", "h-1", "terlambat-1"])
    #expect(steps[0].start == Self.at("2026-12-09 08:00 WITA"))
    #expect(plan.due(at: Self.at("2026-12-09 07:30 WIB")).map(\.step) == ["h-7"])  // 08:30 WITA
  }

  @Test func aRegionThatSubmittedIsNotReminded() {
    let plan = Self.schedule(
      [Self.status(Self.sragen, submitted: true)],
      recipients: [Self.recipient("operator-sragen", Self.sragen, [.deadlineReminder])]
    )
    #expect(plan.upcoming(from: Self.at("2026-12-01 00:00 WIB")).isEmpty)
  }

  @Test func anExtensionMovesTheStepsAndMakesNewKeys() {
    let extended = try! ZonedTime("2026-12-22 23:59 WIB")
    let plan = Self.schedule(
      [Self.status(Self.sragen, deadline: extended)],
      recipients: [Self.recipient("operator-sragen", Self.sragen, [.deadlineReminder])]
    )
    let due = plan.due(at: Self.at("2026-12-15 09:00 WIB"))
    #expect(due.map(\.step) == ["h-7"])
    #expect(due.first?.dedupKey == "deadline/pilkada-2024/33.14/2026-12-22/h-7/operator-sragen")
  }

  @Test func aScheduleSetByAnAdminIsFollowed() {
    let plan = Self.schedule(
      [Self.status(Self.sragen)],
      recipients: [Self.recipient("operator-sragen", Self.sragen, [.deadlineReminder])],
      Notify.SetDeadlineRequest(
        election: Self.election,
        daysBefore: [2],
        onTheDay: false,
        lateDays: 1,
        officeHoursFrom: 7 * 60,
        officeHoursUntil: 15 * 60
      )
    )
    let steps = plan.upcoming(from: Self.at("2026-12-01 00:00 WIB"))
    #expect(steps.map(\.step) == ["h-2", "terlambat-1"])
    #expect(steps[0].start == Self.at("2026-12-13 07:00 WIB"))
  }

  @Test func theProvinceDigestComesEachMorningWhileItsKabKotaAreBehind() {
    let digest = Self.recipient("ketua-jateng", Self.jateng, [.digest])
    let plan = Self.schedule(
      [Self.status(Self.sragen), Self.status(Self.cilacap, submitted: true), Self.status(Self.makassar)],
      recipients: [digest, Self.recipient("operator-sragen", Self.sragen, [.digest, .alert])]
    )
    let days = plan.upcoming(from: Self.at("2026-12-01 00:00 WIB"))
    // From 7 days before to the deadline's day; no late days while no one is late.
    #expect(days.map(\.step) == (8...15).map { String(format: "2026-12-%02d", $0) })
    #expect(days.allSatisfy { $0.recipient.id == "ketua-jateng" && $0.kind == .digest })
    #expect(days[0].dedupKey == "digest/pilkada-2024/33/2026-12-08/ketua-jateng")

    let late = Self.schedule(
      [Self.status(Self.sragen, late: true)],
      recipients: [digest]
    )
    #expect(late.due(at: Self.at("2026-12-29 08:00 WIB")).map(\.step) == ["2026-12-29"])
    #expect(late.due(at: Self.at("2026-12-30 08:00 WIB")).isEmpty)
  }

  @Test func theDigestListsLateFirstThenTheRestInCodeOrder() {
    let regions = [
      Self.status(Self.cilacap), Self.status(Self.sragen, late: true),
      Self.status(try! RegionCode("33.02"), late: true),
      Self.status(try! RegionCode("33.03"), submitted: true), Self.status(Self.makassar, late: true),
    ]
    let digest = ProgressDigest(
      electionName: "Pilkada 2024",
      province: Self.jateng,
      regions: regions,
      now: Self.at("2026-12-17 08:00 WIB")
    )
    #expect(digest.subject(in: .indonesian) == "Rekap harian IPP Jawa Tengah: 2 terlambat, 1 belum mengirim")
    let text = digest.text(in: .indonesian)
    #expect(text.contains("per Kamis, 17 Desember 2026 pukul 08.00 WIB"))
    let lines = text.split(separator: "\n").filter { $0.hasPrefix("- ") }
    #expect(lines.map { $0.prefix(7) } == ["- 33.02", "- 33.14", "- 33.01"])
    #expect(!text.contains("Makassar"))

    let national = ProgressDigest(
      electionName: "Pilkada 2024",
      province: nil,
      regions: regions,
      now: Self.at("2026-12-17 08:00 WIB")
    )
    #expect(national.text(in: .english).contains("- 33 Jawa Tengah: 2 late, 1 not submitted, of 4"))
    #expect(national.text(in: .english).contains("- 73 Sulawesi Selatan: 1 late, 0 not submitted, of 1"))
  }
}
