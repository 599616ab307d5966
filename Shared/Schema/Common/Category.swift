/// The three published categories of the participation index.
public enum Category: String, Codable, Sendable, CaseIterable {
  /// Below 60: keterlibatan.
  case involvement
  /// 60 to 77.5 inclusive: keterikatan.
  case engagement
  /// Above 77.5: partisipatif.
  case participatory

  /// The category's name in KPU's publications.
  public var indonesianName: String {
    switch self {
    case .involvement: "keterlibatan"
    case .engagement: "keterikatan"
    case .participatory: "partisipatif"
    }
  }
}
