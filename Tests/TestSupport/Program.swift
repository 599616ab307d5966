public import Foundation

/// Runs programs nobody here wrote (python3, curl, openssl, systemd-analyze) for tests.
public enum Program {
  /// What a program did.
  public struct Result: Sendable {
    /// Its exit status.
    public var status: Int32
    /// Its standard output.
    public var output: Data
    /// Its standard error.
    public var errors: String

    /// Standard output as text, without surrounding whitespace.
    public var text: String {
      String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  /// Runs `arguments` (the first found on PATH), with `input` on standard input and `environment`
  /// added to this process's, and waits for it on a thread of its own: blocking the few threads
  /// of Swift's cooperative pool would starve the servers under test that the program talks to.
  public static func run(
    _ arguments: [String],
    input: [UInt8] = [],
    environment: [String: String] = [:]
  )
    async throws -> Result
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
          try process.run()
          stdin.fileHandleForWriting.write(Data(input))
          try stdin.fileHandleForWriting.close()
        } catch {
          return continuation.resume(throwing: error)
        }
        // Standard error is read on another thread so that neither pipe can fill and block.
        let errors = Pipe.Collector(stderr)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        continuation.resume(
          returning: Result(
            status: process.terminationStatus,
            output: output,
            errors: String(decoding: errors.wait(), as: UTF8.self)
          )
        )
      }
    }
  }
}

extension Pipe {
  /// Reads a pipe to its end on a thread of its own.
  fileprivate final class Collector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
      Thread.detachNewThread {
        self.data = pipe.fileHandleForReading.readDataToEndOfFile()
        self.done.signal()
      }
    }

    func wait() -> Data {
      done.wait()
      return data
    }
  }
}
