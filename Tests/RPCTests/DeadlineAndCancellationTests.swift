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
    let error = await #expect(throws: RPCError.self) {
      try await client.unary(
        TestService.sleep,
        .init(milliseconds: 10_000),
        options: CallOptions(timeout: .milliseconds(100))
      )
    }
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
  for _ in 0..<1000 {
    if condition() { return }
    try await Task.sleep(for: .milliseconds(10))
  }
  Issue.record("condition did not hold within 10 s")
}
