internal import Foundation
internal import IPPSchema
internal import IntakeAPI

/// One region's line in a filling table: its state, share filled, last activity and time left,
/// in its own zone.
struct FillingRow: Sendable {
  let code: String
  let name: String
  let href: String
  let state: String
  /// The state's key, for its badge's class: `notStarted`, `verified`.
  let stateKey: String
  let filled: String
  /// The share filled, 0 to 100, for the bar.
  let filledPercent: Int
  let lastActivity: String
  let timeLeft: String
  let isLate: Bool
  /// The province's own data, not a kab/kota.
  let isOwnData: Bool

  /// `progress` as of `now`: past the deadline, how long past it.
  init(_ progress: Intake.RegionProgress, asOf now: Date, formats: Formats) {
    let texts = formats.texts
    code = progress.region.rawValue
    isOwnData = progress.region.level == .province
    name = isOwnData ? "\(progress.name) (\(texts["filling_own"]))" : progress.name
    href = "/wilayah/\(progress.region.rawValue)"
    stateKey = progress.state.rawValue
    state = texts["filling_\(progress.state.rawValue)"]
    filled = "\(progress.requiredFilled)/\(progress.requiredTotal)"
    filledPercent = Int(progress.percentFilled.rounded())
    let zone = progress.region.region.zone
    lastActivity = progress.lastActivity.map { formats.time($0, in: zone) } ?? texts["filling_none"]
    isLate = progress.isLate
    switch (progress.state, progress.secondsLeft, progress.deadline) {
    case (.verified, _, _), (.submitted, _, _): timeLeft = texts["filling_none"]
    case (_, let seconds?, _): timeLeft = formats.timeLeft(seconds: seconds)
    case (_, nil, let deadline?) where progress.isLate:
      timeLeft = formats.timeLeft(seconds: Int(deadline.instant.timeIntervalSince(now)))
    case (_, nil, _): timeLeft = texts["filling_closed"]
    }
  }

  /// The order a province goes round in: the late first (the most overdue first), then those not
  /// yet submitted by how little is filled, then submitted, then verified.
  static func meetingOrder(_ left: Intake.RegionProgress, _ right: Intake.RegionProgress) -> Bool {
    if left.isLate != right.isLate { return left.isLate }
    let leftRank = rank(left.state)
    let rightRank = rank(right.state)
    if leftRank != rightRank { return leftRank < rightRank }
    if left.percentFilled != right.percentFilled { return left.percentFilled < right.percentFilled }
    return left.region < right.region
  }

  private static func rank(_ state: Intake.SubmissionState) -> Int {
    switch state {
    case .returned: 0
    case .notStarted: 1
    case .draft: 2
    case .submitted: 3
    case .verified: 4
    }
  }
}
