internal import Foundation
public import IntakeAPI
internal import IPPSchema
public import RPCCore
internal import ServiceRuntime

/// Filling progress: per region, per province for the coordination meeting, and the regions at
/// risk that ipp-notify reminds.
extension IntakeService {
  /// `Progress`: every region the caller's scope covers (of one province, if asked), in code
  /// order.
  public func progress(
    _ request: Intake.ProgressRequest,
    context: RPCContext
  ) throws -> Intake.ProgressResponse {
    if let province = request.province {
      try Self.requireProvinceCode(province)
      try context.requireAccess(to: province)
    }
    let now = clock.now
    let regions = try store.regions(of: request.election).filter { region in
      request.province.map { $0.contains(region) } ?? true
        && context.principal?.covers(region: region.rawValue) == true
    }
    return Intake.ProgressResponse(
      regions: try progress(of: regions, in: request.election, at: now),
      asOf: now
    )
  }

  /// `ProvinceSummary`: a province's kab/kota counted by state, the late ones, the ones at risk,
  /// and its own data.
  public func provinceSummary(
    _ request: Intake.ProvinceSummaryRequest,
    context: RPCContext
  ) throws
    -> Intake.ProvinceSummaryResponse
  {
    try Self.requireProvinceCode(request.province)
    try context.requireAccess(to: request.province)
    try requireTakingPart(request.province, in: request.election)
    let now = clock.now
    let regions = try store.regions(of: request.election).filter { request.province.contains($0) }
    let all = try progress(of: regions, in: request.election, at: now)
    let kabKota = all.filter { $0.region.level == .kabkota }
    func count(_ state: Intake.SubmissionState) -> Int { kabKota.filter { $0.state == state }.count }
    return Intake.ProvinceSummaryResponse(
      province: request.province,
      name: request.province.region.name,
      kabKota: kabKota.count,
      verified: count(.verified),
      submitted: count(.submitted),
      returned: count(.returned),
      draft: count(.draft),
      notStarted: count(.notStarted),
      late: kabKota.filter(\.isLate),
      atRisk: Self.atRisk(kabKota),
      ownData: all.first { $0.region == request.province }!,
      asOf: now
    )
  }

  /// `AtRisk`: the regions the caller's scope covers that have not submitted while filling is
  /// open for them, least time left first.
  public func atRisk(_ request: Intake.AtRiskRequest, context: RPCContext) throws -> Intake.AtRiskResponse {
    let now = clock.now
    let regions = try store.regions(of: request.election).filter {
      context.principal?.covers(region: $0.rawValue) == true
    }
    return Intake.AtRiskResponse(
      regions: Self.atRisk(try progress(of: regions, in: request.election, at: now)),
      asOf: now
    )
  }

  /// Not submitted and still open, least time left first, then by code.
  private static func atRisk(_ regions: [Intake.RegionProgress]) -> [Intake.RegionProgress] {
    regions.filter { $0.secondsLeft != nil && [.notStarted, .draft, .returned].contains($0.state) }
      .sorted { ($0.secondsLeft!, $0.region) < ($1.secondsLeft!, $1.region) }
  }

  private func progress(
    of regions: [RegionCode],
    in election: ElectionID,
    at now: Date
  ) throws
    -> [Intake.RegionProgress]
  {
    let stored = try requireElection(election)
    let required = try catalogue(of: stored).indicators.filter(\.required).map(\.code)
    let facts = try store.progressFacts(election, required: required)
    let extensions = try store.extensions(election)
    return regions.map { region in
      let fact = facts[region]
      let window = Self.window(
        election,
        opensAt: stored.opensAt,
        closesAt: stored.closesAt,
        extendedUntil: extensions[region],
        seenFrom: region,
        at: now
      )
      let state = fact?.state ?? .notStarted
      let filled = fact?.requiredFilled ?? 0
      return Intake.RegionProgress(
        region: region,
        name: region.region.name,
        state: state,
        requiredFilled: filled,
        requiredTotal: required.count,
        percentFilled: required.isEmpty
          ? 100 : (Double(filled) / Double(required.count) * 1000).rounded() / 10,
        lastActivity: fact?.lastActivity,
        lastActivityBy: fact?.lastActivityBy,
        deadline: window.extendedUntilInRegion ?? window.closesAtInRegion,
        secondsLeft: window.secondsLeft,
        isLate: window.state == .closed && state != .submitted && state != .verified
      )
    }
  }

  private static func requireProvinceCode(_ code: RegionCode) throws(RPCError) {
    guard code.level == .province else {
      throw RPCError(
        code: .invalidArgument,
        message: "province is a province code such as \(code.province), not the kab/kota \(code)"
      )
    }
  }
}
