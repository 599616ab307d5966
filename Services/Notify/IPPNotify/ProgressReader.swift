public import IntakeAPI
internal import IPPSchema
public import RPCCore
public import ServiceRuntime

/// Reads each election's filling window and every region's progress from ipp-intake into the
/// deadline book: what reminders and digests are planned from.
public struct ProgressReader<Caller: RPCCaller>: Sendable {
  let intake: Intake.Client<Caller>
  let deadlines: DeadlineBook
  let clock: any WallClock

  public init(intake: Intake.Client<Caller>, deadlines: DeadlineBook, clock: any WallClock) {
    self.intake = intake
    self.deadlines = deadlines
    self.clock = clock
  }

  /// Reads every election with a deadline; answers how many.
  @discardableResult
  public func read() async throws -> Int {
    var read = 0
    for election in try await intake.elections().elections {
      guard let closesAt = election.closesAt else { continue }
      let progress = try await intake.progress(Intake.ProgressRequest(election: election.id))
      let regions = progress.regions.compactMap { region in
        region.deadline.map {
          DeadlineBook.RegionStatus(
            region: region.region,
            submitted: region.state == .submitted || region.state == .verified,
            percentFilled: region.percentFilled,
            deadline: $0,
            isLate: region.isLate
          )
        }
      }
      try deadlines.record(
        DeadlineBook.Window(
          election: election.id,
          name: election.name,
          opensAt: election.opensAt,
          closesAt: closesAt,
          readAt: clock.now
        ),
        regions
      )
      read += 1
    }
    return read
  }
}
