internal import Foundation
internal import IntakeAPI

/// Checks filed values against the catalogue: each value against its indicator's type and range,
/// and the submission against what is required and the rules across values. Messages name the
/// indicator, the value and the rule, for an operator to act on.
enum FiledValueCheck {
  /// Every problem with `values` (empty when they are fine), one sentence each.
  static func problems(_ values: [Intake.FiledValue], in catalogue: Intake.Catalogue) -> [String] {
    let indicators = Dictionary(uniqueKeysWithValues: catalogue.indicators.map { ($0.code, $0) })
    var problems: [String] = []
    var seen: Set<String> = []
    for filed in values {
      guard let indicator = indicators[filed.indicator] else {
        problems.append("\(filed.indicator) is not an indicator of catalogue \(catalogue.version)")
        continue
      }
      guard seen.insert(filed.indicator).inserted else {
        problems.append("\(filed.indicator) is given twice")
        continue
      }
      problems += Self.problems(with: filed, as: indicator)
    }
    return problems
  }

  /// Every problem with one value of `indicator` (its type and range, reason, comment, evidence).
  static func problems(with filed: Intake.FiledValue, as indicator: Intake.Catalogue.Indicator) -> [String] {
    var problems: [String] = []
    if let value = filed.value {
      if let rule = broken(value, indicator) {
        problems.append("\(filed.indicator) = \(Self.format(value)): \(indicator.name) is \(rule)")
      }
      if filed.missingReason != nil {
        problems.append("\(filed.indicator) has both a value and a reason it is missing")
      }
    }
    if let reason = filed.missingReason, !(1...500).contains(reason.count) {
      problems.append("\(filed.indicator): a missing value's reason is 1 to 500 characters")
    }
    if let comment = filed.comment, comment.count > 1000 {
      problems.append("\(filed.indicator): a comment is at most 1,000 characters")
    }
    if let evidence = filed.evidence {
      if !indicator.evidence {
        problems.append("\(filed.indicator) takes no evidence")
      } else if !Self.isWebLink(evidence.url) || evidence.note.count > 1000 {
        problems.append(
          "\(filed.indicator): evidence is an http(s) link of at most 2,000 characters and a note of at most 1,000"
        )
      }
    }
    return problems
  }

  /// Required indicators with neither a value nor a reason, and evidence indicators with a value
  /// but no evidence: what stands between a draft and a submission.
  static func missing(_ values: [String: Intake.Submission.Value], in catalogue: Intake.Catalogue) -> [String]
  {
    catalogue.indicators.compactMap { indicator in
      let stored = values[indicator.code]
      if stored?.value == nil {
        return indicator.required && stored?.missingReason == nil ? indicator.code : nil
      }
      return indicator.evidence && stored?.evidence == nil ? "\(indicator.code) (evidence)" : nil
    }
  }

  /// The rules across values that `values` break, each as its code and message.
  static func ruleViolations(
    _ values: [String: Intake.Submission.Value],
    in catalogue: Intake.Catalogue
  )
    -> [String]
  {
    catalogue.rules.compactMap { rule in
      let numbers = rule.indicators.compactMap { values[$0]?.value }
      guard numbers.count == rule.indicators.count else { return nil }
      let holds: Bool =
        switch rule.kind {
        case .between: (min(numbers[1], numbers[2])...max(numbers[1], numbers[2])).contains(numbers[0])
        case .atMost: numbers[0] <= numbers[1]
        }
      return holds ? nil : "\(rule.code): \(rule.message)"
    }
  }

  /// The rule of its type and range that `value` breaks, or nil.
  private static func broken(_ value: Double, _ indicator: Intake.Catalogue.Indicator) -> String? {
    let range = "\(format(indicator.minimum)) to \(format(indicator.maximum))"
    guard value.isFinite else { return "a number" }
    switch indicator.type {
    case .count:
      guard value.rounded() == value, indicator.minimum...indicator.maximum ~= value else {
        return "a whole number from \(range)"
      }
    case .percent:
      guard indicator.minimum...indicator.maximum ~= value else { return "a percentage from \(range)" }
    case .ratio:
      guard indicator.minimum...indicator.maximum ~= value else { return "a number from \(range)" }
    case .yesNo:
      guard value == 0 || value == 1 else { return "1 for yes or 0 for no" }
    case .scale1to5:
      guard value.rounded() == value, 1...5 ~= value else { return "a whole number from 1 to 5" }
    }
    return nil
  }

  private static func isWebLink(_ text: String) -> Bool {
    guard text.count <= 2000, let url = URL(string: text), let host = url.host, !host.isEmpty else {
      return false
    }
    return url.scheme == "https" || url.scheme == "http"
  }

  /// `78.5`, `3`: without a trailing `.0`.
  private static func format(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
