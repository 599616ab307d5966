/// Who is calling, as the authenticator found from their bearer token: a name for the audit
/// trail, a role, and the region the role is limited to.
public struct Principal: Sendable, Hashable, CustomStringConvertible {
  /// What a caller may do. Extensible: each service decides what each role may call.
  public struct Role: Hashable, Sendable, CustomStringConvertible {
    /// The role's name, as written in token files.
    public let rawValue: String

    public init(_ rawValue: String) {
      self.rawValue = rawValue
    }

    /// KPU RI: everything, everywhere.
    public static let admin = Role("admin")
    /// A KPU provinsi: its own province and the kab/kota in it.
    public static let province = Role("province")
    /// A KPU kabupaten/kota operator: its own region only.
    public static let regency = Role("regency")
    /// Another IPP service calling on its own behalf.
    public static let service = Role("service")
    /// Read-only access to published results.
    public static let viewer = Role("viewer")

    public var description: String { rawValue }
  }

  /// The token's owner, for logs and audit: `operator.sragen`.
  public var name: String
  /// What they may do.
  public var role: Role
  /// The region code they are limited to (`33` for a province, `33.14` for a kab/kota); nil for
  /// roles that are not limited to one region.
  public var scope: String?
  /// The id of the issued token they called with (`ipp.Intake/IssueToken`), which can be revoked;
  /// nil for a token from the service's token file.
  public var tokenID: String?

  public init(name: String, role: Role, scope: String? = nil, tokenID: String? = nil) {
    self.name = name
    self.role = role
    self.scope = scope
    self.tokenID = tokenID
  }

  /// Whether this principal may act on `regionCode`: no scope means everywhere; a province scope
  /// covers the province and its kab/kota (`33` covers `33.14`); a kab/kota scope only itself.
  public func covers(region regionCode: String) -> Bool {
    guard let scope else { return true }
    return regionCode == scope || regionCode.hasPrefix(scope + ".")
  }

  public var description: String {
    scope.map { "\(name) (\(role) of \($0))" } ?? "\(name) (\(role))"
  }
}
