/// Input that is not well-formed CBOR (RFC 8949 §3 and Appendix C) or breaks a ``CBORLimits`` bound,
/// with the byte offset where reading stopped. The decoder reports it as a `DecodingError`.
struct MalformedCBOR: Error {
  var offset: Int
  var reason: String

  init(at offset: Int, _ reason: String) {
    self.offset = offset
    self.reason = reason
  }

  var description: String { "Malformed CBOR at byte \(offset): \(reason)" }
}
