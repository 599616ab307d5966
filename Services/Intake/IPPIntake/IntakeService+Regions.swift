public import IntakeAPI
internal import IPPSchema
public import RPCCore

extension IntakeService {
  /// `Regions`: every region, or those of one election, or of one province.
  public func regions(_ request: Intake.RegionsRequest, context: RPCContext) throws -> Intake.RegionsResponse
  {
    if let province = request.province, province.level != .province {
      throw RPCError(
        code: .invalidArgument,
        message: "province is a province code such as \(province.province), not the kab/kota \(province)"
      )
    }
    var regions = Region.all
    if let election = request.election {
      try requireElection(election)
      let taking = Set(try store.regions(of: election))
      regions = regions.filter { taking.contains($0.code) }
    }
    if let province = request.province {
      regions = regions.filter { province.contains($0.code) }
    }
    return Intake.RegionsResponse(regions: regions.map(Intake.RegionsResponse.Entry.init))
  }

  /// Throws NOT_FOUND, naming the elections there are, unless `election` exists.
  @discardableResult
  func requireElection(_ election: ElectionID) throws -> IntakeStore.Election {
    guard let found = try store.election(election) else {
      let known = try store.elections().map(\.id.rawValue).joined(separator: ", ")
      throw RPCError(code: .notFound, message: "No election \(election); there are: \(known)")
    }
    return found
  }
}
