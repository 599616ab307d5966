import Foundation
import IPPNotify
import ServiceRuntime
import TestSupport
import Testing

/// ipp-notify's own settings: defaults that work on a machine with a local relay, and every bad
/// value refused at start with the key and the reason.
struct NotifySettingsTests {
  static let defaults = NotifySettings.keys.reduce(into: [String: String]()) { $0[$1.key] = $1.defaultValue }

  static func refusal(_ changes: [String: String?]) -> String? {
    var values = defaults
    for (key, value) in changes { values[key] = value }
    do {
      _ = try NotifySettings(values)
      return nil
    } catch {
      return "\(error.key): \(error.problem)"
    }
  }

  @Test func theDefaultsMailALocalRelayOverSTARTTLS() throws {
    let settings = try NotifySettings(Self.defaults)
    #expect(settings.smtp.host == "127.0.0.1" && settings.smtp.port == 25)
    #expect(settings.smtp.security == .startTLS(trustRootsPath: nil))
    #expect(
      settings.sender.address == "ipp-notify@localhost.localdomain" && settings.sender.name == "IPP Services"
    )
    #expect(settings.emailsPerMinute == 600 && settings.maxAttempts == 8 && settings.groupWait == 30)
  }

  @Test func badValuesAreRefusedWithTheirKey() throws {
    #expect(Self.refusal(["smtp.security": "tls"]) == "smtp.security: \"tls\" is not starttls or none")
    #expect(Self.refusal(["smtp.port": "70000"]) == "smtp.port: 70000 is not a port number")
    #expect(
      Self.refusal(["smtp.username": "ipp"])?.hasPrefix("smtp.password_file: smtp.username is set") == true
    )
    #expect(
      Self.refusal(["smtp.sender": "IPP <nobody>"])
        == "smtp.sender: \"nobody\" is not an email address (name@domain)"
    )
    #expect(Self.refusal(["delivery.email_per_minute": "0"])?.hasPrefix("delivery.email_per_minute") == true)
    #expect(Self.refusal(["alerts.group_wait": "-1"])?.hasPrefix("alerts.group_wait") == true)
    #expect(Self.refusal(["intake.read_interval": "soon"])?.hasPrefix("intake.read_interval") == true)
  }

  @Test func credentialsAreSentOverTLSOnly() throws {
    let folder = try TemporaryDirectory("notify-settings")
    let password = folder.appending("smtp.password")
    try "rahasia\n".write(to: password, atomically: true, encoding: .utf8)
    var values = Self.defaults
    values["smtp.username"] = "ipp-notify"
    values["smtp.password_file"] = password.path
    #expect(try NotifySettings(values).smtp.password == "rahasia")
    values["smtp.security"] = "none"
    #expect(throws: ConfigurationError.self) { try NotifySettings(values) }
  }
}
