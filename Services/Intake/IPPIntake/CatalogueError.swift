/// A catalogue that cannot be used, and what is wrong with it: the service refuses to start.
public struct CatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file.
  public var source: String
  /// What is wrong, naming the indicator or rule.
  public var problem: String

  public init(source: String, problem: String) {
    self.source = source
    self.problem = problem
  }

  public var description: String { "catalogue \(source): \(problem)" }
}
