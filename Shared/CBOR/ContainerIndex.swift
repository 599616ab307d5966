internal import Foundation

/// What validating an input learned about its arrays and maps, so that decoding does not walk
/// them again: where the larger containers end, and every map's text keys with the offsets of
/// their values (a tape, as simdjson keeps one).
///
/// Keyed containers find a key's value here instead of stepping over the values before it, and
/// unkeyed ones step from element to element over recorded ends; without this, nested content
/// would be walked once per level above it. Containers are recorded in the order they start, and
/// decoding looks them up in about that order, so a lookup first tries where the last one was found.
final class ContainerIndex {
  /// One text key of a map: its UTF-8 bytes (in the input, or in ``joinedKeys`` for a key sent
  /// in chunks) and where its value starts.
  struct Key {
    /// Offset of the key's bytes in the input; for a chunked key, `-1 - ` its offset in
    /// ``joinedKeys``.
    var start: Int
    var length: Int
    var valueOffset: Int
  }

  /// A recorded container's position in the index, for looking its keys up.
  typealias Container = Int

  /// Arrays spanning fewer bytes than this are cheaper to walk than to look up. Maps are always
  /// recorded, for their keys.
  static let minimumSpan = 32

  /// One array or map.
  private struct Record {
    var start: Int
    var end: Int
    /// For a map, the range of its keys in `keys` (while it is walked, the first of its keys in
    /// `keysOfOpenMaps`); nil for an array.
    var keys: Range<Int>?
    /// For a map, where the next key lookup starts: just after the last key found, since types
    /// usually read their keys in the order they were written.
    var nextKeyGuess: Int
    /// The map's keys were found to be distinct (by ``repeatedKey(in:input:)``).
    var keysAreDistinct = false
  }

  // Unchecked exclusivity: one decode runs on one thread and no access to these overlaps another.
  /// In the order the containers start.
  @exclusivity(unchecked) private var records: [Record] = []
  /// The keys of every map, each map's keys together.
  @exclusivity(unchecked) private var keys: [Key] = []
  /// Keys of the maps still being walked, innermost map's last; moved to `keys` when its map ends.
  @exclusivity(unchecked) private var keysOfOpenMaps: [Key] = []
  /// The bytes of keys sent in chunks, joined.
  @exclusivity(unchecked) private var joinedKeys: [UInt8] = []
  /// Where the last lookup succeeded.
  @exclusivity(unchecked) private var hint = 0

  // MARK: Recording, while validating

  /// Records that a container starts at `start`, before its contents are walked; returns the
  /// ticket to pass to ``recordEnd(_:of:)``.
  func recordStart(_ start: Int, isMap: Bool) -> Int {
    records.append(
      Record(
        start: start,
        end: start,
        keys: isMap ? keysOfOpenMaps.count..<keysOfOpenMaps.count : nil,
        nextKeyGuess: 0
      )
    )
    return records.count - 1
  }

  /// Records a key of the innermost map being walked: the item at `offset`, whose value starts at
  /// `valueOffset`. Keys that are not text are not recorded: no keyed container can ask for them.
  func recordKey(at offset: Int, valueOffset: Int, reader: CBORReader) throws {
    let head = try reader.head(at: offset)
    guard head.majorType == CBORMajorType.text else { return }
    if !head.isIndefinite {
      keysOfOpenMaps.append(Key(start: head.next, length: Int(head.argument), valueOffset: valueOffset))
      return
    }
    let joinedStart = joinedKeys.count
    _ = try reader.withStringContent(head, at: offset) { joinedKeys.append(contentsOf: $0) }
    keysOfOpenMaps.append(
      Key(start: -1 - joinedStart, length: joinedKeys.count - joinedStart, valueOffset: valueOffset)
    )
  }

  /// Records where the container of `ticket` ends. An array, or a map without text keys, spanning
  /// less than ``minimumSpan`` is dropped when nothing was recorded after it (so nothing inside
  /// it), so that records grow with text keys and larger containers, not with every byte.
  func recordEnd(_ end: Int, of ticket: Int) {
    if let open = records[ticket].keys, open.lowerBound < keysOfOpenMaps.count {
      let first = keys.count
      for index in open.lowerBound..<keysOfOpenMaps.count { keys.append(keysOfOpenMaps[index]) }
      keysOfOpenMaps.removeLast(keysOfOpenMaps.count - open.lowerBound)
      records[ticket].keys = first..<keys.count
      records[ticket].nextKeyGuess = first
      records[ticket].end = end
    } else if end - records[ticket].start < Self.minimumSpan && ticket == records.count - 1 {
      records.removeLast()
    } else {
      if records[ticket].keys != nil { records[ticket].keys = keys.count..<keys.count }
      records[ticket].end = end
    }
  }

  // MARK: Looking up, while decoding

  /// The end of the recorded container that starts at `start`, if there is one.
  func end(ofContainerAt start: Int) -> Int? {
    container(at: start).map { records[$0].end }
  }

  /// The recorded map whose head is at `start`, or nil for a small map without text keys, which is
  /// not recorded.
  func map(at start: Int) -> Container? {
    guard let container = container(at: start), records[container].keys != nil else { return nil }
    return container
  }

  /// Where the value for `key` starts in `map`, or nil if the map has no such text key.
  func valueOffset(forKey key: String, in map: Container?, input: UnsafeRawBufferPointer) -> Int? {
    guard let map, let range = records[map].keys, !range.isEmpty else { return nil }
    var key = key
    return key.withUTF8 { wanted in
      var candidate = records[map].nextKeyGuess
      for _ in range {
        if candidate == range.upperBound { candidate = range.lowerBound }
        let entry = keys[candidate]
        candidate += 1
        guard entry.length == wanted.count else { continue }
        let found =
          entry.length == 0
          || (entry.start >= 0
            ? memcmp(input.baseAddress! + entry.start, wanted.baseAddress!, entry.length) == 0
            : withBytes(of: candidate - 1, input, { Self.order($0, UnsafeRawBufferPointer(wanted)) == 0 }))
        if found {
          records[map].nextKeyGuess = candidate
          return entry.valueOffset
        }
      }
      return nil
    }
  }

  /// The text keys of `map`, in map order.
  func keys(of map: Container?, input: UnsafeRawBufferPointer) -> [String] {
    guard let map, let range = records[map].keys else { return [] }
    return range.map { text(of: $0, input) }
  }

  /// A text key that `map` has more than once, if any: compared pairwise in small maps, as
  /// neighbours after sorting in large ones. A map found to have distinct keys is not compared
  /// again when another container (a superclass's, say) is made on it.
  func repeatedKey(in map: Container?, input: UnsafeRawBufferPointer) -> String? {
    guard let map, let range = records[map].keys, !records[map].keysAreDistinct else { return nil }
    func order(_ a: Int, _ b: Int) -> Int32 {
      withBytes(of: a, input) { first in withBytes(of: b, input) { Self.order(first, $0) } }
    }
    if range.count <= 16 {
      for index in range.dropFirst() {
        for earlier in range.lowerBound..<index where order(earlier, index) == 0 {
          return text(of: index, input)
        }
      }
    } else {
      let sorted = range.sorted { order($0, $1) < 0 }
      for (a, b) in zip(sorted, sorted.dropFirst()) where order(a, b) == 0 { return text(of: b, input) }
    }
    records[map].keysAreDistinct = true
    return nil
  }

  /// Orders byte strings by length, then bytes: zero when they are equal.
  private static func order(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int32 {
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    return a.isEmpty ? 0 : memcmp(a.baseAddress!, b.baseAddress!, a.count)
  }

  private func text(of index: Int, _ input: UnsafeRawBufferPointer) -> String {
    withBytes(of: index, input) { String(decoding: $0, as: UTF8.self) }
  }

  /// Calls `body` with the bytes of the key at `index`.
  private func withBytes<Result>(
    of index: Int,
    _ input: UnsafeRawBufferPointer,
    _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result {
    let key = keys[index]
    if key.length == 0 { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
    if key.start >= 0 {
      return body(UnsafeRawBufferPointer(start: input.baseAddress! + key.start, count: key.length))
    }
    return joinedKeys.withUnsafeBytes {
      body(UnsafeRawBufferPointer(start: $0.baseAddress! + (-1 - key.start), count: key.length))
    }
  }

  private func container(at start: Int) -> Container? {
    for guess in hint..<min(hint + 2, records.count) where records[guess].start == start {
      hint = guess
      return guess
    }
    var low = 0
    var high = records.count
    while low < high {
      let middle = (low + high) / 2
      if records[middle].start < start { low = middle + 1 } else { high = middle }
    }
    guard low < records.count && records[low].start == start else { return nil }
    hint = low
    return low
  }
}
