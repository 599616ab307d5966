public import IntakeAPI
public import RPCCore

extension IntakeService {
  /// `Catalogue`: the indicators an election's regions file; FAILED_PRECONDITION for an election
  /// that has none yet.
  public func catalogue(_ request: Intake.CatalogueRequest, context: RPCContext) throws -> Intake.Catalogue {
    let election = try requireElection(request.election)
    guard let version = election.catalogue, let catalogue = catalogues.catalogues[version] else {
      throw RPCError(
        code: .failedPrecondition,
        message: "\(request.election) has no indicator catalogue yet"
      )
    }
    return catalogue
  }
}
