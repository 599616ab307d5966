extension CBORReader {
  /// Checks a whole input: one well-formed item, valid UTF-8 in every text string, within the
  /// limits, and nothing after it.
  func validateWholeInput() throws {
    guard input.count <= limits.maxInputSize else {
      throw MalformedCBOR(
        at: 0,
        "the input is \(input.count) bytes, over the limit of \(limits.maxInputSize)"
      )
    }
    let end = try end(ofItemAt: 0, depth: 0, validatingText: true)
    guard end == input.count else {
      throw MalformedCBOR(at: end, "\(input.count - end) bytes follow the item")
    }
  }

  /// The coding path from the top of the input down to the innermost item that holds `target`:
  /// map keys by name and array elements by index. Used only to report where input went wrong.
  func codingPath(to target: Int) -> [any CodingKey] {
    var path: [any CodingKey] = []
    var offset = 0
    var depth = 0
    descending: while let head = try? head(at: offset), offset < target {
      switch head.majorType {
      case CBORMajorType.tag:
        offset = head.next
        depth += 1
        continue descending
      case CBORMajorType.array, CBORMajorType.map:
        let isMap = head.majorType == CBORMajorType.map
        var position = head.next
        var index = 0
        while position < input.count, input[position] != CBORSimple.breakByte,
          head.isIndefinite || UInt64(index) < head.argument
        {
          var key: any CodingKey = CBORCodingKey(intValue: index)
          if isMap {
            guard let keyEnd = try? end(ofItemAt: position, depth: depth + 1, validatingText: true),
              keyEnd <= target
            else { return path }
            if case .text(let name)? = try? value(at: position, depth: depth + 1).0 {
              key = CBORCodingKey(stringValue: name)
            }
            position = keyEnd
          }
          guard let itemEnd = try? end(ofItemAt: position, depth: depth + 1, validatingText: true),
            itemEnd <= target
          else {
            path.append(key)
            offset = position
            depth += 1
            continue descending
          }
          position = itemEnd
          index += 1
        }
        return path
      default:
        return path
      }
    }
    return path
  }
}
