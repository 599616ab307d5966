public import IntakeAPI
internal import IPPSchema
public import RPCCore

extension IntakeService {
  /// `Catalogue`: the indicators an election's regions file.
  public func catalogue(_ request: Intake.CatalogueRequest, context: RPCContext) throws -> Intake.Catalogue {
    try catalogue(of: request.election)
  }

  /// An election's catalogue; NOT_FOUND for an unknown election, FAILED_PRECONDITION for one
  /// that has no catalogue yet.
  func catalogue(of election: ElectionID) throws -> Intake.Catalogue {
    let stored = try requireElection(election)
    guard let version = stored.catalogue, let catalogue = catalogues.catalogues[version] else {
      throw RPCError(code: .failedPrecondition, message: "\(election) has no indicator catalogue yet")
    }
    return catalogue
  }
}
