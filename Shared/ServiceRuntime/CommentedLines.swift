internal import Foundation

/// The lines that mean something in the project's line-based files (configuration, tokens):
/// `#` starts a comment, surrounding whitespace goes, blank lines are skipped, and each line
/// keeps its number for error messages.
enum CommentedLines {
  /// The lines of the file at `path`; a file that cannot be read is a configuration error of
  /// `key`, described as `what`.
  static func read(
    _ path: String,
    key: String,
    what: String
  ) throws(ConfigurationError)
    -> [(number: Int, text: String)]
  {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigurationError(key: key, source: path, problem: "\(what) cannot be read")
    }
    var lines: [(number: Int, text: String)] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = (rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        .trimmingCharacters(in: .whitespaces)
      if !line.isEmpty { lines.append((index + 1, line)) }
    }
    return lines
  }
}
