import Foundation
import NIOCore
import NIOPosix
import IPPSchema
import RPC
import RPCCore
import Synchronization
import Testing

/// Concurrency, hostile peers and graceful shutdown.
struct ConnectionTests {
  @Test func thousandConcurrentCallsShareOneConnection() async throws {
    let server = try await TestServer()
    let client = server.client(token: server.adminToken)
    let texts = try await withThrowingTaskGroup(of: String.self) { group in
      for index in 0..<1000 {
        group.addTask { try await client.unary(TestService.echo, .init(text: "call \(index)")).text }
      }
      return try await group.reduce(into: Set<String>()) { $0.insert($1) }
    }
    #expect(texts.count == 1000)
    #expect(server.server.connectionCount == 1)
    await server.server.shutdown()
  }

  /// A response far larger than HTTP/2's 64 KiB connection window arrives whole, one after
  /// another and several at once on the same connection: the client gives the connection's window
  /// back as bytes arrive, not when a message is complete.
  @Test func responsesLargerThanTheConnectionWindowArrive() async throws {
    let server = try await TestServer()
    let client = server.client(token: server.adminToken)
    let text = String(repeating: "IPP Kabupaten Sragen; ", count: 40_000)
    for _ in 0..<2 {
      #expect(try await client.unary(TestService.echo, .init(text: text)).text == text)
    }
    let lengths = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<3 {
        group.addTask { try await client.unary(TestService.echo, .init(text: text)).text.count }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(lengths == Array(repeating: text.count, count: 3))
    #expect(server.server.connectionCount == 1)
    await server.server.shutdown()
  }

  @Test(arguments: [
    Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
    Array(repeating: 0xff, count: 200),
    Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + Array(repeating: 0x00, count: 64),
  ])
  func hostileBytesCloseTheConnectionAndServerStaysUp(bytes: [UInt8]) async throws {
    let server = try await TestServer()
    let closedByServer = try await RawConnection.sendAndAwaitClose(bytes, port: server.port)
    #expect(closedByServer)
    try await waitUntil { server.server.connectionCount == 0 }
    #expect(try await server.client().unary(Health.check, .init()).status == "SERVING")
    await server.server.shutdown()
  }

  @Test func halfOpenConnectionIsClosedWhenIdle() async throws {
    let server = try await TestServer { $0.idleTimeout = .milliseconds(300) }
    // Connects and never sends a byte, not even the preface.
    let closedByServer = try await RawConnection.sendAndAwaitClose([], port: server.port)
    #expect(closedByServer)
    #expect(server.server.connectionCount == 0)
    await server.server.shutdown()
  }

  @Test func clientThatNeverReadsIsDroppedAndFreed() async throws {
    let server = try await TestServer { $0.idleTimeout = .seconds(1) }
    // A valid HTTP/2 start asking for a large stream of responses, then no reading at all: the
    // server fills the socket, stops writing, and drops the connection when it goes idle.
    let stalled = try await RawConnection.openNeverReading(port: server.port, token: server.adminToken)
    try await waitUntil { server.server.connectionCount == 0 }
    try? await stalled.close()
    #expect(try await server.client().unary(Health.check, .init()).status == "SERVING")
    await server.server.shutdown()
  }

  @Test func shutdownLetsCallsInFlightFinishAndRefusesNewConnections() async throws {
    let server = try await TestServer { $0.drainTime = .seconds(10) }
    let client = server.client(token: server.adminToken)
    let inFlight = Task { try await client.unary(TestService.sleep, .init(milliseconds: 300)) }
    try await waitUntil { server.observations.startedSleeps.withLock { $0 } == 1 }
    await server.server.shutdown()
    #expect(try await inFlight.value == TestService.Empty())
    #expect(server.observations.finishedSleeps.withLock { $0 } == 1)
    let refused = await #expect(throws: RPCError.self) {
      try await server.client().unary(Health.check, .init())
    }
    #expect(refused?.code == .unavailable)
  }
}
