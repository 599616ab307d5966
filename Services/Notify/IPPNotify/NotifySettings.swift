internal import Foundation
public import ServiceRuntime

/// ipp-notify's own settings, read and checked at start: the mail server, the sender, how fast
/// each channel may send, how alerts are grouped, and where intake is.
public struct NotifySettings: Sendable {
  public var smtp: SMTPSettings
  public var sender: MailAddress
  public var emailsPerMinute: Int
  public var webhooksPerMinute: Int
  public var maxAttempts: Int
  /// Seconds an alert waits for others to the same recipient.
  public var groupWait: Double
  /// Seconds between reads of intake's progress.
  public var intakeReadInterval: Double
  /// Days sent and dead notifications, events and ended silences are kept.
  public var historyDays: Int

  /// The keys, their meaning and defaults, for the service definition.
  public static let keys: [ServiceSetting] = [
    ServiceSetting("intake.address", meaning: "ipp-intake's HOST:PORT", defaultValue: "127.0.0.1:7401"),
    ServiceSetting("intake.token_file", meaning: "a file holding notify's service token for ipp-intake"),
    ServiceSetting(
      "intake.read_interval",
      meaning: "seconds between reads of filling progress",
      defaultValue: "60"
    ),
    ServiceSetting("smtp.host", meaning: "the mail server's host name", defaultValue: "127.0.0.1"),
    ServiceSetting("smtp.port", meaning: "a port number", defaultValue: "25"),
    ServiceSetting("smtp.security", meaning: "starttls or none", defaultValue: "starttls"),
    ServiceSetting("smtp.username", meaning: "the user name for AUTH (over TLS only)"),
    ServiceSetting("smtp.password_file", meaning: "a file holding the SMTP password"),
    ServiceSetting(
      "smtp.trust_roots_file",
      meaning: "a PEM file of the CAs the mail server's certificate chains to"
    ),
    ServiceSetting(
      "smtp.sender",
      meaning: "the From address, such as IPP KPU <ipp@kpu.go.id>",
      defaultValue: "IPP Services <ipp-notify@localhost.localdomain>"
    ),
    ServiceSetting(
      "smtp.client_name",
      meaning: "the name given in EHLO",
      defaultValue: "ipp-notify.localdomain"
    ),
    ServiceSetting("smtp.connections", meaning: "a whole number from 1 to 32", defaultValue: "1"),
    ServiceSetting("delivery.email_per_minute", meaning: "a whole number from 1", defaultValue: "600"),
    ServiceSetting("delivery.webhook_per_minute", meaning: "a whole number from 1", defaultValue: "600"),
    ServiceSetting("delivery.max_attempts", meaning: "a whole number from 1", defaultValue: "8"),
    ServiceSetting("alerts.group_wait", meaning: "seconds, 0 or more", defaultValue: "30"),
    ServiceSetting("history.days", meaning: "a whole number from 1", defaultValue: "400"),
  ]

  /// The settings in `values` (defaults included), or the first that cannot be used.
  public init(_ values: [String: String]) throws(ConfigurationError) {
    let values = SettingValues(values)
    let fail = values.refuse
    func whole(_ key: String) throws(ConfigurationError) -> Int { try values.whole(key, in: 1...Int.max) }
    let security: SMTPSettings.Security
    switch values["smtp.security"] {
    case "none": security = .none
    case "starttls": security = .startTLS(trustRootsPath: values["smtp.trust_roots_file"])
    default: throw fail("smtp.security", "\"\(values["smtp.security"] ?? "")\" is not starttls or none")
    }
    let port = try whole("smtp.port")
    guard port <= 65535 else { throw fail("smtp.port", "\(port) is not a port number") }
    var password: String? = nil
    if let path = SettingValues.fileOrCredential(values["smtp.password_file"], credential: "smtp.password") {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw ConfigurationError(
          key: "smtp.password_file",
          source: path,
          problem: "the password file cannot be read"
        )
      }
      password = text.trimmingCharacters(in: .newlines)
    }
    if values["smtp.username"] != nil && password == nil {
      throw fail(
        "smtp.password_file",
        "smtp.username is set: give its password in a file (or credential smtp.password)"
      )
    }
    if values["smtp.username"] != nil && security == .none {
      throw fail(
        "smtp.security",
        "credentials are only sent over TLS: smtp.security is starttls when smtp.username is set"
      )
    }
    do {
      sender = try MailAddress(mailbox: values["smtp.sender"] ?? "")
    } catch {
      throw fail("smtp.sender", "\(error)")
    }
    smtp = SMTPSettings(
      host: values["smtp.host"] ?? "127.0.0.1",
      port: port,
      security: security,
      username: values["smtp.username"],
      password: password,
      clientName: values["smtp.client_name"] ?? "ipp-notify.localdomain",
      connections: try whole("smtp.connections")
    )
    guard smtp.connections <= 32 else {
      throw fail("smtp.connections", "\(smtp.connections) is more than 32")
    }
    emailsPerMinute = try whole("delivery.email_per_minute")
    webhooksPerMinute = try whole("delivery.webhook_per_minute")
    maxAttempts = try whole("delivery.max_attempts")
    groupWait = try values.number("alerts.group_wait", atLeast: 0)
    intakeReadInterval = try values.number("intake.read_interval", atLeast: 1)
    historyDays = try whole("history.days")
  }
}
