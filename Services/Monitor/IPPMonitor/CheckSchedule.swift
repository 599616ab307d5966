public import Foundation

/// How often a kind of check comes round for each site, and how many run at once: each site again
/// `interval` later, give or take `jitter` (a share of it), so that 553 sites do not all fall on
/// the same second.
public struct CheckSchedule: Sendable {
  public var interval: TimeInterval
  public var jitter: Double
  public var concurrency: Int
  /// A number in 0..<1; the system's generator unless a test fixes it.
  public var random: @Sendable () -> Double

  public init(
    interval: TimeInterval,
    jitter: Double = 0.1,
    concurrency: Int,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.interval = interval
    self.jitter = jitter
    self.concurrency = concurrency
    self.random = random
  }

  /// When a site checked at `now` is due again.
  public func next(after now: Date) -> Date {
    now + interval * (1 + jitter * (2 * random() - 1))
  }
}
