import Foundation
import IPPNotify
import TestSupport
import Testing

/// The emails ipp-notify renders, read back by Python's `email` package (a parser nobody here
/// wrote): UTF-8 subjects and names as encoded words, text and HTML parts, stable Message-IDs,
/// dates in the recipient's zone, and no way for a recipient record to add a header.
struct MailMessageTests {
  static let sender = try! MailAddress("ipp-notify@kpu.example", name: "IPP Services KPU")
  static let sragen = try! MailAddress(
    "admin@kab-sragen.kpu.example",
    name: "KPU Kabupaten Sragen — Operator"
  )

  static func reminder(
    subject: String = "Pengingat: batas pengisian IPP tinggal 3 hari — Kabupaten Sragen"
  )
    -> MailMessage
  {
    MailMessage(
      from: sender,
      to: [sragen],
      subject: subject,
      text:
        "Yth. Operator KPU Kabupaten Sragen,\n\nBatas pengisian IPP: Selasa, 15 Desember 2026 pukul 23.59 WIB.\n",
      html: "<p>Batas pengisian IPP: <strong>Selasa, 15 Desember 2026 pukul 23.59 WIB</strong>.</p>",
      dedupKey: "deadline:pilkada-2024:33.14:admin@kab-sragen.kpu.example:3-days",
      date: Date(timeIntervalSince1970: 1_796_182_384),
      timeZone: TimeZone(identifier: "Asia/Makassar")!
    )
  }

  /// What Python's `email` package reads from `raw`.
  static func parsed(_ raw: [UInt8]) async throws -> [String: String] {
    let script = """
      import email, email.policy, json, sys
      message = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
      text = message.get_body(("plain",))
      html = message.get_body(("html",))
      print(json.dumps({"subject": message["subject"], "from": str(message["from"]), "to": str(message["to"]),
        "message_id": message["message-id"], "date": message["date"], "text": text.get_content(),
        "html": html.get_content() if html is not None else "",
        "defects": str([d for part in message.walk() for d in part.defects])}))
      """
    let run = try await Program.run(["python3", "-c", script], input: raw)
    try #require(run.status == 0, "python: \(run.errors)")
    return try JSONDecoder().decode([String: String].self, from: Data(run.text.utf8))
  }

  @Test func pythonReadsTheReminderAsWritten() async throws {
    let message = Self.reminder()
    let read = try await Self.parsed(message.rendered())
    #expect(read["subject"] == message.subject)
    #expect(read["from"] == "IPP Services KPU <ipp-notify@kpu.example>")
    #expect(read["to"] == "KPU Kabupaten Sragen — Operator <admin@kab-sragen.kpu.example>")
    #expect(read["text"] == message.text)
    #expect(read["html"] == message.html)
    #expect(read["message_id"] == message.messageID)
    #expect(read["date"] == "Wed, 02 Dec 2026 11:33:04 +0800")
    #expect(read["defects"] == "[]")
  }

  @Test func longSubjectsFoldIntoShortEncodedWords() async throws {
    let subject = String(
      repeating: "Rekap keterlambatan pengisian IPP Provinsi Sulawesi Selatan — ",
      count: 4
    )
    let raw = Self.reminder(subject: subject).rendered()
    let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
    #expect(lines.filter { $0.utf8.count > 78 } == [])
    #expect(try await Self.parsed(raw)["subject"] == subject)
  }

  @Test func theMessageIDFollowsTheDedupKey() {
    let first = Self.reminder()
    var again = Self.reminder()
    again.date += 3600
    #expect(first.messageID == again.messageID)
    #expect(first.messageID.hasSuffix("@kpu.example>"))
    var other = Self.reminder()
    other.dedupKey += ":1-day"
    #expect(other.messageID != first.messageID)
  }

  @Test(arguments: [
    "admin@kab-sragen.kpu.example\r\nBcc: all@kpu.example", "no-at-sign", "a@b", "a b@kpu.example",
    "@kpu.example",
  ])
  func addressesThatCouldBreakTheHeadersAreRefused(address: String) {
    #expect(throws: MailAddress.Invalid.self) { try MailAddress(address) }
  }

  @Test func namesWithLineBreaksAreRefused() {
    #expect(throws: MailAddress.Invalid.self) {
      try MailAddress("a@kpu.example", name: "Sragen\r\nBcc: x@y.example")
    }
  }
}
