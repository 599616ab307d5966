internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import RPC

/// `ippctl values 33.14`: a region's submission: its state, values, what is missing, which rules
/// are broken (ipp.Intake/Submission).
struct ValuesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "values",
    abstract: "A region's submission: state, each value with who changed it and when, what is missing."
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions

  @Argument(help: "The region's code, such as 33.14.")
  var region: String

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let request = Intake.SubmissionRequest(
      election: try election.electionID(),
      region: try CommonOptions.region(region)
    )
    let submission = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).submission(request, options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(submission, compact: options.compact) }
    SubmissionText.print(submission)
  }
}

/// `ippctl save 33.14 PEM-1=74,4 KAM-4=3 --missing CAL-2="tidak ada calon perseorangan"`: saves values as a draft
/// (ipp.Intake/SaveValues).
struct SaveCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "save",
    abstract: "Save some of a region's values as a draft (each change is a revision).",
    discussion: """
      Values are INDICATOR=NUMBER with a decimal point or comma (PEM-1=74,4). A value that cannot \
      be had is given with --missing INDICATOR=REASON. `ippctl values` shows the indicators and \
      what is still missing.
      """
  )

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions
  @OptionGroup var write: WriteID

  @Argument(help: "The region's code, such as 33.14.")
  var region: String

  @Argument(help: "INDICATOR=NUMBER, one or more.")
  var values: [String] = []

  @Option(help: "INDICATOR=REASON for a value that cannot be had; may be repeated.")
  var missing: [String] = []

  @Option(help: "A comment kept with every value saved here (such as the answer to an outlier warning).")
  var comment: String?

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run() async throws {
    let filed =
      try values.map { try SubmissionText.value($0, comment: comment) }
      + missing.map { try SubmissionText.missing($0, comment: comment) }
    guard !filed.isEmpty else { throw ValidationError("Give at least one INDICATOR=NUMBER or --missing") }
    let request = Intake.SaveValuesRequest(
      election: try election.electionID(),
      region: try CommonOptions.region(region),
      requestID: write.value,
      values: filed
    )
    let submission = try await MethodCall.typed("Intake", options: options) { client in
      try await Intake.Client(client).saveValues(request, options: options.callOptions)
    }
    if json { return try MethodCall.printJSON(submission, compact: options.compact) }
    print("Saved \(filed.count) values.")
    SubmissionText.printStanding(submission)
  }
}

/// What `ippctl submit|verify|return|reopen 33.14` take, and the call that moves a region's
/// submission on (ipp.Intake/Submit, Verify, Return, Reopen).
struct TransitionArguments: ParsableArguments {
  /// The state changes.
  enum Change: String {
    case submit, verify, `return`, reopen
  }

  @OptionGroup var options: CommonOptions
  @OptionGroup var election: ElectionOptions
  @OptionGroup var write: WriteID

  @Argument(help: "The region's code, such as 33.14.")
  var region: String

  @Option(help: "What to fix (return) or why (reopen): required for those; optional otherwise.")
  var comment: String?

  @Flag(help: "Print the answer as JSON, for scripts.")
  var json = false

  func run(_ change: Change) async throws {
    if [.return, .reopen].contains(change), (comment ?? "").isEmpty {
      throw ValidationError(
        "\(change.rawValue) needs --comment: \(change == .return ? "what to fix" : "why")"
      )
    }
    let request = Intake.TransitionRequest(
      election: try election.electionID(),
      region: try CommonOptions.region(region),
      requestID: write.value,
      comment: comment
    )
    let submission = try await MethodCall.typed("Intake", options: options) { client in
      let intake = Intake.Client(client)
      return switch change {
      case .submit: try await intake.submit(request, options: options.callOptions)
      case .verify: try await intake.verify(request, options: options.callOptions)
      case .return: try await intake.returnSubmission(request, options: options.callOptions)
      case .reopen: try await intake.reopen(request, options: options.callOptions)
      }
    }
    if json { return try MethodCall.printJSON(submission, compact: options.compact) }
    SubmissionText.printStanding(submission)
  }
}

/// `ippctl submit 33.14`.
struct SubmitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "submit",
    abstract: "Submit a region's values to its province for verification (ipp.Intake/Submit)."
  )
  @OptionGroup var transition: TransitionArguments
  func run() async throws { try await transition.run(.submit) }
}

/// `ippctl verify 33.14`.
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Verify a submitted region as its province (or KPU RI): its values are locked (ipp.Intake/Verify)."
  )
  @OptionGroup var transition: TransitionArguments
  func run() async throws { try await transition.run(.verify) }
}

/// `ippctl return 33.14 --comment "..."`.
struct ReturnCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "return",
    abstract: "Return a submitted region to its operator with what to fix (ipp.Intake/Return)."
  )
  @OptionGroup var transition: TransitionArguments
  func run() async throws { try await transition.run(.return) }
}

/// `ippctl reopen 33.14 --comment "..."`.
struct ReopenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reopen",
    abstract: "Reopen a verified region for changes, with why (KPU RI admin; ipp.Intake/Reopen)."
  )
  @OptionGroup var transition: TransitionArguments
  func run() async throws { try await transition.run(.reopen) }
}

/// How the filing commands write a submission for people.
enum SubmissionText {
  /// `PEM-1=74,4` as a filed value.
  static func value(_ text: String, comment: String?) throws -> Intake.FiledValue {
    let (indicator, number) = try pair(text, form: "INDICATOR=NUMBER")
    guard let value = Double(number.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
      throw ValidationError("\(indicator)'s value is a number (87.5 or 87,5), not \"\(number)\"")
    }
    return Intake.FiledValue(indicator: indicator, value: value, comment: comment)
  }

  /// `CAL-2=tidak ada calon` as a missing value with its reason.
  static func missing(_ text: String, comment: String?) throws -> Intake.FiledValue {
    let (indicator, reason) = try pair(text, form: "INDICATOR=REASON")
    return Intake.FiledValue(indicator: indicator, value: nil, missingReason: reason, comment: comment)
  }

  private static func pair(_ text: String, form: String) throws -> (String, String) {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw ValidationError("\"\(text)\" is not \(form)")
    }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
  }

  /// The state and what stands between it and the next step.
  static func printStanding(_ submission: Intake.Submission) {
    let region = submission.region
    Swift.print("\(region.rawValue) \(region.region.name): \(submission.state.rawValue)")
    if !submission.missingRequired.isEmpty {
      Swift.print(
        "Missing (\(submission.missingRequired.count)): " + submission.missingRequired.joined(separator: ", ")
      )
    }
    for violation in submission.ruleViolations { Swift.print("Rule broken: \(violation)") }
    for outlier in submission.outliers ?? [] where !outlier.commented {
      Swift.print("Check: \(outlier.message)")
    }
    if let comment = submission.lastComment { Swift.print("Last comment: \(comment)") }
  }

  /// Every value, then the standing.
  static func print(_ submission: Intake.Submission) {
    let zone = submission.region.region.zone
    var table = TextTable([
      .init(title: "INDICATOR"), .init(title: "VALUE", alignRight: true), .init(title: "MISSING BECAUSE"),
      .init(title: "COMMENT"), .init(title: "CHANGED BY"), .init(title: "CHANGED AT"),
    ])
    for value in submission.values {
      table.add([
        value.indicator, value.value.map { String(format: "%g", $0) } ?? "-", value.missingReason ?? "",
        value.comment ?? "", value.changedBy, ZonedTime(value.changedAt, in: zone).rawValue,
      ])
    }
    Swift.print(table.text, terminator: "")
    printStanding(submission)
  }
}
