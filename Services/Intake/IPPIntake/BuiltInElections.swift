internal import IPPSchema

/// The elections intake knows from its first start, with the regions that take part in each:
/// seeded into its database by the first migration, after which they are data.
enum BuiltInElections {
  struct Election {
    var id: ElectionID
    var name: String
    /// The version of the indicator catalogue its regions file; nil until there is one.
    var catalogue: String?
    var regions: [RegionCode]
  }

  static let all: [Election] = [
    // Pilkada 2024 elected governors in 37 provinces (not DI Yogyakarta, whose governor is the
    // Sultan) and regents and mayors in 508 kab/kota (not DKI Jakarta's six administrative units).
    Election(
      id: .pilkada2024,
      name: "Pemilihan Serentak 2024",
      catalogue: "pilkada-2024.catalogue-1",
      regions: Region.all.map(\.code).filter { code in
        code.level == .province ? code.rawValue != "34" : code.province.rawValue != "31"
      }
    ),
    // Pemilu 2024 was held everywhere.
    Election(id: .pemilu2024, name: "Pemilihan Umum 2024", catalogue: nil, regions: Region.all.map(\.code)),
  ]
}
