/// A reply of an SMTP server: its code and its lines of text (a multiline reply has several).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
  public var code: Int
  public var lines: [String]

  /// 2xx: done. 3xx: go on (after DATA, AUTH).
  public var isPositive: Bool { (200..<400).contains(code) }
  /// 4xx: try again later.
  public var isTransient: Bool { (400..<500).contains(code) }

  /// `250 2.0.0 Ok: queued as 4F2A` (lines joined with ` / `), as the delivery history shows it.
  public var description: String { "\(code) " + lines.joined(separator: " / ") }
}

/// Why an SMTP exchange failed: the server's reply when it gave one (a 4xx is worth retrying, a
/// 5xx is not), or what went wrong on the way (connect, TLS, timeout, a reply that is not SMTP).
public struct SMTPError: Error, Sendable, CustomStringConvertible {
  /// What was being done: `MAIL FROM`, `STARTTLS`, `connect`.
  public var step: String
  /// The server's reply, if it answered.
  public var reply: SMTPReply?
  /// What went wrong when it did not.
  public var problem: String?
  /// Worth trying again later: a 4xx, or no answer at all (down, timeout, connection lost); not a
  /// 5xx or a message that can never be sent.
  public var isTransient: Bool

  /// The server refused `step` with `reply`.
  public init(step: String, reply: SMTPReply) {
    self.step = step
    self.reply = reply
    self.isTransient = reply.isTransient
  }

  /// `step` failed without a reply; `transient` unless the cause is in what was to be sent.
  public init(step: String, problem: String, transient: Bool = true) {
    self.step = step
    self.problem = problem
    self.isTransient = transient
  }

  public var description: String {
    "\(step): " + (reply.map(\.description) ?? problem ?? "failed")
  }
}
