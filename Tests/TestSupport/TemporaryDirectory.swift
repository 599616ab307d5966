public import Foundation

/// A new directory under the system's temporary directory, removed with everything in it when
/// the last reference to this goes away: tests leave nothing behind.
public final class TemporaryDirectory: Sendable {
  /// The directory.
  public let url: URL

  /// A new, empty directory named `<prefix>-<uuid>`.
  public init(_ prefix: String) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Its path.
  public var path: String { url.path }

  /// A path inside it.
  public func appending(_ name: String) -> URL { url.appendingPathComponent(name) }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }
}
