/// Where the larger arrays and maps of a validated input end, recorded while validating so that
/// decoding can step over them without walking their contents again.
///
/// Keyed containers find a key's value by stepping over the values before it, and unkeyed ones step
/// from element to element; without this, nested content would be walked once per level above it.
/// Containers are recorded in the order they start, and decoding looks them up in about that
/// order, so a lookup first tries where the last one was found.
final class ContainerEnds {
  /// Containers spanning fewer bytes than this are cheaper to walk than to look up.
  static let minimumSpan = 32

  // Unchecked exclusivity: one decode runs on one thread and no access to these overlaps another.
  @exclusivity(unchecked) private var starts: [Int] = []
  @exclusivity(unchecked) private var ends: [Int] = []
  /// Where the last lookup succeeded.
  @exclusivity(unchecked) private var hint = 0

  /// Records that a container starts at `start`, before its contents are walked; returns the
  /// ticket to pass to ``recordEnd(_:of:)``.
  func recordStart(_ start: Int) -> Int {
    starts.append(start)
    ends.append(start)
    return starts.count - 1
  }

  /// Records where the container of `ticket` ends. One spanning less than ``minimumSpan`` is
  /// dropped: anything recorded inside it is smaller still and was dropped already, so it is last.
  func recordEnd(_ end: Int, of ticket: Int) {
    if end - starts[ticket] < Self.minimumSpan && ticket == starts.count - 1 {
      starts.removeLast()
      ends.removeLast()
    } else {
      ends[ticket] = end
    }
  }

  /// The end of the recorded container that starts at `start`, if there is one.
  func end(ofContainerAt start: Int) -> Int? {
    for guess in hint..<min(hint + 2, starts.count) where starts[guess] == start {
      hint = guess
      return ends[guess]
    }
    var low = 0
    var high = starts.count
    while low < high {
      let middle = (low + high) / 2
      if starts[middle] < start { low = middle + 1 } else { high = middle }
    }
    guard low < starts.count && starts[low] == start else { return nil }
    hint = low
    return ends[low]
  }
}
