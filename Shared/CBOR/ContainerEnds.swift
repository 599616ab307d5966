/// Where the larger arrays and maps of a validated input end, recorded while validating so that
/// decoding can step over them without walking their contents again.
///
/// Keyed containers find a key's value by stepping over the values before it, and unkeyed ones step
/// from element to element; without this, nested content would be walked once per level above it.
final class ContainerEnds {
  /// Containers spanning fewer bytes than this are cheaper to walk than to look up.
  static let minimumSpan = 32

  private var starts: [Int] = []
  private var ends: [Int] = []
  private var isSorted = true

  func record(start: Int, end: Int) {
    guard end - start >= Self.minimumSpan else { return }
    if let last = starts.last, last > start { isSorted = false }
    starts.append(start)
    ends.append(end)
  }

  /// Sorts what was recorded (validation records inner containers before outer ones).
  func finishRecording() {
    guard !isSorted else { return }
    let order = starts.indices.sorted { starts[$0] < starts[$1] }
    starts = order.map { starts[$0] }
    ends = order.map { ends[$0] }
    isSorted = true
  }

  /// The end of the recorded container that starts at `start`, if there is one.
  func end(ofContainerAt start: Int) -> Int? {
    var low = 0
    var high = starts.count
    while low < high {
      let middle = (low + high) / 2
      if starts[middle] < start { low = middle + 1 } else { high = middle }
    }
    return low < starts.count && starts[low] == start ? ends[low] : nil
  }
}
