internal import ArgumentParser
internal import IPPSchema

/// Which election a filling, filing or scoring command is about.
struct ElectionOptions: ParsableArguments {
  @Option(help: "The election, such as pilkada-2024.")
  var election = ElectionID.pilkada2024.rawValue

  /// The election given, or a usage error saying why it is not one.
  func electionID() throws -> ElectionID {
    do {
      return try ElectionID(election)
    } catch {
      throw ValidationError("\(error)")
    }
  }
}
