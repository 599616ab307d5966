public import Logging
public import Foundation

/// One plain line per event on standard error, made for journald: `LEVEL message key=value ...`,
/// metadata keys dotted (`ipp.method`). Under journald (`JOURNAL_STREAM` set) the line starts with
/// a syslog priority prefix (`<6>`) so journald files it at the right level, and carries no
/// timestamp, since journald adds its own; elsewhere it starts with an ISO 8601 time.
public struct PlainLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  private let label: String
  private let underJournald: Bool

  /// A handler for `label` logging at `level` and above.
  public init(
    label: String,
    level: Logger.Level,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.label = label
    self.logLevel = level
    self.underJournald = environment["JOURNAL_STREAM"] != nil
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    FileHandle.standardError.write(Data((format(event) + "\n").utf8))
  }

  /// The line for an event, without its newline.
  func format(_ event: LogEvent) -> String {
    var line = underJournald ? "<\(Self.syslogPriority(event.level))>" : Date().formatted(.iso8601) + " "
    line += "\(event.level.rawValue.uppercased()) \(label): \(event.message)"
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
      let text = "\(value)"
      line +=
        " \(key)="
        + (text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
          ? "\"\(text.replacingOccurrences(of: "\"", with: "\\\""))\"" : text)
    }
    return line.replacingOccurrences(of: "\n", with: "\\n")
  }

  private static func syslogPriority(_ level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }
}
