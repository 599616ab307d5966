internal import Foundation
internal import IPPSchema
public import RPC
public import RPCCore

/// The file of callers a service accepts: one `<sha256 hex of the token> <role> <name> [region]`
/// per line, `#` comments. Only hashes are stored; `ippctl` or `make run` write the lines.
public enum TokenFile {
  /// An authenticator for every line of the file at `path`.
  public static func load(_ path: String) throws(ConfigurationError) -> Authenticator {
    var authenticator = Authenticator()
    for line in try CommentedLines.read(path, key: "tokens.file", what: "the token file") {
      let fields = line.text.split(whereSeparator: \.isWhitespace).map(String.init)
      guard (3...4).contains(fields.count) else {
        throw ConfigurationError(
          key: "tokens.file",
          source: "\(path):\(line.number)",
          problem: "expected <sha256 hex> <role> <name> [region]"
        )
      }
      do {
        // A scope is checked against the official list: a typo would otherwise deny everything.
        let scope = try fields.count == 4 ? RegionCode(fields[3]).rawValue : nil
        try authenticator.add(
          tokenHashHex: fields[0],
          as: Principal(name: fields[2], role: Principal.Role(fields[1]), scope: scope)
        )
      } catch {
        throw ConfigurationError(
          key: "tokens.file",
          source: "\(path):\(line.number)",
          problem: RPCError(converting: error).message
        )
      }
    }
    return authenticator
  }

  /// The line that admits `token` as `name` with `role` (and `region`, if limited to one).
  public static func line(
    for token: String,
    role: Principal.Role,
    name: String,
    region: String? = nil
  )
    -> String
  {
    ([Authenticator.hashHex(of: token), role.rawValue, name] + (region.map { [$0] } ?? [])).joined(
      separator: " "
    )
  }
}
