/// The two levels of regions that file data and get a score.
public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
  /// A KPU provinsi (`33`).
  case province
  /// A KPU kabupaten or kota (`33.14`).
  case kabkota
}
