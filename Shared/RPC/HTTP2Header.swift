internal import CNGHTTP2

/// One HTTP/2 header field, name in lowercase.
public struct HTTP2Header: Sendable, Hashable {
  /// The name, lowercase (`:path`, `content-type`, `authorization`).
  public var name: String
  /// The value.
  public var value: String

  /// A header field.
  public init(_ name: String, _ value: String) {
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
  /// only (nghttp2 copies what it submits).
  func withNameValuePairs<Result>(_ body: (UnsafePointer<nghttp2_nv>, Int) -> Result) -> Result {
    var storage: [UInt8] = []
    var ranges: [(name: Range<Int>, value: Range<Int>)] = []
    for header in self {
      let nameStart = storage.count
      storage.append(contentsOf: header.name.utf8)
      let valueStart = storage.count
      storage.append(contentsOf: header.value.utf8)
      ranges.append((nameStart..<valueStart, valueStart..<storage.count))
    }
    storage.append(0)  // so that the base address is never nil
    return storage.withUnsafeMutableBufferPointer { bytes in
      let pairs = ranges.map { range in
        nghttp2_nv(
          name: bytes.baseAddress! + range.name.lowerBound,
          value: bytes.baseAddress! + range.value.lowerBound,
          namelen: range.name.count, valuelen: range.value.count, flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
      }
      return pairs.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }
  }
}
