import Foundation
import IPPSchema
import RPCCore
import Synchronization
import TestSupport
import Testing

/// The in-process caller runs a router's methods as the server would, without sockets.
struct InProcessCallerTests {
  let observations = TestService.Observations()
  var router: RPCRouter { TestService.router(observations) }
  let admin = Principal(name: "kpu.ri", role: .admin)
  let sragen = Principal(name: "operator.sragen", role: .regency, scope: "33.14")

  @Test func unaryCallsSeeTheirPrincipal() async throws {
    let caller = InProcessCaller(router: router, principal: sragen)
    #expect(
      try await caller.unary(TestService.echo, .init(text: "halo"))
        == .init(text: "halo", caller: "operator.sragen")
    )
  }

  @Test func streamingCallsDeliverEveryMessageInOrder() async throws {
    var indexes: [Int] = []
    try await InProcessCaller(router: router, principal: admin).serverStreaming(
      TestService.count,
      .init(count: 5)
    ) {
      indexes.append($0.index)
    }
    #expect(indexes == [0, 1, 2, 3, 4])
  }

  @Test func accessScopeAndRoutingAreCheckedAsOnTheWire() async throws {
    let operatorCaller = InProcessCaller(router: router, principal: sragen)
    #expect(
      await status { try await operatorCaller.unary(TestService.adminOnly, .init()) } == .permissionDenied
    )
    #expect(
      await status { try await operatorCaller.unary(TestService.scoped, .init(region: "33.10")) }
        == .permissionDenied
    )
    #expect(
      await status { try await operatorCaller.unary(TestService.scoped, .init(region: "33.14")) } == nil
    )
    let anonymous = InProcessCaller(router: router, principal: nil)
    #expect(
      await status { try await anonymous.unary(TestService.echo, .init(text: "x")) } == .unauthenticated
    )
    #expect(try await anonymous.unary(Health.check, .init()).status == "SERVING")
    #expect(await status { try await anonymous.unary(TestService.missing, .init()) } == .unimplemented)
    #expect(
      await status { try await operatorCaller.unary(TestService.echoWithWrongType, .init(number: 1)) }
        == .invalidArgument
    )
    #expect(await status { try await operatorCaller.unary(TestService.fail, .init()) } == .unknown)
  }

  @Test func theDeadlineEndsASlowHandlerAndCancelsIt() async throws {
    let caller = InProcessCaller(router: router, principal: admin)
    let code = await status {
      try await caller.unary(
        TestService.sleep,
        .init(milliseconds: 60_000),
        options: CallOptions(timeout: .milliseconds(50))
      )
    }
    #expect(code == .deadlineExceeded)
    try await waitUntil { observations.cancelledSleeps.withLock { $0 } == 1 }
  }
}
