import Logging
import Synchronization

/// Keeps every line a logger writes, at every level, for a test to read.
final class LogCapture: Sendable {
  struct Entry: Sendable {
    var level: Logger.Level
    var message: String
    var metadata: [String: String]
  }

  let entries = Mutex<[Entry]>([])

  var handler: any LogHandler { Handler(capture: self) }

  private struct Handler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      let merged = metadata.merging(event.metadata ?? [:]) { $1 }
      capture.entries.withLock {
        $0.append(
          Entry(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" })
        )
      }
    }
  }
}
