import Foundation
import IPPSchema
import RPC
import RPCCore
import Synchronization
import Testing

/// Deadlines and cancellation, both ways.
struct DeadlineAndCancellationTests {
  @Test func serverEnforcesGRPCTimeoutAndCancelsTheHandler() async throws {
    let server = try await TestServer()
    let client = server.client(token: server.adminToken)
    // Connected first, so that the deadline is the server's to enforce, not the connect's; and
    // long enough for the handler to start on a busy machine, which the test waits to see.
    _ = try await client.unary(Health.check, .init())
    let call = Task {
      try await client.unary(
        TestService.sleep,
        .init(milliseconds: 10_000),
        options: CallOptions(timeout: .seconds(2))
      )
    }
    try await waitUntil { server.observations.startedSleeps.withLock { $0 } == 1 }
    let error = await #expect(throws: RPCError.self) { try await call.value }
    #expect(error?.code == .deadlineExceeded)
    try await waitUntil { server.observations.cancelledSleeps.withLock { $0 } == 1 }
    #expect(server.observations.finishedSleeps.withLock { $0 } == 0)
    await server.server.shutdown()
  }

  @Test func clientCancellationResetsTheStreamAndCancelsTheHandler() async throws {
    let server = try await TestServer()
    let client = server.client(token: server.adminToken)
    let call = Task { try await client.unary(TestService.sleep, .init(milliseconds: 10_000)) }
    try await waitUntil { server.observations.startedSleeps.withLock { $0 } == 1 }
    call.cancel()
    let error = await #expect(throws: RPCError.self) { try await call.value }
    #expect(error?.code == .cancelled)
    try await waitUntil { server.observations.cancelledSleeps.withLock { $0 } == 1 }
    await server.server.shutdown()
  }

  @Test func deadlineFromAHandlerIsPassedOn() async throws {
    let server = try await TestServer()
    let client = server.client(token: server.adminToken)
    // A deadline already close: the remaining budget, not a fresh timeout, reaches the server.
    let deadline = ContinuousClock.now + .milliseconds(150)
    let error = await #expect(throws: RPCError.self) {
      try await client.unary(
        TestService.sleep,
        .init(milliseconds: 5_000),
        options: CallOptions(timeout: .seconds(60), deadline: deadline)
      )
    }
    #expect(error?.code == .deadlineExceeded)
    await server.server.shutdown()
  }

  @Test func aDeadlineThatPassesWhileConnectingIsDeadlineExceeded() async throws {
    // A listener that never accepts, with its backlog full, so that a connect hangs.
    let (sockets, port) = try Self.listenerThatNeverAccepts()
    defer { for socket in sockets { close(socket) } }
    let client = RPCClient(configuration: .init(host: "127.0.0.1", port: port), group: TestServer.group)
    let error = await #expect(throws: RPCError.self) {
      try await client.unary(Health.check, .init(), options: CallOptions(timeout: .milliseconds(200)))
    }
    #expect(error?.code == .deadlineExceeded)
  }

  /// A loopback socket that listens with a backlog of none and is already full: the kernel
  /// drops every further SYN, so a connect to it neither succeeds nor fails until it times out.
  /// Answers the sockets to close (the listener and those filling it) and the port.
  static func listenerThatNeverAccepts() throws -> ([Int32], Int) {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    var sockets = [listener]
    try withUnsafeMutablePointer(to: &address) { pointer in
      try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        guard bind(listener, socketAddress, length) == 0, listen(listener, 0) == 0,
          getsockname(listener, socketAddress, &length) == 0
        else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        for _ in 0..<4 {
          let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
          _ = connect(filler, socketAddress, length)
          sockets.append(filler)
        }
      }
    }
    return (sockets, Int(UInt16(bigEndian: address.sin_port)))
  }

  @Test(arguments: [
    ("1S", Duration.seconds(1)), ("250m", .milliseconds(250)), ("3H", .seconds(10800)),
    ("7n", .nanoseconds(7)),
  ])
  func grpcTimeoutHeaderParses(text: String, duration: Duration) {
    #expect(GRPCTimeout.parse(text) == duration)
  }

  @Test(arguments: ["", "S", "123456789S", "1x", "-1S", "1.5S"])
  func malformedGRPCTimeoutIsRefused(text: String) {
    #expect(GRPCTimeout.parse(text) == nil)
  }

  @Test func grpcTimeoutFormatsWithinEightDigits() {
    #expect(GRPCTimeout.format(.milliseconds(250)) == "250000u")
    #expect(GRPCTimeout.format(.seconds(86_400 * 365)) == "31536000S")
    #expect(GRPCTimeout.format(.seconds(86_400 * 36_500)) == "52560000M")
  }
}

/// Polls `condition` until it holds, failing the test after a generous bound; used only to wait
/// for something the server does asynchronously, never to measure time.
func waitUntil(_ condition: @escaping @Sendable () -> Bool) async throws {
  for _ in 0..<3000 {
    if condition() { return }
    try await Task.sleep(for: .milliseconds(10))
  }
  Issue.record("condition did not hold within 30 s")
}
