import CBOR
import Foundation

/// Message types shaped like the project's own, used across the codec tests.
struct DimensionScore: Codable, Equatable, Sendable {
  var dimension: String
  var score: Double
}

struct RegionScore: Codable, Equatable, Sendable {
  enum Category: String, Codable, Sendable { case involvement, engagement, participatory }

  var regionCode: String
  var name: String
  var total: Double
  var category: Category
  var dimensions: [DimensionScore]
  var methodologyVersion: String
  var computedAt: Date
  var note: String?
}

/// The same message as an older reader knows it: fewer fields.
struct RegionScoreV1: Codable, Equatable {
  var regionCode: String
  var total: Double
}

struct Everything: Codable, Equatable {
  var flag: Bool
  var int: Int
  var int8: Int8
  var int16: Int16
  var int32: Int32
  var int64: Int64
  var uint: UInt
  var uint8: UInt8
  var uint16: UInt16
  var uint32: UInt32
  var uint64: UInt64
  var float: Float
  var double: Double
  var text: String
  var date: Date
  var data: Data
  var url: URL
  var decimal: Decimal
  var optionalPresent: String?
  var optionalAbsent: String?
  var nested: [[Int]]
  var dictionary: [String: Double]
  var intKeyed: [Int: String]
  var choice: Choice
  var dynamic: CBORValue

  enum Choice: Codable, Equatable {
    case none
    case value(Int, label: String)
  }
}
