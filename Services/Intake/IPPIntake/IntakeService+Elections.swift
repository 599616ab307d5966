internal import Foundation
public import IntakeAPI
internal import IPPSchema
internal import Logging
internal import ServiceRuntime
public import RPCCore

extension IntakeService {
  /// `Elections`: every election with how many regions take part and its window.
  public func elections(
    _ request: Intake.ElectionsRequest,
    context: RPCContext
  ) throws
    -> Intake.ElectionsResponse
  {
    let entries = try store.elections().map { election in
      let regions = try store.regions(of: election.id)
      return Intake.ElectionsResponse.Entry(
        id: election.id,
        name: election.name,
        provinces: regions.filter { $0.level == .province }.count,
        kabKota: regions.filter { $0.level == .kabkota }.count,
        opensAt: election.opensAt,
        closesAt: election.closesAt
      )
    }
    return Intake.ElectionsResponse(elections: entries)
  }

  /// `SetFillingWindow`: opens an election's filling and sets its deadline; audited with the
  /// caller and the reason.
  public func setFillingWindow(
    _ request: Intake.SetFillingWindowRequest,
    context: RPCContext
  ) throws
    -> Intake.FillingWindow
  {
    try requireElection(request.election)
    guard request.opensAt < request.closesAt else {
      throw RPCError(
        code: .invalidArgument,
        message: "closesAt (\(request.closesAt)) must come after opensAt (\(request.opensAt))"
      )
    }
    let reason = try Self.reason(request.reason)
    let now = clock.now
    try store.setWindow(
      request.election,
      opensAt: request.opensAt,
      closesAt: request.closesAt,
      by: context.principal?.name ?? "unknown",
      reason: reason,
      at: now
    )
    context.logger.notice(
      "filling window set",
      metadata: [
        "ipp.election": "\(request.election)", "ipp.opens": "\(request.opensAt)",
        "ipp.closes": "\(request.closesAt)",
      ]
    )
    return Self.window(
      request.election,
      opensAt: request.opensAt,
      closesAt: request.closesAt,
      extendedUntil: nil,
      seenFrom: nil,
      at: now
    )
  }

  /// `FillingWindow`: the window as `region` sees it, the deadline also in its own zone.
  public func fillingWindow(
    _ request: Intake.FillingWindowRequest,
    context: RPCContext
  ) throws
    -> Intake.FillingWindow
  {
    let election = try requireElection(request.election)
    try requireTakingPart(request.region, in: request.election)
    return Self.window(
      request.election,
      opensAt: election.opensAt,
      closesAt: election.closesAt,
      extendedUntil: try store.extensionUntil(request.election, region: request.region),
      seenFrom: request.region,
      at: clock.now
    )
  }

  /// `GrantExtension`: lets one region file after the deadline until a given time; audited.
  public func grantExtension(
    _ request: Intake.GrantExtensionRequest,
    context: RPCContext
  ) throws
    -> Intake.FillingWindow
  {
    let election = try requireElection(request.election)
    try requireTakingPart(request.region, in: request.election)
    guard let closesAt = election.closesAt else {
      throw RPCError(
        code: .failedPrecondition,
        message: "\(request.election) has no filling window yet: set it before granting extensions"
      )
    }
    guard request.until > closesAt else {
      throw RPCError(
        code: .invalidArgument,
        message: "An extension ends after the deadline (\(closesAt)), not at \(request.until)"
      )
    }
    let reason = try Self.reason(request.reason)
    let now = clock.now
    try store.grantExtension(
      request.election,
      region: request.region,
      until: request.until,
      by: context.principal?.name ?? "unknown",
      reason: reason,
      at: now
    )
    context.logger.notice(
      "extension granted",
      metadata: [
        "ipp.election": "\(request.election)", "ipp.region": "\(request.region)",
        "ipp.until": "\(request.until)",
      ]
    )
    return Self.window(
      request.election,
      opensAt: election.opensAt,
      closesAt: closesAt,
      extendedUntil: request.until,
      seenFrom: request.region,
      at: now
    )
  }

  /// Throws FAILED_PRECONDITION unless `region` takes part in `election`.
  func requireTakingPart(_ region: RegionCode, in election: ElectionID) throws {
    guard try store.takesPart(region, in: election) else {
      throw RPCError(
        code: .failedPrecondition,
        message: "\(region) (\(region.region.name)) does not take part in \(election)"
      )
    }
  }

  /// The reason an admin gave, trimmed; INVALID_ARGUMENT when empty or over 500 characters.
  static func reason(_ text: String) throws(RPCError) -> String {
    let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard (1...500).contains(reason.count) else {
      throw RPCError(
        code: .invalidArgument,
        message: "reason is required (at most 500 characters): say why, for the audit trail"
      )
    }
    return reason
  }

  /// Whether filling is open at `now`, for the region's extension too. A deadline on a whole
  /// minute (`23:59 WIB`) takes in that minute: the window closes at 23:59:59.999, as an operator
  /// reading "pukul 23.59" expects.
  static func window(
    _ election: ElectionID,
    opensAt: ZonedTime?,
    closesAt: ZonedTime?,
    extendedUntil: ZonedTime?,
    seenFrom region: RegionCode?,
    at now: Date
  ) -> Intake.FillingWindow {
    func end(_ time: ZonedTime) -> Date {
      time.instant + (time.instant.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) == 0 ? 60 : 0)
    }
    let state: Intake.FillingWindow.State
    var secondsLeft: Int? = nil
    if let opensAt, let closesAt {
      let end = max(end(closesAt), extendedUntil.map(end) ?? .distantPast)
      if now < opensAt.instant {
        state = .notYetOpen
      } else if now < end {
        state = .open
        secondsLeft = Int(end.timeIntervalSince(now).rounded(.down))
      } else {
        state = .closed
      }
    } else {
      state = .notSet
    }
    return Intake.FillingWindow(
      election: election,
      region: region,
      state: state,
      opensAt: opensAt,
      closesAt: closesAt,
      closesAtInRegion: region.flatMap { region in closesAt.map { $0.in(region.region.zone) } },
      extendedUntil: extendedUntil,
      extendedUntilInRegion: region.flatMap { region in extendedUntil.map { $0.in(region.region.zone) } },
      secondsLeft: secondsLeft,
      asOf: now
    )
  }
}
