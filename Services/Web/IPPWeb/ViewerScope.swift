public import IPPSchema
public import RPCCore

/// What a signed-in viewer may see, from the token's role and scope: KPU RI (and services and
/// read-only viewers without a region) the whole country, a province admin its province and its
/// kab/kota, an operator its own region.
public enum ViewerScope: Sendable, Equatable {
  case country
  case province(RegionCode)
  case region(RegionCode)

  public init(_ principal: Principal) {
    guard let scope = principal.scope, let code = try? RegionCode(scope) else {
      self = .country
      return
    }
    self = code.level == .province ? .province(code) : .region(code)
  }

  /// Whether `code`'s pages are in scope.
  public func covers(_ code: RegionCode) -> Bool {
    switch self {
    case .country: true
    case .province(let province): province.contains(code)
    case .region(let region): region == code
    }
  }

  /// Where the viewer lands after signing in.
  public var homePath: String {
    switch self {
    case .country: "/nasional"
    case .province(let province): "/provinsi/\(province.rawValue)"
    case .region(let region): "/wilayah/\(region.rawValue)"
    }
  }
}
