import CBOR
import Foundation
import MessageFraming
import IPPSchema
import RPC
import RPCCore
import TestSupport
import Testing

/// Clients nobody here wrote, against the real server: curl, Python grpcio with cbor2, and an
/// h2-based client sending 1-byte DATA frames.
struct InteropTests {
  @Test func curlPostsAFramedCBORBodyAndReadsTheStatusTrailer() async throws {
    let server = try await TestServer()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipp-curl-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let request = directory.appendingPathComponent("request.bin")
    try Data(MessageFrame.frame(try CBOREncoder().encode(TestService.EchoRequest(text: "halo curl")))).write(
      to: request
    )
    let headers = directory.appendingPathComponent("headers.txt")
    let body = directory.appendingPathComponent("body.bin")
    _ = try await run(
      "curl",
      "-sS",
      "--http2-prior-knowledge",
      "-H",
      "content-type: application/grpc+cbor",
      "-H",
      "te: trailers",
      "-H",
      "authorization: Bearer \(server.adminToken)",
      "--data-binary",
      "@\(request.path)",
      "-D",
      headers.path,
      "-o",
      body.path,
      "http://127.0.0.1:\(server.port)\(TestService.echo.path)"
    )
    let dumped = try String(contentsOf: headers, encoding: .utf8).lowercased()
    #expect(dumped.contains("content-type: application/grpc+cbor"))
    #expect(dumped.contains("grpc-status: 0"))
    var reader = MessageFrameReader()
    reader.append(try Data(contentsOf: body))
    let payload = try #require(try reader.next())
    #expect(try CBORDecoder().decode(TestService.EchoResponse.self, from: payload).text == "halo curl")
    await server.server.shutdown()
  }

  @Test func curlWithWrongContentTypeGets415() async throws {
    let server = try await TestServer()
    let output = try await run(
      "curl",
      "-sS",
      "--http2-prior-knowledge",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      "-H",
      "content-type: application/json",
      "--data-binary",
      "{}",
      "http://127.0.0.1:\(server.port)\(TestService.echo.path)"
    )
    #expect(output == "415")
    await server.server.shutdown()
  }

  @Test func pythonGrpcioWithCbor2CallsTheServer() async throws {
    let server = try await TestServer()
    let script = Bundle.module.url(forResource: "Resources/grpcio_peer", withExtension: "py")!
    let output = try await run("python3", script.path, String(server.port), server.adminToken)
    let results = try CBORValue(json: Data(output.utf8))
    #expect(results["health"] == .map([.init(.text("status"), .text("SERVING"))]))
    #expect(results["echo"]?["text"] == .text("halo dari python"))
    #expect(results["echo"]?["caller"] == .text("kpu.ri"))
    #expect(
      results["unauthenticated"]
        == .array([.text("UNAUTHENTICATED"), .text("A valid bearer token is required")])
    )
    #expect(results["deadline"] == .text("DEADLINE_EXCEEDED"))
    #expect(results["count"] == .array((0..<5).map { .unsigned(UInt64($0)) }))
    await server.server.shutdown()
  }

  @Test func requestInOneByteDataFrames() async throws {
    let server = try await TestServer()
    let script = Bundle.module.url(forResource: "Resources/h2_one_byte_frames", withExtension: "py")!
    let payload = try CBOREncoder().encode(TestService.EchoRequest(text: "sedikit demi sedikit"))
    let output = try await run(
      "python3",
      script.path,
      String(server.port),
      server.adminToken,
      TestService.echo.path,
      payload.lowercaseHex
    )
    let result = try CBORValue(json: Data(output.utf8))
    #expect(result["trailers"]?["grpc-status"] == .text("0"))
    guard case .text(let hex)? = result["data"] else { throw RPCError(code: .internal, message: "no data") }
    var reader = MessageFrameReader()
    reader.append(
      stride(from: 0, to: hex.count, by: 2).map {
        UInt8(
          hex[hex.index(hex.startIndex, offsetBy: $0)..<hex.index(hex.startIndex, offsetBy: $0 + 2)],
          radix: 16
        )!
      }
    )
    let response = try CBORDecoder().decode(
      TestService.EchoResponse.self,
      from: try #require(try reader.next())
    )
    #expect(response.text == "sedikit demi sedikit")
    await server.server.shutdown()
  }

  /// Runs a program found on PATH and returns its standard output, failing on a non-zero exit.
  private func run(_ arguments: String...) async throws -> String {
    let result = try await Program.run(arguments)
    try #require(result.status == 0, "\(arguments[0]) failed: \(result.errors)")
    return result.text
  }
}
