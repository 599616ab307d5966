internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import NotifyAPI
internal import RPC

/// `ippctl alerts --province 33`: the alerts ipp-notify holds, firing first (ipp.Notify/Alerts).
struct AlertsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts",
    abstract:
      "List the alerts in your scope: firing first, with since when (in the region's zone) and who acknowledged."
  )

  @OptionGroup var options: CommonOptions

  @Option(help: "A province's code (33): its own alerts and its kab/kota's.")
  var province: String?

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let request = Notify.AlertsRequest(province: try province.map(CommonOptions.region))
    let answer = try await MethodCall.typed("Notify", options: options) { client in
      try await Notify.Client(client).alerts(request, options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    var table = TextTable([
      .init(title: "STATE"), .init(title: "SEVERITY"), .init(title: "KIND"), .init(title: "REGION"),
      .init(title: "SUBJECT"), .init(title: "SINCE"), .init(title: "SUMMARY"), .init(title: "ACKNOWLEDGED"),
      .init(title: "FINGERPRINT"),
    ])
    for alert in answer.alerts {
      table.add([
        alert.firing ? "firing" : "resolved", alert.severity.rawValue, alert.kind.rawValue,
        alert.region?.rawValue ?? "-", alert.subject,
        ZonedTime(alert.since, in: alert.region?.region.zone ?? .wib).rawValue, alert.summary,
        alert.acknowledgedBy ?? "-", alert.fingerprint,
      ])
    }
    print(table.text, terminator: "")
    print("\(answer.alerts.filter(\.firing).count) firing, \(answer.alerts.count) in all")
  }
}

/// `ippctl acknowledge siteDown/33.14/kab-sragen.kpu.go.id --comment "..."`: someone is on it;
/// the alert stays quiet until it resolves (ipp.Notify/Acknowledge).
struct AcknowledgeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "acknowledge",
    abstract: "Acknowledge an alert: no more messages for it until it resolves."
  )

  @OptionGroup var options: CommonOptions

  @Argument(help: "The alert's fingerprint, as `ippctl alerts` shows it.")
  var fingerprint: String

  @Option(help: "Who is on it and what is being done (kept with the alert).")
  var comment: String

  func run() async throws {
    let alert = try await MethodCall.typed("Notify", options: options) { client in
      try await Notify.Client(client).acknowledge(
        .init(fingerprint: fingerprint, comment: comment),
        options: options.callOptions
      )
    }
    print("acknowledged by \(alert.acknowledgedBy ?? "-"): \(alert.fingerprint)")
  }
}

/// `ippctl silence --kind siteStale --region 33.19 --for 3d --comment "..."`: mutes what matches
/// (ipp.Notify/Silence).
struct SilenceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "silence",
    abstract: "Silence the alerts that match, for a while (at most 30 days), with a reason.",
    discussion: "Give at least one of --kind, --region, --subject. --for is hours (6h) or days (3d)."
  )

  @OptionGroup var options: CommonOptions

  @Option(help: "siteDown, siteStale, certificateExpiring or notice.")
  var kind: String?

  @Option(help: "A region's code: a province takes in its kab/kota.")
  var region: String?

  @Option(help: "The subject, such as a site's host.")
  var subject: String?

  @Option(name: .customLong("for"), help: "How long: 6h, 3d.")
  var duration: String

  @Option(help: "Why (kept with the silence).")
  var comment: String

  func run() async throws {
    let kind = try kind.map { text in
      guard let kind = Notify.EventKind(rawValue: text) else {
        let known = Notify.EventKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("--kind is one of \(known), not \(text)")
      }
      return kind
    }
    let matchers = Notify.Matchers(kind: kind, region: try region.map(CommonOptions.region), subject: subject)
    let request = Notify.SilenceRequest(
      matchers: matchers,
      endsAt: Date() + (try Self.seconds(duration)),
      comment: comment
    )
    let silence = try await MethodCall.typed("Notify", options: options) { client in
      try await Notify.Client(client).silence(request, options: options.callOptions)
    }
    print("silence \(silence.id) until \(ZonedTime(silence.endsAt, in: .wib).rawValue)")
  }

  /// `6h`, `3d` as seconds, or a usage error.
  static func seconds(_ text: String) throws -> TimeInterval {
    guard let unit = text.last, let count = Int(text.dropLast()), count > 0,
      let size: TimeInterval = ["h": 3600, "d": 86_400][unit]
    else { throw ValidationError("--for is hours or days, such as 6h or 3d, not \(text)") }
    return TimeInterval(count) * size
  }
}

/// `ippctl notifications pending`: what ipp-notify has written, waiting, sent or given up on
/// (ipp.Notify/Pending, History, DeadLetters).
struct NotificationsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notifications",
    abstract: "List notifications: pending (soonest first), sent (newest first) or dead (given up on)."
  )

  @OptionGroup var options: CommonOptions

  @Argument(help: "pending, sent or dead.")
  var which: String

  @Option(help: "At most so many (1 to 1000).")
  var limit = 50

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    guard ["pending", "sent", "dead"].contains(which) else {
      throw ValidationError("Say pending, sent or dead, not \(which)")
    }
    let answer = try await MethodCall.typed("Notify", options: options) { client in
      let notify = Notify.Client(client)
      switch which {
      case "pending": return try await notify.pending(.init(limit: limit), options: options.callOptions)
      case "sent": return try await notify.history(.init(limit: limit), options: options.callOptions)
      default: return try await notify.deadLetters(.init(limit: limit), options: options.callOptions)
      }
    }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    var table = TextTable([
      .init(title: "ID", alignRight: true), .init(title: "STATE"), .init(title: "CHANNEL"),
      .init(title: "RECIPIENT"), .init(title: "REGION"), .init(title: "SUBJECT"), .init(title: "WRITTEN"),
      .init(title: "TRIES", alignRight: true), .init(title: "LAST ERROR"),
    ])
    for record in answer.notifications {
      table.add([
        String(record.id), record.state.rawValue, record.channel, record.recipient,
        record.region?.rawValue ?? "-",
        record.subject, ZonedTime(record.createdAt, in: record.region?.region.zone ?? .wib).rawValue,
        String(record.attemptCount), record.lastError ?? "-",
      ])
    }
    print(table.text, terminator: "")
    print("\(answer.notifications.count) \(which)")
  }
}
