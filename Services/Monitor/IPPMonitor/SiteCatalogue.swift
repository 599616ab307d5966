public import IPPSchema

/// The 553 KPU websites, one per office, seeded from the region codes: `kpu.go.id` for KPU RI,
/// a short name for each province (`jateng.kpu.go.id`), and `kab-<name>` or `kota-<name>` for
/// each kab/kota (`kab-sragen.kpu.go.id`, `kab-kayongutara.kpu.go.id`). A kab/kota's name is its
/// official name without `Kabupaten`, `Kota` or `Administrasi`, in lowercase letters and digits
/// only. Each site records whether its host was seen on a public page (`Data/seen-hosts.csv`,
/// with where) or only derived by the rule; an admin corrects a derived host that is wrong.
public enum SiteCatalogue {
  /// A site as seeded.
  public struct Seed: Sendable, Equatable {
    /// Nil for KPU RI.
    public var region: RegionCode?
    public var host: String
    /// The public page the host was seen on, or nil when it is only derived.
    public var seenAt: String?
  }

  /// The short names KPU's province sites use, by province code.
  static let provinceHosts: [String: String] = [
    "11": "aceh", "12": "sumut", "13": "sumbar", "14": "riau", "15": "jambi", "16": "sumsel",
    "17": "bengkulu",
    "18": "lampung", "19": "babel", "21": "kepri", "31": "jakarta", "32": "jabar", "33": "jateng",
    "34": "diy",
    "35": "jatim", "36": "banten", "51": "bali", "52": "ntb", "53": "ntt", "61": "kalbar", "62": "kalteng",
    "63": "kalsel", "64": "kaltim", "65": "kaltara", "71": "sulut", "72": "sulteng", "73": "sulsel",
    "74": "sultra",
    "75": "gorontalo", "76": "sulbar", "81": "maluku", "82": "malut", "91": "papua", "92": "papuabarat",
    "93": "papuaselatan", "94": "papuatengah", "95": "papuapegunungan", "96": "papuabaratdaya",
  ]

  /// Every site: KPU RI first, then by region code.
  public static let all: [Seed] = {
    let seen = seenHosts()
    let nationalHost = "kpu.go.id"
    return [Seed(region: nil, host: nationalHost, seenAt: "https://kpu.go.id")]
      + Region.all.map { region in
        let host = derivedHost(region)
        return Seed(region: region.code, host: host, seenAt: seen[host])
      }
  }()

  /// The host the rule gives `region`.
  public static func derivedHost(_ region: Region) -> String {
    switch region.kind {
    case .provinsi:
      return "\(provinceHosts[region.code.rawValue] ?? slug(region.name)).kpu.go.id"
    case .kabupaten:
      return "kab-\(slug(region.name, dropping: ["Kabupaten", "Administrasi"])).kpu.go.id"
    case .kota:
      return "kota-\(slug(region.name, dropping: ["Kota", "Administrasi"])).kpu.go.id"
    }
  }

  /// `name` without the words in `dropping`, lowercased, letters and digits only.
  static func slug(_ name: String, dropping words: Set<String> = []) -> String {
    name.split(separator: " ").filter { !words.contains(String($0)) }.joined()
      .lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
  }

  /// Host to the page it was seen on, from `Data/seen-hosts.csv`.
  private static func seenHosts() -> [String: String] {
    let text = String(decoding: PackageResources.seen_hosts_csv, as: UTF8.self)
    return Dictionary(
      text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
        let fields = line.split(separator: ",", maxSplits: 1).map(String.init)
        return fields.count == 2 ? (fields[0], fields[1]) : nil
      },
      uniquingKeysWith: { first, _ in first }
    )
  }
}
