internal import ArgumentParser
internal import Foundation

/// `ippctl call ipp.Scoring/Score '{"values": [...]}'`: any method, JSON in, JSON out.
struct CallCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "call",
    abstract: "Call any method with a JSON request; print each response message as JSON.",
    discussion: """
      METHOD is ipp.<Service>/<Method>, such as ipp.Scoring/Score. Without --target the call goes \
      to the service the method belongs to, on this machine.
      """
  )

  @OptionGroup var options: CommonOptions

  @Argument(help: "ipp.<Service>/<Method>")
  var method: String

  @Argument(help: "The request as JSON, or - to read it from standard input.")
  var request = "{}"

  func run() async throws {
    let json = request == "-" ? FileHandle.standardInput.readDataToEndOfFile() : Data(request.utf8)
    try await MethodCall.run(method, json: json, options: options)
  }
}
