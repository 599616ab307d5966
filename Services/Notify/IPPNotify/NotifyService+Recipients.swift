internal import ServiceRuntime
internal import Logging
internal import Foundation
public import NotifyAPI
internal import IPPSchema
public import RPCCore

/// Recipients: who is told what, by which channels.
extension NotifyService {
  /// `Recipients`: those in the caller's scope (and `province`, if given).
  public func recipients(
    _ request: Notify.RecipientsRequest,
    context: RPCContext
  ) throws -> Notify.RecipientsResponse {
    if let province = request.province { try context.requireAccess(toRegion: province.rawValue) }
    return Notify.RecipientsResponse(
      recipients: try directory.all().map(\.recipient).filter { recipient in
        Self.sees(context, recipient.region)
          && (request.province.map { province in recipient.region.map(province.contains) ?? false } ?? true)
      }
    )
  }

  /// `SetRecipient`: adds or replaces a recipient (KPU RI's admins anywhere, a province's admin
  /// within its province).
  public func setRecipient(
    _ request: Notify.SetRecipientRequest,
    context: RPCContext
  ) throws -> Notify.SetRecipientResponse {
    let recipient = request.recipient
    try Self.requireAccess(context, to: recipient.region)
    try Self.validate(recipient)
    let who = context.principal?.name ?? "unknown"
    let secret = try directory.save(
      recipient,
      rotateSecret: request.rotateWebhookSecret,
      by: who,
      at: clock.now
    )
    context.logger.notice(
      "recipient set",
      metadata: ["ipp.recipient": "\(recipient.id)", "ipp.region": "\(recipient.region?.rawValue ?? "RI")"]
    )
    return Notify.SetRecipientResponse(recipient: recipient, webhookSecret: secret)
  }

  /// `RemoveRecipient`: removes one; its notifications stay in the history, those still pending
  /// are still delivered.
  public func removeRecipient(
    _ request: Notify.RemoveRecipientRequest,
    context: RPCContext
  ) throws -> Notify.RecipientsResponse {
    guard let entry = try directory.entry(request.id) else {
      throw RPCError(code: .notFound, message: "There is no recipient \(request.id)")
    }
    try Self.requireAccess(context, to: entry.recipient.region)
    _ = try directory.remove(request.id)
    context.logger.notice("recipient removed", metadata: ["ipp.recipient": "\(request.id)"])
    return try recipients(Notify.RecipientsRequest(), context: context)
  }

  /// Everything wrong with `recipient`, at once.
  static func validate(_ recipient: Notify.Recipient) throws(RPCError) {
    var problems: [String] = []
    let idCharacters = recipient.id.utf8.allSatisfy {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        || $0 == UInt8(ascii: "-")
    }
    if recipient.id.isEmpty || recipient.id.utf8.count > 64 || !idCharacters {
      problems.append("id \"\(recipient.id)\" must be 1 to 64 lowercase letters, digits and -")
    }
    if recipient.name.trimmingCharacters(in: .whitespaces).isEmpty || recipient.name.count > 200
      || recipient.name.contains(where: \.isNewline)
    {
      problems.append("name must be 1 to 200 characters on one line")
    }
    if recipient.email == nil && recipient.webhookURL == nil {
      problems.append("give an email address, a webhook URL, or both")
    }
    if let email = recipient.email {
      do { _ = try MailAddress(email) } catch { problems.append("email: \(error)") }
    }
    if let url = recipient.webhookURL, let problem = Self.webhookProblem(url) {
      problems.append("webhookURL \"\(url)\": \(problem)")
    }
    if NoticeLanguage(rawValue: recipient.language) == nil {
      problems.append("language is id (Indonesian) or en (English), not \"\(recipient.language)\"")
    }
    if recipient.notices.isEmpty {
      problems.append("notices names at least one of deadlineReminder, digest, alert")
    }
    if recipient.eventKinds?.isEmpty == true {
      problems.append("eventKinds names at least one kind, or is left out for every kind")
    }
    if recipient.notices.contains(.digest), recipient.region?.level == .kabkota {
      problems.append("digests go to a province or KPU RI, not to the kab/kota \(recipient.region!)")
    }
    if let quiet = recipient.quietHours, !(0..<1440).contains(quiet.from) || !(0..<1440).contains(quiet.until)
    {
      problems.append("quietHours are minutes after midnight, 0 to 1439")
    }
    guard problems.isEmpty else {
      throw RPCError(code: .invalidArgument, message: problems.joined(separator: "; "))
    }
  }

  /// Why `text` cannot be a webhook URL: HTTPS, or plain HTTP to this machine only.
  static func webhookProblem(_ text: String) -> String? {
    guard text.utf8.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      let host = url.host, !host.isEmpty
    else { return "not an absolute URL" }
    if url.user != nil || url.password != nil { return "credentials do not belong in the URL" }
    switch scheme {
    case "https": return nil
    case "http":
      return ["127.0.0.1", "localhost", "::1"].contains(host) ? nil : "plain http only to this machine"
    default: return "the scheme is https (or http to this machine)"
    }
  }
}
