public import Foundation
internal import IPPScoring

/// A region's computed index as the scoring service will publish it: total, category, five
/// dimension scores.
public struct RegionScore: Codable, Equatable, Sendable {
  public struct DimensionScore: Codable, Equatable, Sendable {
    var dimension: String
    var score: Double
  }

  var regionCode: String
  var name: String
  var level: String
  var total: Double
  var category: String
  var dimensions: [DimensionScore]
  var methodologyVersion: String
  var computedAt: Date
}

/// A kab/kota office's filing of 60 indicator values for one election.
public struct Submission: Codable, Equatable, Sendable {
  public struct IndicatorValue: Codable, Equatable, Sendable {
    var indicator: String
    var number: Double?
    var answer: Bool?
    var scale: Int?
    var note: String?
  }

  var regionCode: String
  var election: String
  var revision: Int
  var submittedBy: String
  var submittedAt: Date
  var values: [IndicatorValue]
}

public enum Fixtures {
  static let dimensionNames = [
    "registrasi pemilih", "pencalonan", "kampanye",
    "sosialisasi, pendidikan pemilih dan partisipasi masyarakat",
    "pemungutan suara",
  ]

  /// 545 regions (37 provinces and 508 kab/kota of Pilkada 2024) with deterministic scores.
  public static let regionScores: [RegionScore] = (0..<545).map { index in
    var generator = SplitMix64(seed: UInt64(index))
    let dimensions = dimensionNames.map {
      RegionScore.DimensionScore(dimension: $0, score: generator.score())
    }
    let total = dimensions.map(\.score).reduce(0, +) / 5
    return RegionScore(
      regionCode: index < 37
        ? String(11 + index) : String(format: "%02d.%02d", 11 + index % 37, 1 + index / 37),
      name: index < 37 ? "Provinsi \(index)" : "Kabupaten Contoh \(index)",
      level: index < 37 ? "provinsi" : "kabupaten",
      total: total,
      category: total < 60 ? "keterlibatan" : total <= 77.5 ? "keterikatan" : "partisipatif",
      dimensions: dimensions,
      methodologyVersion: "pilkada-2024.1",
      computedAt: Date(timeIntervalSince1970: 1_735_689_600 + Double(index))
    )
  }

  /// 60 indicator values: numbers, yes/no answers and 1-5 scales, some with a note.
  public static let submission: Submission = {
    var generator = SplitMix64(seed: 60)
    let values = (0..<60).map { index in
      Submission.IndicatorValue(
        indicator: "\(["REG", "CAL", "KAM", "SOS", "PEM"][index % 5])-\(index / 5 + 1)",
        number: index % 3 == 0 ? generator.score() * 1234.5 : nil,
        answer: index % 3 == 1 ? index % 2 == 0 : nil,
        scale: index % 3 == 2 ? 1 + index % 5 : nil,
        note: index % 10 == 0 ? "Data dari rekapitulasi PPK" : nil
      )
    }
    return Submission(
      regionCode: "33.14",
      election: "pilkada-2024",
      revision: 3,
      submittedBy: "operator.sragen",
      submittedAt: Date(timeIntervalSince1970: 1_735_689_000),
      values: values
    )
  }()
}

extension SplitMix64 {
  /// A score between 40 and 100 with two decimals, like the published ones.
  mutating func score() -> Double {
    (4000 + Double(next() % 6001)) / 100
  }
}
