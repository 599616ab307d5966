/// The bounds a ``CBORDecoder`` enforces on untrusted input before it allocates anything for it.
public struct CBORLimits: Sendable, Hashable {
  /// The largest input accepted, in bytes. Default 4 MiB, gRPC's default message size.
  public var maxInputSize: Int
  /// How many arrays, maps and tags may enclose one another. Default 64.
  public var maxDepth: Int
  /// The longest text or byte string accepted, in bytes (the sum of the chunks of an
  /// indefinite-length string). Default 1 MiB.
  public var maxStringLength: Int

  /// The defaults: 4 MiB input, depth 64, strings up to 1 MiB.
  public static let `default` = CBORLimits(
    maxInputSize: 4 * 1024 * 1024,
    maxDepth: 64,
    maxStringLength: 1024 * 1024
  )

  /// Limits with the given bounds.
  public init(maxInputSize: Int, maxDepth: Int, maxStringLength: Int) {
    self.maxInputSize = maxInputSize
    self.maxDepth = maxDepth
    self.maxStringLength = maxStringLength
  }
}
