/// What a test waited for and did not see in time.
public struct NotWithin: Error, CustomStringConvertible {
  public let description: String
}

/// Polls `condition` until it holds, failing after 120 s: for what real services do on their own
/// (publishing, reading progress, mailing), never to measure time.
public func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
  _ = try await eventuallyValue(what) { try await condition() ? true : nil }
}

/// Polls `value` until it answers something, failing after 120 s.
public func eventuallyValue<Value>(_ what: String, _ value: () async throws -> Value?) async throws -> Value {
  let deadline = ContinuousClock.now + .seconds(120)
  while true {
    if let answer = try await value() { return answer }
    guard ContinuousClock.now < deadline else { throw NotWithin(description: "not within 120 s: \(what)") }
    try await Task.sleep(for: .milliseconds(250))
  }
}
