internal import ArgumentParser
internal import Foundation
internal import RPC

/// Turns a call's failure into ippctl's exit status and one line on standard error.
enum RPCOutcome {
  /// Runs `body`, then closes `client`. An RPC error prints `ippctl: CODE: message` and exits with
  /// 64 + its code, as grpcurl does.
  static func report(_ client: RPCClient, _ body: () async throws -> Void) async throws {
    do {
      try await body()
      await client.close()
    } catch let error as RPCError {
      await client.close()
      FileHandle.standardError.write(Data("ippctl: \(error.code): \(error.message)\n".utf8))
      throw ExitCode(64 + Int32(error.code.rawValue))
    }
  }
}
