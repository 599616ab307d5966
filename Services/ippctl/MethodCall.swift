internal import ArgumentParser
internal import CBOR
internal import Foundation
internal import RPC
internal import RPCCore

/// One call as every ippctl command makes it: JSON request in, each response message printed as
/// JSON, and a failure turned into ippctl's exit status.
enum MethodCall {
  /// Calls `method` (`ipp.Scoring/Score`) with the JSON request `json`. Without `--target` the
  /// call goes to the service the method belongs to. An RPC error prints `ippctl: CODE: message`
  /// and exits with 64 + its code, as grpcurl does.
  static func run(_ method: String, json: Data, options: CommonOptions) async throws {
    let path = method.hasPrefix("/") ? method : "/" + method
    let parts = path.dropFirst().split(separator: "/")
    guard parts.count == 2, parts[0].hasPrefix("ipp.") else {
      throw ValidationError("The method is ipp.<Service>/<Method>, such as ipp.Scoring/Score, not \(method)")
    }
    let payload: [UInt8]
    do {
      payload = CBOREncoder().encode(try CBORValue(json: json))
    } catch DecodingError.dataCorrupted(let context) {
      throw ValidationError(
        "The request is not JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
      )
    }
    let client = try options.client(forService: String(parts[0].dropFirst("ipp.".count)))
    do {
      try await client.call(path: path, request: payload, options: options.callOptions) { message in
        let value = try CBORDecoder().decodeValue(from: message)
        print(String(decoding: value.json(prettyPrinted: !options.compact), as: UTF8.self))
      }
      await client.close()
    } catch let error as RPCError {
      await client.close()
      throw failure(error)
    }
  }

  /// Calls `service` (`Monitor`) with a typed client made by `body`; an RPC error ends ippctl as
  /// ``run(_:json:options:)`` does.
  static func typed<Answer>(
    _ service: String,
    options: CommonOptions,
    _ body: (RPCClient) async throws -> Answer
  ) async throws -> Answer {
    let client = try options.client(forService: service)
    do {
      let answer = try await body(client)
      await client.close()
      return answer
    } catch let error as RPCError {
      await client.close()
      throw failure(error)
    }
  }

  /// Prints `ippctl: CODE: message` and answers the exit status 64 + the code.
  private static func failure(_ error: RPCError) -> ExitCode {
    FileHandle.standardError.write(Data("ippctl: \(error.code): \(error.message)\n".utf8))
    return ExitCode(64 + Int32(error.code.rawValue))
  }

  /// `value` as JSON for scripts: keys sorted, dates as ISO 8601, indented unless `compact`.
  static func printJSON(_ value: some Encodable, compact: Bool) throws {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = compact ? [.sortedKeys] : [.sortedKeys, .prettyPrinted]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
  }
}
