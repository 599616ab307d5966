public import IPPSchema

extension Intake {
  /// `Regions`: which regions.
  public struct RegionsRequest: Codable, Sendable {
    /// Only those taking part in this election; nil for all 552.
    public var election: ElectionID?
    /// Only this province and its kab/kota; nil for the whole country.
    public var province: RegionCode?

    public init(election: ElectionID? = nil, province: RegionCode? = nil) {
      self.election = election
      self.province = province
    }
  }

  /// `Regions`: the regions, in code order (each province before its kab/kota).
  public struct RegionsResponse: Codable, Sendable, Equatable {
    /// One region.
    public struct Entry: Codable, Sendable, Equatable {
      /// Its code.
      public var code: RegionCode
      /// Its official name: `Kabupaten Sragen`.
      public var name: String
      /// Province, kabupaten or kota.
      public var kind: Region.Kind
      /// Its province; nil for a province.
      public var province: RegionCode?
      /// Its time zone as Indonesians name it.
      public var zone: Region.Zone
      /// The tz database zone: `Asia/Makassar`.
      public var timeZone: String

      public init(_ region: Region) {
        code = region.code
        name = region.name
        kind = region.kind
        province = region.code.level == .province ? nil : region.code.province
        zone = region.zone
        timeZone = region.timeZoneIdentifier
      }
    }

    /// The regions.
    public var regions: [Entry]

    public init(regions: [Entry]) {
      self.regions = regions
    }
  }
}
