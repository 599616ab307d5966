internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import RPC

/// `ippctl progress --province 33`: each region's filling progress, the late ones first
/// (ipp.Intake/Progress).
struct ProgressCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress",
    abstract: "Each region's filling progress: state, required values filled, last activity, time left.",
    discussion: """
      The late regions come first, then those not yet submitted by time left, then the rest in code \
      order. Times are in each region's own zone.
      """
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Option(help: "A province's code (33): its own data and its kab/kota's.")
  var province: String?

  @Flag(help: "Only the regions past their deadline without submitting.")
  var late = false

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let request = Intake.ProgressRequest(
      election: try election.electionID(),
      province: try province.map(CommonOptions.region)
    )
    var answer = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).progress(request, options: options.callOptions)
    }
    if late { answer.regions.removeAll { !$0.isLate } }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    print(FillingText.table(FillingText.lateFirst(answer.regions), asOf: answer.asOf), terminator: "")
    let counts = Dictionary(grouping: answer.regions, by: \.state).mapValues(\.count)
    let states = FillingText.states.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
    let lateCount = answer.regions.filter(\.isLate).count
    print("\(answer.regions.count) regions: " + (states + ["\(lateCount) late"]).joined(separator: ", "))
  }
}

/// `ippctl province-summary 33`: a province's kab/kota by state, who is late and who is at risk
/// (ipp.Intake/ProvinceSummary).
struct ProvinceSummaryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "province-summary",
    abstract: "A province's filling at a glance: kab/kota by state, the late ones, those at risk."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Argument(help: "The province's code, such as 33.")
  var province: String

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let request = Intake.ProvinceSummaryRequest(
      election: try election.electionID(),
      province: try CommonOptions.region(province)
    )
    let summary = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).provinceSummary(request, options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(summary, compact: options.compact) }
    print(
      "\(summary.name) (\(summary.province.rawValue)): \(summary.kabKota) kab/kota; "
        + "\(summary.verified) verified, \(summary.submitted) submitted, \(summary.returned) returned, "
        + "\(summary.draft) draft, \(summary.notStarted) not started"
    )
    print("\nIts own data:")
    print(FillingText.table([summary.ownData], asOf: summary.asOf), terminator: "")
    print("\nLate (\(summary.late.count)):")
    if !summary.late.isEmpty { print(FillingText.table(summary.late, asOf: summary.asOf), terminator: "") }
    print("\nAt risk, least time left first (\(summary.atRisk.count)):")
    if !summary.atRisk.isEmpty {
      print(FillingText.table(summary.atRisk, asOf: summary.asOf), terminator: "")
    }
  }
}

/// `ippctl deadline 33.14`: an election's filling window as one region sees it
/// (ipp.Intake/FillingWindow); without a region, every election's (ipp.Intake/Elections).
struct DeadlineCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deadline",
    abstract: "When filling opens and closes: every election's, or one region's in its own zone."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Argument(help: "A region's code (33.14), for its own zone and any extension it was granted.")
  var region: String?

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    guard let region else { return try await printElections() }
    let request = Intake.FillingWindowRequest(
      election: try election.electionID(),
      region: try CommonOptions.region(region)
    )
    let window = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).fillingWindow(request, options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(window, compact: options.compact) }
    FillingText.print(window)
  }

  private func printElections() async throws {
    let answer = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).elections(options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(answer, compact: options.compact) }
    var table = TextTable([
      .init(title: "ELECTION"), .init(title: "NAME"), .init(title: "PROVINCES", alignRight: true),
      .init(title: "KAB/KOTA", alignRight: true), .init(title: "OPENS"), .init(title: "CLOSES"),
    ])
    for entry in answer.elections {
      table.add([
        entry.id.rawValue, entry.name, String(entry.provinces), String(entry.kabKota),
        entry.opensAt?.rawValue ?? "not set", entry.closesAt?.rawValue ?? "not set",
      ])
    }
    print(table.text, terminator: "")
  }
}

/// `ippctl set-deadline --opens "2026-12-01 08:00 WIB" --closes "2026-12-15 23:59 WIB"`: opens an
/// election's filling window (ipp.Intake/SetFillingWindow, KPU RI admin).
struct SetDeadlineCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set-deadline",
    abstract: "Open an election's filling window and set its deadline (KPU RI admin; audited)."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Option(help: "When filling opens: \"2026-12-01 08:00 WIB\" (WIB, WITA or WIT).")
  var opens: String

  @Option(help: "The deadline: \"2026-12-15 23:59 WIB\".")
  var closes: String

  @Option(help: "Why (kept in the audit trail).")
  var reason: String

  func run() async throws {
    let request = Intake.SetFillingWindowRequest(
      election: try election.electionID(),
      opensAt: try FillingText.zonedTime(opens, option: "--opens"),
      closesAt: try FillingText.zonedTime(closes, option: "--closes"),
      reason: reason
    )
    let window = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).setFillingWindow(request, options: options.callOptions)
    }
    FillingText.print(window)
  }
}

/// `ippctl extend 91.04 --until "2026-12-17 23:59 WIT" --reason "..."`: lets one region file after
/// the deadline (ipp.Intake/GrantExtension, admin).
struct ExtendCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extend",
    abstract: "Let one region file after the deadline, until a given time (admin; audited)."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Argument(help: "The region's code, such as 91.04.")
  var region: String

  @Option(help: "Until when: \"2026-12-17 23:59 WIT\".")
  var until: String

  @Option(help: "Why (kept in the audit trail).")
  var reason: String

  func run() async throws {
    let request = Intake.GrantExtensionRequest(
      election: try election.electionID(),
      region: try CommonOptions.region(region),
      until: try FillingText.zonedTime(until, option: "--until"),
      reason: reason
    )
    let window = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).grantExtension(request, options: options.callOptions)
    }
    FillingText.print(window)
  }
}

/// How the filling commands write progress and windows for people.
enum FillingText {
  static let states: [Intake.SubmissionState] = [.notStarted, .draft, .submitted, .returned, .verified]

  /// The late first, then the unsubmitted by time left, then the rest in code order.
  static func lateFirst(_ regions: [Intake.RegionProgress]) -> [Intake.RegionProgress] {
    func rank(_ region: Intake.RegionProgress) -> Int {
      if region.isLate { return 0 }
      return [.notStarted, .draft, .returned].contains(region.state) ? 1 : 2
    }
    return regions.enumerated().sorted { left, right in
      let (a, b) = (left.element, right.element)
      if rank(a) != rank(b) { return rank(a) < rank(b) }
      if rank(a) == 1, a.secondsLeft != b.secondsLeft {
        return (a.secondsLeft ?? .max) < (b.secondsLeft ?? .max)
      }
      return left.offset < right.offset
    }
    .map(\.element)
  }

  /// A progress table; times in each region's zone.
  static func table(_ regions: [Intake.RegionProgress], asOf: Date) -> String {
    var table = TextTable([
      .init(title: "REGION"), .init(title: "NAME"), .init(title: "STATE"),
      .init(title: "FILLED", alignRight: true),
      .init(title: "LAST ACTIVITY"), .init(title: "BY"), .init(title: "DEADLINE"),
      .init(title: "TIME LEFT", alignRight: true),
    ])
    for region in regions {
      let zone = region.region.region.zone
      table.add([
        region.region.rawValue, region.name, region.state.rawValue,
        "\(region.requiredFilled)/\(region.requiredTotal)",
        region.lastActivity.map { ZonedTime($0, in: zone).rawValue } ?? "-", region.lastActivityBy ?? "-",
        region.deadline?.rawValue ?? "-",
        region.isLate ? "late" : region.secondsLeft.map(duration) ?? "-",
      ])
    }
    return table.text
  }

  /// `3d 4h`, `5h 20m`, `12m`.
  static func duration(_ seconds: Int) -> String {
    let minutes = max(seconds, 0) / 60
    let (days, hours) = (minutes / 1440, minutes / 60 % 24)
    if days > 0 { return "\(days)d \(hours)h" }
    if hours > 0 { return "\(hours)h \(minutes % 60)m" }
    return "\(minutes)m"
  }

  static func print(_ window: Intake.FillingWindow) {
    var lines = ["\(window.election.rawValue): filling \(window.state.rawValue)"]
    if let opens = window.opensAt { lines.append("opens    \(opens.rawValue)") }
    if let closes = window.closesAt { lines.append("closes   \(closes.rawValue)") }
    if let region = window.region, let closes = window.closesAtInRegion {
      lines.append("         \(closes.rawValue) in \(region.rawValue) \(region.region.name)")
    }
    if let until = window.extendedUntilInRegion ?? window.extendedUntil {
      lines.append("extended \(until.rawValue)")
    }
    if let left = window.secondsLeft { lines.append("left     \(duration(left))") }
    Swift.print(lines.joined(separator: "\n"))
  }

  /// A time given on the command line, or a usage error showing the form it takes.
  static func zonedTime(_ text: String, option: String) throws -> ZonedTime {
    do {
      return try ZonedTime(text)
    } catch {
      throw ValidationError("\(option) is a time such as \"2026-12-15 23:59 WIB\", not \"\(text)\"")
    }
  }
}
