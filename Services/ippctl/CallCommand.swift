internal import ArgumentParser
internal import CBOR
internal import Foundation
internal import RPC

/// `ippctl call ipp.Scoring/Score '{"values": [...]}'`: any method, JSON in, JSON out.
struct CallCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "call",
    abstract: "Call any method with a JSON request; print each response message as JSON.",
    discussion: """
      METHOD is ipp.<Service>/<Method>, such as ipp.Scoring/Score. Without --target the call goes \
      to the service the method belongs to, on this machine.
      """)

  @OptionGroup var options: CommonOptions

  @Argument(help: "ipp.<Service>/<Method>")
  var method: String

  @Argument(help: "The request as JSON, or - to read it from standard input.")
  var request = "{}"

  func run() async throws {
    let path = method.hasPrefix("/") ? method : "/" + method
    let parts = path.dropFirst().split(separator: "/")
    guard parts.count == 2, parts[0].hasPrefix("ipp.") else {
      throw ValidationError("The method is ipp.<Service>/<Method>, such as ipp.Scoring/Score, not \(method)")
    }
    let json = request == "-" ? FileHandle.standardInput.readDataToEndOfFile() : Data(request.utf8)
    let payload: [UInt8]
    do {
      payload = CBOREncoder().encode(try CBORValue(json: json))
    } catch DecodingError.dataCorrupted(let context) {
      throw ValidationError(
        "The request is not JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
    }
    let client = try options.client(forService: String(parts[0].dropFirst("ipp.".count)))
    try await RPCOutcome.report(client) {
      try await client.call(path: path, request: payload, options: options.callOptions) { message in
        let value = try CBORDecoder().decodeValue(from: message)
        print(String(decoding: value.json(prettyPrinted: !options.compact), as: UTF8.self))
      }
    }
  }
}
