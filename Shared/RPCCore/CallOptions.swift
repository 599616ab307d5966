/// Options for one call.
public struct CallOptions: Sendable {
  /// How long to wait; sent as `grpc-timeout`.
  public var timeout: Duration?
  /// An absolute deadline, such as the one a handler got with its own call: the remaining budget
  /// is passed on. The earlier of this and ``timeout`` applies.
  public var deadline: ContinuousClock.Instant?
  /// Extra request metadata.
  public var metadata: Metadata

  /// Options with an optional timeout, deadline and metadata.
  public init(timeout: Duration? = nil, deadline: ContinuousClock.Instant? = nil, metadata: Metadata = [:]) {
    self.timeout = timeout
    self.deadline = deadline
    self.metadata = metadata
  }

  /// The earlier of ``deadline`` and now plus ``timeout``; nil when neither is set.
  public var effectiveDeadline: ContinuousClock.Instant? {
    [deadline, timeout.map { ContinuousClock.now + $0 }].compactMap { $0 }.min()
  }
}
