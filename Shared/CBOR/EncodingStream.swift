/// The bytes of one encode, written as `encode(to:)` runs, and the maps and arrays still open.
///
/// A container's head is written with a one-byte count when it opens and patched when it closes
/// (widened in place in the rare case of 24 or more entries), so nothing is built and copied
/// later. That needs `Encodable` types to write in order, as synthesized and almost all hand-written
/// conformances do: a container closes once anything outside it is written. Writing to a closed
/// container, filling a value's slot twice or encoding a map key twice is an `EncodingError`.
final class EncodingStream {
  /// A map or array not yet closed.
  private struct OpenContainer {
    let id: Int
    /// The slot the container fills.
    let slot: Int
    let headOffset: Int
    let isMap: Bool
    /// Where this map's keys start in ``keys``.
    let keysStart: Int
    var count = 0
  }

  /// No slot is waiting for a value.
  private static let noSlot = -1

  // Unchecked exclusivity: one encode runs on one thread and no access to these overlaps another,
  // and the dynamic checks cost about a tenth of an encode.
  @exclusivity(unchecked) var writer = CBORWriter(reservingCapacity: 1024)
  @exclusivity(unchecked) private var open: [OpenContainer] = []
  /// Where the keys of open maps were written (their UTF-8 in ``writer``), to refuse a repeated key.
  @exclusivity(unchecked) private var keys: [Range<Int>] = []
  /// The slot an entry was just made for, whose value comes next.
  @exclusivity(unchecked) private var pendingSlot = 0
  @exclusivity(unchecked) private var nextID = 1
  /// The first misuse seen; everything after it is ignored and `finish` throws it.
  @exclusivity(unchecked) private var failure: EncodingError?
  /// Whether ``failure`` is set: a plain flag is much cheaper to test on every write.
  @exclusivity(unchecked) private var hasFailed = false

  /// The top-level value's slot.
  static let rootSlot = 0

  init() {}

  /// The coding path of the value now being encoded: the latest entry of every open container.
  var codingPath: [any CodingKey] { codingPath(throughDepth: open.count) }

  /// The coding path of the container at `depth`.
  func codingPath(throughDepth depth: Int) -> [any CodingKey] {
    open.prefix(depth).map { container in
      guard container.isMap else { return CBORCodingKey(intValue: container.count - 1) }
      guard container.count > 0 else { return CBORCodingKey(stringValue: "") }
      let last = keys[container.keysStart + container.count - 1]
      return CBORCodingKey(stringValue: String(decoding: writer.bytes[last], as: UTF8.self))
    }
  }

  /// Claims `slot` for a single value; false (after recording why) if the slot is not the one
  /// waiting for a value.
  func fill(_ slot: Int) -> Bool {
    guard !hasFailed else { return false }
    guard pendingSlot == slot else {
      fail("A value was encoded twice, or after the container it belongs to was closed")
      return false
    }
    pendingSlot = Self.noSlot
    return true
  }

  /// Opens a map or array in `slot`, or returns the one already open there (a type and its super
  /// class can share one map). Nil after a misuse.
  func openContainer(isMap: Bool, in slot: Int) -> (id: Int, depth: Int)? {
    if !hasFailed, pendingSlot != slot,
      let depth = open.lastIndex(where: { $0.slot == slot }), open[depth].isMap == isMap
    {
      return (open[depth].id, depth)
    }
    guard fill(slot) else { return nil }
    let container = OpenContainer(
      id: nextID,
      slot: slot,
      headOffset: writer.bytes.count,
      isMap: isMap,
      keysStart: keys.count
    )
    nextID += 1
    writer.writeHead(isMap ? CBORMajorType.map : CBORMajorType.array, 0)
    open.append(container)
    return (container.id, open.count - 1)
  }

  /// Starts an entry of the container `id` at `depth`: closes what is open inside it, writes the
  /// key of a map entry, and returns the new slot for the entry's value. Nil after a misuse.
  func beginEntry(of id: Int, at depth: Int, key: String?) -> Int? {
    guard !hasFailed else { return nil }
    guard depth < open.count, open[depth].id == id else {
      let what = key.map { "The value for \"\($0)\"" } ?? "An array element"
      fail("\(what) was written to a container after something outside it was written")
      return nil
    }
    settlePendingSlot()
    while open.count > depth + 1 { close() }
    if let key {
      let written = writer.writeText(key)
      if writer.containsRepeat(of: written, among: keys[open[depth].keysStart...]) {
        fail("The key \"\(key)\" was encoded twice in one map")
        return nil
      }
      keys.append(written)
    }
    open[depth].count += 1
    pendingSlot = nextID
    nextID += 1
    return pendingSlot
  }

  /// Starts an entry and writes a value the writer writes whole.
  func writeEntry(of id: Int, at depth: Int, key: String?, _ write: (inout CBORWriter) -> Void) {
    guard let slot = beginEntry(of: id, at: depth, key: key), fill(slot) else { return }
    write(&writer)
  }

  /// Closes everything and returns the bytes, or throws the first misuse.
  func finish() throws -> [UInt8] {
    if let failure { throw failure }
    settlePendingSlot()
    while !open.isEmpty { close() }
    return writer.bytes
  }

  /// A slot whose value wrote nothing (an empty `encode(to:)`) holds an empty map.
  private func settlePendingSlot() {
    guard pendingSlot != Self.noSlot else { return }
    pendingSlot = Self.noSlot
    writer.writeHead(CBORMajorType.map, 0)
  }

  private func close() {
    settlePendingSlot()
    let container = open.removeLast()
    if container.isMap {
      while keys.count > container.keysStart { keys.removeLast() }
    }
    writer.patchHead(at: container.headOffset, count: container.count)
  }

  private func fail(_ message: String) {
    guard !hasFailed else { return }
    hasFailed = true
    failure = .invalidValue(
      (),
      .init(codingPath: codingPath, debugDescription: "CBOREncoder writes in order. \(message).")
    )
  }
}
