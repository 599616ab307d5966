public import Foundation
internal import Synchronization

/// Where a service reads the time of day: deadlines, windows, reminders. Injected, so tests
/// move time by hand instead of sleeping.
public protocol WallClock: Sendable {
  /// Now.
  var now: Date { get }
}

/// The system's clock.
public struct SystemClock: WallClock {
  public init() {}

  public var now: Date { Date() }
}

/// A clock that stands still until moved: for tests of time-driven behaviour.
public final class ManualClock: WallClock {
  private let current: Mutex<Date>

  /// A clock reading `start`.
  public init(_ start: Date) {
    current = Mutex(start)
  }

  public var now: Date { current.withLock { $0 } }

  /// Sets the time.
  public func set(_ date: Date) {
    current.withLock { $0 = date }
  }

  /// Moves the time on by `interval` seconds.
  public func advance(by interval: TimeInterval) {
    current.withLock { $0 += interval }
  }
}
