internal import Crypto
public import Foundation

/// An email as ipp-notify sends it, rendered by hand because no maintained Swift package does
/// (docs/architecture.md): RFC 5322 headers with CRLF line ends, a UTF-8 subject and display
/// names as RFC 2047 encoded words, a text body and optionally an HTML one as
/// multipart/alternative, each part UTF-8 in base64 lines of 76. Its Message-ID is derived from the
/// notification's dedup key, so a message sent again after a crash carries the same id and the
/// receiver can tell.
public struct MailMessage: Sendable, Equatable {
  public var from: MailAddress
  public var to: [MailAddress]
  public var subject: String
  public var text: String
  public var html: String?
  /// What makes the notification unique: event, recipient and step.
  public var dedupKey: String
  /// When it was written, shown in the recipient's own zone.
  public var date: Date
  public var timeZone: TimeZone

  public init(
    from: MailAddress,
    to: [MailAddress],
    subject: String,
    text: String,
    html: String? = nil,
    dedupKey: String,
    date: Date,
    timeZone: TimeZone
  ) {
    self.from = from
    self.to = to
    self.subject = subject
    self.text = text
    self.html = html
    self.dedupKey = dedupKey
    self.date = date
    self.timeZone = timeZone
  }

  /// `<first 32 hex digits of SHA-256(dedup key)@sender's domain>`: the same for every attempt.
  public var messageID: String {
    let digest = SHA256.hash(data: Data(dedupKey.utf8)).prefix(16)
    return "<" + digest.map { String(format: "%02x", $0) }.joined() + "@\(from.domain)>"
  }

  /// The message as SMTP's DATA carries it (before dot-stuffing), CRLF line ends.
  public func rendered() -> [UInt8] {
    var lines = [
      "Date: " + Self.dateHeader(date, in: timeZone),
      "From: " + Self.mailbox(from),
      "To: " + to.map(Self.mailbox).joined(separator: ",\r\n "),
      "Subject: " + Self.encodedWords(subject, firstLineUsed: 9),
      "Message-ID: " + messageID,
      "MIME-Version: 1.0",
      "Auto-Submitted: auto-generated",
    ]
    if let html {
      let boundary = "=_ipp_" + messageID.dropFirst().prefix(32)
      lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
      lines.append("")
      lines.append("--\(boundary)")
      lines += Self.part("text/plain", text)
      lines.append("--\(boundary)")
      lines += Self.part("text/html", html)
      lines.append("--\(boundary)--")
    } else {
      lines += Self.part("text/plain", text)
    }
    return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  /// A body part's headers and base64 lines (a single-part message's last headers and body).
  private static func part(_ type: String, _ body: String) -> [String] {
    let encoded = Data(body.utf8).base64EncodedString()
    var lines = ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
    var start = encoded.startIndex
    while start < encoded.endIndex {
      let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
      lines.append(String(encoded[start..<end]))
      start = end
    }
    return lines
  }

  private static func mailbox(_ mailbox: MailAddress) -> String {
    guard let name = mailbox.name else { return mailbox.address }
    let words = encodedWords(name, firstLineUsed: 6)
    // An encoded name takes its own lines; the address follows on the next.
    return words + (words == name ? " " : "\r\n ") + "<\(mailbox.address)>"
  }

  /// `text` as it may stand in a header: as is when it is printable ASCII, else RFC 2047 encoded
  /// words (UTF-8, base64) of 60 characters at most, never splitting a character, one per line so
  /// that no line passes RFC 2047's 76 characters after a header's name.
  static func encodedWords(_ text: String, firstLineUsed: Int) -> String {
    if text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 })
      && text.utf8.count + firstLineUsed <= 78
    {
      return text
    }
    // 36 bytes of text make 48 of base64; with "=?utf-8?b?" and "?=" a word is 60 characters.
    var words: [String] = []
    var chunk: [UInt8] = []
    for character in text {
      let bytes = Array(String(character).utf8)
      if chunk.count + bytes.count > 36 {
        words.append("=?utf-8?b?" + Data(chunk).base64EncodedString() + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty || words.isEmpty {
      words.append("=?utf-8?b?" + Data(chunk).base64EncodedString() + "?=")
    }
    return words.joined(separator: "\r\n ")
  }

  /// RFC 5322's date: `Wed, 02 Dec 2026 10:25:11 +0700`, in `zone`, written from the calendar's
  /// parts rather than by a `DateFormatter` made for every message sent.
  static func dateHeader(_ date: Date, in zone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
    let offset = zone.secondsFromGMT(for: date) / 60
    return "\(days[parts.weekday! - 1]), \(two(parts.day!)) \(months[parts.month! - 1]) \(parts.year!) "
      + "\(two(parts.hour!)):\(two(parts.minute!)):\(two(parts.second!)) "
      + "\(offset < 0 ? "-" : "+")\(two(abs(offset) / 60))\(two(abs(offset) % 60))"
  }
}
