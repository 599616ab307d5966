internal import Foundation

/// A command's steps on standard error: a bar redrawn in place on a terminal, one plain line per
/// step otherwise (a log, a pipe, a cron job's mail).
final class StepProgress {
  private let steps: [String]
  private var done = 0
  private let isTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1

  init(steps: [String]) {
    self.steps = steps
  }

  /// The next step begins, described by `text`.
  func start(_ text: String) {
    let index = min(done, steps.count - 1)
    if isTerminal {
      let width = 20
      let filled = width * index / steps.count
      let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      write("\r\u{1B}[2K[\(bar)] \(index + 1)/\(steps.count) \(text)")
    } else {
      write("\(steps[index]): \(text)\n")
    }
    done = index + 1
  }

  /// Every step is over.
  func finish() {
    if isTerminal { write("\r\u{1B}[2K[\(String(repeating: "#", count: 20))] done\n") }
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
