/// A methodology file that cannot be used, with what is wrong in it: the service refuses to start.
public struct MethodologyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file, or the version when there is no file.
  public var source: String
  /// What is wrong, naming the dimension or indicator.
  public var problem: String

  /// An error about `source`.
  public init(source: String, problem: String) {
    self.source = source
    self.problem = problem
  }

  public var description: String { "methodology \(source): \(problem)" }
}
