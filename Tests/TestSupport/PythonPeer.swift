public import Foundation

/// A peer written in Python that a test starts and talks to (an SMTP server, a webhook receiver,
/// a web farm): `python3 -c script arguments...`, running until its standard input closes. Its
/// first line of output is `READY` and what it says about itself (its ports), read before this
/// returns.
public final class PythonPeer: @unchecked Sendable {
  /// The words after `READY`.
  public let ready: [String]
  private let process = Process()
  private let stdin = Pipe()

  /// Why a peer did not start.
  public struct NotReady: Error, CustomStringConvertible {
    public let description: String
  }

  public init(script: String, arguments: [String], environment: [String: String] = [:]) throws {
    let stdout = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = stdin
    process.standardOutput = stdout
    // A peer's tracebacks for what tests do on purpose (a client refusing its certificate) would
    // only bury the test output.
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Its first line (a read interrupted by a signal is tried again).
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 256)
    while !output.contains(UInt8(ascii: "\n")) {
      let count = read(stdout.fileHandleForReading.fileDescriptor, &chunk, chunk.count)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      output += chunk[..<count]
    }
    let line = String(decoding: output, as: UTF8.self)
    let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
    guard words.first == "READY" else {
      throw NotReady(description: "the Python peer did not start: \(line)")
    }
    ready = Array(words.dropFirst())
  }

  /// Closes its standard input and waits for it to end.
  public func stop() {
    stdin.fileHandleForWriting.closeFile()
    process.waitUntilExit()
  }
}
