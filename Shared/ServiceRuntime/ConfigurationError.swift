/// A configuration value that cannot be used, named by its key: the one line a service prints
/// before it refuses to start.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The key, as written in the file (`rpc.port`).
  public var key: String
  /// Where the value came from: a file and line, an environment variable, a flag.
  public var source: String
  /// What is wrong.
  public var problem: String

  /// An error about `key`.
  public init(key: String, source: String, problem: String) {
    self.key = key
    self.source = source
    self.problem = problem
  }

  public var description: String { "configuration: \(key) (\(source)): \(problem)" }
}
