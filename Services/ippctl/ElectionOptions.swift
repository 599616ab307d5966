internal import ArgumentParser
internal import Foundation
internal import IPPSchema

/// Which election a filing or scoring command is about, and the id that makes a write safe to run
/// again.
struct ElectionOptions: ParsableArguments {
  @Option(help: "The election, such as pilkada-2024.")
  var election = ElectionID.pilkada2024.rawValue

  @Option(
    help: """
      An id for this write (1-128 characters). Running the command again with the same id after \
      a timeout writes nothing twice and prints the first answer. A new one each run by default.
      """
  )
  var requestID: String?

  /// The election given, or a usage error saying why it is not one.
  func electionID() throws -> ElectionID {
    do {
      return try ElectionID(election)
    } catch {
      throw ValidationError("\(error)")
    }
  }

  /// The write's id: the one given, else a new one.
  var writeID: String { requestID ?? "ippctl-" + UUID().uuidString.lowercased() }
}
