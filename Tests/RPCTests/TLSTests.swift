import Foundation
import IPPSchema
import Logging
import RPC
import RPCCore
import Synchronization
import TestSupport
import Testing

/// TLS with ALPN h2, with a certificate made for this test run.
struct TLSTests {
  /// A self-signed certificate for localhost and 127.0.0.1, made with openssl in a fresh folder.
  private static func makeCertificate() async throws -> (directory: TemporaryDirectory, tls: ServerTLS) {
    let directory = try TemporaryDirectory("ipp-tls")
    let result = try await Program.run([
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", directory.appending("key.pem").path, "-out",
      directory.appending("cert.pem").path,
      "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ])
    try #require(result.status == 0, "openssl could not make a certificate: \(result.errors)")
    return (
      directory,
      ServerTLS(
        certificateChainPath: directory.appending("cert.pem").path,
        privateKeyPath: directory.appending("key.pem").path
      )
    )
  }

  @Test func callsOverTLSWithALPNh2() async throws {
    let (directory, tls) = try await Self.makeCertificate()
    defer { withExtendedLifetime(directory) {} }
    let server = try await TestServer { $0.tls = tls }
    let client = server.client(token: server.adminToken) {
      $0.tls = ClientTLS(trustRootsPath: tls.certificateChainPath, serverHostname: "localhost")
    }
    #expect(try await client.unary(TestService.echo, .init(text: "aman")).text == "aman")
    await server.server.shutdown()
  }

  @Test func clientThatDoesNotTrustTheCertificateIsRefused() async throws {
    let (directory, tls) = try await Self.makeCertificate()
    defer { withExtendedLifetime(directory) {} }
    let lines = LogCapture()
    let server = try await TestServer(logHandler: lines.handler) { $0.tls = tls }
    let client = server.client(token: server.adminToken) { $0.tls = ClientTLS(serverHostname: "localhost") }
    let error = await #expect(throws: RPCError.self) {
      try await client.unary(TestService.echo, .init(text: "x"))
    }
    #expect(error?.code == .unavailable)
    // A cleartext client gets nowhere either, and the server stays up for TLS clients.
    let cleartext = await #expect(throws: RPCError.self) {
      try await server.client(token: server.adminToken).unary(TestService.echo, .init(text: "x"))
    }
    #expect(cleartext?.code == .unavailable)
    // Each failed handshake is a line naming the peer, not a silent close.
    let failures = lines.entries.withLock { $0.filter { $0.message == "connection closed on an error" } }
    #expect(failures.count >= 2)
    #expect(
      failures.allSatisfy { $0.level == .warning && $0.metadata["ipp.peer"]?.hasPrefix("127.0.0.1:") == true }
    )
    await server.server.shutdown()
  }

  @Test func unreadableCertificateStopsTheServerAtStart() async throws {
    let error = await #expect(throws: RPCError.self) {
      _ = try await TestServer {
        $0.tls = ServerTLS(
          certificateChainPath: "/nonexistent/cert.pem",
          privateKeyPath: "/nonexistent/key.pem"
        )
      }
    }
    #expect(
      error?.message == "Cannot use TLS certificate /nonexistent/cert.pem with key /nonexistent/key.pem"
    )
  }
}
