extension DecodingState {
  /// The head of the item at `offset`, looking through any tags in front of it.
  func untaggedHead(at offset: Int) throws -> (CBORReader.Head, offset: Int) {
    var offset = offset
    var head = try reader.head(at: offset)
    while head.majorType == CBORMajorType.tag {
      offset = head.next
      head = try reader.head(at: offset)
    }
    return (head, offset)
  }

  func isNil(at offset: Int) throws -> Bool {
    let head = try reader.head(at: offset)
    return head.majorType == CBORMajorType.simpleOrFloat
      && (head.additionalInfo == 22 || head.additionalInfo == 23)
  }

  func bool(at offset: Int) throws -> Bool {
    let (head, _) = try untaggedHead(at: offset)
    guard head.majorType == CBORMajorType.simpleOrFloat,
      head.additionalInfo == 20 || head.additionalInfo == 21
    else { throw ValueMismatch.expected(Bool.self, "a boolean", found: head) }
    return head.additionalInfo == 21
  }

  func string(at offset: Int) throws -> String {
    let (head, itemOffset) = try untaggedHead(at: offset)
    guard head.majorType == CBORMajorType.text else {
      throw ValueMismatch.expected(String.self, "a text string", found: head)
    }
    return try reader.withStringContent(head, at: itemOffset) { String(decoding: $0, as: UTF8.self) }.0
  }

  /// An integer of type `T`: from an integer item that fits, or a float item with a whole value.
  func integer<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
    let (head, _) = try untaggedHead(at: offset)
    switch head.majorType {
    case CBORMajorType.unsigned:
      if let value = T(exactly: head.argument) { return value }
      throw ValueMismatch.corrupted("Number \(head.argument) does not fit in \(T.self)")
    case CBORMajorType.negative:
      if T.isSigned, head.argument <= UInt64(T.max) { return -1 - T(head.argument) }
      let value = head.argument == .max ? "-18446744073709551616" : "-\(head.argument + 1)"
      throw ValueMismatch.corrupted("Number \(value) does not fit in \(T.self)")
    case CBORMajorType.simpleOrFloat where (25...27).contains(head.additionalInfo):
      let number = floatValue(head)
      if let value = T(exactly: number) { return value }
      throw ValueMismatch.corrupted("Number \(number) is not a whole number that fits in \(T.self)")
    default:
      throw ValueMismatch.expected(T.self, "an integer", found: head)
    }
  }

  /// A double: from a float item, or an integer item that a double holds exactly.
  func double(at offset: Int) throws -> Double {
    let (head, _) = try untaggedHead(at: offset)
    switch head.majorType {
    case CBORMajorType.simpleOrFloat where (25...27).contains(head.additionalInfo):
      return floatValue(head)
    case CBORMajorType.unsigned:
      if let value = Double(exactly: head.argument) { return value }
      throw ValueMismatch.corrupted("Number \(head.argument) cannot be held exactly by Double")
    case CBORMajorType.negative:
      if head.argument < 1 << 53 { return -1 - Double(head.argument) }
      throw ValueMismatch.corrupted("Number -1-\(head.argument) cannot be held exactly by Double")
    default:
      throw ValueMismatch.expected(Double.self, "a number", found: head)
    }
  }

  /// A float: any number, rounded to single precision; a finite value too large for it is an error.
  func float(at offset: Int) throws -> Float {
    let number = try double(at: offset)
    let value = Float(number)
    guard value.isFinite || !number.isFinite else {
      throw ValueMismatch.corrupted("Number \(number) does not fit in Float")
    }
    return value
  }

  private func floatValue(_ head: CBORReader.Head) -> Double {
    switch head.additionalInfo {
    case 25: HalfFloat.double(fromBits: UInt16(head.argument))
    case 26: Double(Float(bitPattern: UInt32(head.argument)))
    default: Double(bitPattern: head.argument)
    }
  }
}
