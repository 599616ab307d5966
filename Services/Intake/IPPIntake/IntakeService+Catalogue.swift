public import IntakeAPI
internal import IPPSchema
public import RPCCore

extension IntakeService {
  /// `Catalogue`: the indicators an election's regions file.
  public func catalogue(_ request: Intake.CatalogueRequest, context: RPCContext) throws -> Intake.Catalogue {
    try catalogue(of: requireElection(request.election))
  }

  /// An election's catalogue; FAILED_PRECONDITION for one that has no catalogue yet.
  func catalogue(of election: IntakeStore.Election) throws -> Intake.Catalogue {
    guard let version = election.catalogue, let catalogue = catalogues.catalogues[version] else {
      throw RPCError(code: .failedPrecondition, message: "\(election.id) has no indicator catalogue yet")
    }
    return catalogue
  }
}
