internal import Synchronization

/// What a service's methods and its background work share in one run: put by
/// ``ServiceDefinition/registerMethods``, taken by ``ServiceDefinition/backgroundWork`` (a
/// prober whose connections the background work closes at shutdown, for one). Each run has its
/// own, so nothing is carried from one run to the next.
public final class ServiceShelf: Sendable {
  private let items = Mutex<[String: any Sendable]>([:])

  public init() {}

  /// Keeps `item` under `key`, in place of what was there.
  public func put(_ item: any Sendable, as key: String) {
    items.withLock { $0[key] = item }
  }

  /// What is kept under `key`, if it is a `T`.
  public func item<T: Sendable>(_ key: String, as type: T.Type = T.self) -> T? {
    items.withLock { $0[key] as? T }
  }
}
