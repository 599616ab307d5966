public import Foundation
public import IPPSchema
public import NotifyAPI

/// One message about the events routed to a recipient within a group's wait: a province admin
/// told of 35 sites down gets one message listing them, most severe first.
public struct AlertMessage: Sendable {
  public var events: [AlertLedger.RoutedEvent]
  public var zone: Region.Zone

  public init(events: [AlertLedger.RoutedEvent], zone: Region.Zone) {
    self.events = events.sorted { ($1.severity, $0.route) < ($0.severity, $1.route) }
    self.zone = zone
  }

  public var highestSeverity: Notify.Severity { events.map(\.severity).max() ?? .info }

  public func subject(in language: NoticeLanguage) -> String {
    if events.count == 1 {
      let event = events[0]
      return "[\(Self.label(event.severity, language))] \(Self.label(event, language)): \(event.subject)"
    }
    let resolved = events.filter(\.resolved).count
    switch language {
    case .indonesian:
      return "[\(Self.label(highestSeverity, language))] \(events.count) peringatan situs KPU"
        + (resolved > 0 ? " (\(resolved) pulih)" : "")
    case .english:
      return "[\(Self.label(highestSeverity, language))] \(events.count) KPU site alerts"
        + (resolved > 0 ? " (\(resolved) resolved)" : "")
    }
  }

  public func text(in language: NoticeLanguage) -> String {
    var lines = [
      language == .indonesian ? "Peringatan dari IPP Services:" : "Alerts from IPP Services:", "",
    ]
    for event in events {
      let place = event.region.map { " (\($0) \($0.region.name))" } ?? ""
      lines.append(
        "- [\(Self.label(event.severity, language))] \(Self.label(event, language)): \(event.subject)\(place)"
      )
      lines.append("  \(event.summary)")
      lines.append("  " + language.dateTime(event.occurredAt, in: zone))
    }
    lines += [
      "",
      language == .indonesian
        ? "Bisukan dengan ippctl silence, atau tandai ditangani dengan ippctl acknowledge."
        : "Silence with ippctl silence, or acknowledge with ippctl acknowledge.",
      "",
    ]
    return lines.joined(separator: "\n")
  }

  public func html(in language: NoticeLanguage) -> String {
    DeadlineReminder.paragraphs(text(in: language))
  }

  static func label(_ severity: Notify.Severity, _ language: NoticeLanguage) -> String {
    switch (severity, language) {
    case (.critical, .indonesian): "KRITIS"
    case (.warning, .indonesian): "PERINGATAN"
    case (.info, .indonesian): "INFO"
    case (.critical, .english): "CRITICAL"
    case (.warning, .english): "WARNING"
    case (.info, .english): "INFO"
    }
  }

  static func label(_ event: AlertLedger.RoutedEvent, _ language: NoticeLanguage) -> String {
    switch (event.kind, event.resolved, language) {
    case (.siteDown, false, .indonesian): "Situs tidak dapat diakses"
    case (.siteDown, true, .indonesian): "Situs kembali dapat diakses"
    case (.siteStale, false, .indonesian): "Situs tidak diperbarui"
    case (.siteStale, true, .indonesian): "Situs diperbarui kembali"
    case (.certificateExpiring, false, .indonesian): "Sertifikat TLS segera habis"
    case (.certificateExpiring, true, .indonesian): "Sertifikat TLS diperbarui"
    case (.notice, false, .indonesian): "Pemberitahuan"
    case (.notice, true, .indonesian): "Pemberitahuan selesai"
    case (.siteDown, false, .english): "Site down"
    case (.siteDown, true, .english): "Site recovered"
    case (.siteStale, false, .english): "Site not updated"
    case (.siteStale, true, .english): "Site updated again"
    case (.certificateExpiring, false, .english): "TLS certificate expiring"
    case (.certificateExpiring, true, .english): "TLS certificate renewed"
    case (.notice, false, .english): "Notice"
    case (.notice, true, .english): "Notice resolved"
    }
  }
}
