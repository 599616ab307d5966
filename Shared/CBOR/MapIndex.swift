internal import Foundation

/// The text keys of one CBOR map with the offsets of their values, built once when a keyed
/// container is made. Small maps are searched by comparing key bytes in place; maps above
/// ``linearSearchLimit`` keys, or with chunked keys, are hashed. Keys that are not text are
/// ignored; a repeated text key is an error.
///
/// Not generic, so that the work is compiled once and specialized, whatever the container's key type.
struct MapIndex {
  /// A text key, as bytes in the input, and where its value starts.
  private struct Entry {
    var keyStart: Int
    var keyLength: Int
    var valueOffset: Int
  }

  static let linearSearchLimit = 16

  private let input: UnsafeRawBufferPointer
  private var entries: [Entry] = []
  private var hashed: [String: Int]? = nil

  /// Indexes the map whose head is `head`, in an input already validated whole.
  init(reader: CBORReader, mapHead head: CBORReader.Head) throws {
    input = reader.input
    var chunkedKeys: [(String, Int)] = []
    var position = head.next
    var remaining = head.isIndefinite ? Int.max : Int(head.argument)
    if !head.isIndefinite { entries.reserveCapacity(remaining) }
    while remaining > 0 && input[position] != CBORSimple.breakByte {
      let keyHead = try reader.head(at: position)
      let valueOffset: Int
      if keyHead.majorType == CBORMajorType.text && !keyHead.isIndefinite {
        // The input was validated whole: the key's bytes are there.
        valueOffset = keyHead.next + Int(keyHead.argument)
        entries.append(
          Entry(keyStart: keyHead.next, keyLength: Int(keyHead.argument), valueOffset: valueOffset))
      } else {
        valueOffset = try reader.end(ofItemAt: position, depth: 0, validatingText: false)
        if keyHead.majorType == CBORMajorType.text {
          let key = try reader.withStringContent(keyHead, at: position) {
            String(decoding: $0, as: UTF8.self)
          }.0
          chunkedKeys.append((key, valueOffset))
        }
      }
      position = try reader.end(ofItemAt: valueOffset, depth: 0, validatingText: false)
      remaining -= 1
    }
    if entries.count + chunkedKeys.count > Self.linearSearchLimit || !chunkedKeys.isEmpty {
      try hashEntries(adding: chunkedKeys)
    } else {
      try checkNoDuplicateKeys()
    }
  }

  /// Every text key, in map order for small maps.
  var keys: [String] {
    if let hashed { return Array(hashed.keys) }
    return entries.map(keyText)
  }

  /// Where the value for `key` starts, or nil if the map has no such key.
  func valueOffset(forKey key: String) -> Int? {
    if let hashed { return hashed[key] }
    var key = key
    return key.withUTF8 { wanted in
      for entry in entries where entry.keyLength == wanted.count {
        if wanted.isEmpty
          || memcmp(input.baseAddress! + entry.keyStart, wanted.baseAddress!, wanted.count) == 0
        {
          return entry.valueOffset
        }
      }
      return nil
    }
  }

  private func keyText(_ entry: Entry) -> String {
    String(
      decoding: UnsafeRawBufferPointer(start: input.baseAddress! + entry.keyStart, count: entry.keyLength),
      as: UTF8.self)
  }

  private mutating func hashEntries(adding chunkedKeys: [(String, Int)]) throws {
    var table: [String: Int] = [:]
    table.reserveCapacity(entries.count + chunkedKeys.count)
    for (key, valueOffset) in entries.map({ (keyText($0), $0.valueOffset) }) + chunkedKeys {
      guard table.updateValue(valueOffset, forKey: key) == nil else { throw DuplicateKey(key: key) }
    }
    hashed = table
  }

  private func checkNoDuplicateKeys() throws {
    guard entries.count > 1 else { return }
    for index in 1..<entries.count {
      let entry = entries[index]
      for earlier in 0..<index where entries[earlier].keyLength == entry.keyLength {
        if memcmp(
          input.baseAddress! + entries[earlier].keyStart, input.baseAddress! + entry.keyStart, entry.keyLength
        )
          == 0
        {
          throw DuplicateKey(key: keyText(entry))
        }
      }
    }
  }

  /// A map with a text key more than once.
  struct DuplicateKey: Error {
    var key: String
  }
}
