internal import CNGHTTP2

/// One HTTP/2 header field, name in lowercase.
struct HTTP2Header: Sendable, Hashable {
  /// The name, lowercase (`:path`, `content-type`, `authorization`).
  var name: String
  var value: String

  init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

extension Array where Element == HTTP2Header {
  /// The first value of `name`.
  subscript(name: String) -> String? {
    first { $0.name == name }?.value
  }

  /// Calls `body` with these headers as nghttp2 name-value pairs; the pointers live for the call
  /// only (nghttp2 copies what it submits). The bytes and pairs are in temporary (stack) storage:
  /// a call submits a few header blocks, and each would otherwise cost three allocations.
  func withNameValuePairs<Result>(_ body: (UnsafePointer<nghttp2_nv>, Int) -> Result) -> Result {
    let byteCount = reduce(1) { $0 + $1.name.utf8.count + $1.value.utf8.count }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCount) { storage in
      withUnsafeTemporaryAllocation(of: nghttp2_nv.self, capacity: Swift.max(count, 1)) { pairs in
        var position = 0
        for (index, header) in enumerated() {
          let name = storage.baseAddress! + position
          position = Self.copy(header.name, into: storage, at: position)
          let value = storage.baseAddress! + position
          position = Self.copy(header.value, into: storage, at: position)
          pairs.initializeElement(
            at: index,
            to: nghttp2_nv(
              name: name,
              value: value,
              namelen: header.name.utf8.count,
              valuelen: header.value.utf8.count,
              flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue)
            )
          )
        }
        defer { pairs.baseAddress!.deinitialize(count: count) }
        return body(pairs.baseAddress!, count)
      }
    }
  }

  /// Copies the UTF-8 of `text` into `storage` at `position`; returns the position after it.
  private static func copy(
    _ text: String,
    into storage: UnsafeMutableBufferPointer<UInt8>,
    at position: Int
  )
    -> Int
  {
    var end = position
    for byte in text.utf8 {
      storage[end] = byte
      end += 1
    }
    return end
  }
}
