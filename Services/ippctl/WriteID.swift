internal import ArgumentParser
internal import Foundation

/// The id a write is sent with (`requestID`): the services answer a write they have seen again
/// with its first answer, so a command run again with the same id after a timeout writes nothing
/// twice.
struct WriteID: ParsableArguments {
  @Option(
    help: """
      An id for this write (1-128 characters). Running the command again with the same id after \
      a timeout writes nothing twice and prints the first answer. A new one each run by default.
      """
  )
  var requestID: String?

  /// The id given, else a new one.
  var value: String { requestID ?? Self.fresh() }

  /// A new id, for a write that has no option to take one.
  static func fresh() -> String { "ippctl-" + UUID().uuidString.lowercased() }
}
