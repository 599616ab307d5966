public import Foundation

/// One of the 552 regions with a KPU office below KPU RI: a province or a kab/kota, with its
/// official name and time zone. The table is compiled in from `Data/wilayah.csv` and
/// `Data/zona-waktu.csv` (see `Data/README.md` for their source and licence).
public struct Region: Sendable, Hashable {
  /// What the region is, as the official list says (`tingkat`).
  public enum Kind: String, Sendable, Hashable, Codable {
    case provinsi, kabupaten, kota
  }

  public let code: RegionCode
  /// Its official name: `Kabupaten Sragen`, `Jawa Tengah`.
  public let name: String
  /// Province, kabupaten or kota.
  public let kind: Kind
  /// Its time zone as Indonesians name it (its province's, for a kab/kota).
  public let zone: Zone
  /// The tz database zone to compute local times with: `Asia/Jakarta`, `Asia/Pontianak`,
  /// `Asia/Makassar`, `Asia/Jayapura`.
  public let timeZoneIdentifier: String

  /// The time zone to show this region's dates in.
  public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier)! }

  /// Indonesia's three time zones (Keppres No 41 Tahun 1987); no daylight saving time.
  public enum Zone: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waktu Indonesia Barat, UTC+7; the zone KPU RI states national deadlines in.
    case wib = "WIB"
    /// Waktu Indonesia Tengah, UTC+8.
    case wita = "WITA"
    /// Waktu Indonesia Timur, UTC+9.
    case wit = "WIT"

    /// Hours ahead of UTC.
    public var utcOffsetHours: Int {
      switch self {
      case .wib: 7
      case .wita: 8
      case .wit: 9
      }
    }

    /// A fixed-offset zone for this name: WIB is `Asia/Jakarta`.
    public var timeZone: TimeZone { TimeZone(secondsFromGMT: utcOffsetHours * 3600)! }
  }
}

extension Region {
  /// Every region: 38 provinces, each followed by its kab/kota, in code order.
  public static let all: [Region] = RegionTable.parse()

  /// The 38 provinces.
  public static var provinces: [Region] { all.filter { $0.kind == .provinsi } }

  /// The region with `code`; nil for a code not on the official list.
  public static func named(_ code: RegionCode) -> Region? {
    RegionTable.byCode[code.rawValue].map { all[$0] }
  }

  /// The kab/kota of `province`, in code order.
  public static func kabKota(in province: RegionCode) -> [Region] {
    all.filter { $0.code.level == .kabkota && $0.code.province == province }
  }
}

/// Reads the compiled-in CSV files once.
enum RegionTable {
  static let byCode: [String: Int] = Dictionary(
    uniqueKeysWithValues: Region.all.enumerated().map { ($1.code.rawValue, $0) }
  )

  static func parse() -> [Region] {
    var zones: [String: (Region.Zone, String)] = [:]
    for line in lines(PackageResources.zona_waktu_csv) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      zones[String(fields[0])] = (Region.Zone(rawValue: String(fields[2]))!, String(fields[3]))
    }
    return lines(PackageResources.wilayah_csv).map { line in
      // kode,"nama",tingkat: names hold no quote or comma (checked by RegionTests).
      let code = line.prefix { $0 != "," }
      let name = line.dropFirst(code.count + 2).prefix { $0 != "\"" }
      let kind = line.dropFirst(code.count + name.count + 4)
      let (zone, identifier) = zones[String(code.prefix(2))]!
      return Region(
        code: RegionCode(unchecked: String(code)),
        name: name.trimmingCharacters(in: .whitespaces),
        kind: Region.Kind(rawValue: String(kind))!,
        zone: zone,
        timeZoneIdentifier: identifier
      )
    }
  }

  /// The lines of a CSV file after its header.
  private static func lines(_ bytes: [UInt8]) -> [Substring] {
    String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst().map { $0 }
  }
}
