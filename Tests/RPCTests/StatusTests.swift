import Foundation
import IPPSchema
import RPC
import RPCCore
import Testing

/// Every status path, over real loopback sockets.
struct StatusTests {
  @Test func healthCheckNeedsNoToken() async throws {
    let server = try await TestServer()
    let response = try await server.client().unary(Health.check, Health.CheckRequest())
    #expect(response == Health.CheckResponse(status: "SERVING"))
    await server.server.shutdown()
  }

  @Test func authenticatedCallSeesItsPrincipal() async throws {
    let server = try await TestServer()
    let response = try await server.client(token: server.operatorToken).unary(
      TestService.echo,
      .init(text: "halo")
    )
    #expect(response == .init(text: "halo", caller: "operator.sragen"))
    await server.server.shutdown()
  }

  @Test(arguments: [nil, "not-a-token"])
  func missingOrUnknownTokenIsUnauthenticated(token: String?) async throws {
    let server = try await TestServer()
    let error = await #expect(throws: RPCError.self) {
      try await server.client(token: token).unary(TestService.echo, .init(text: "x"))
    }
    #expect(error?.code == .unauthenticated)
    await server.server.shutdown()
  }

  @Test func wrongRoleOrScopeIsPermissionDenied() async throws {
    let server = try await TestServer()
    let client = server.client(token: server.operatorToken)
    let role = await #expect(throws: RPCError.self) { try await client.unary(TestService.adminOnly, .init()) }
    #expect(role?.code == .permissionDenied)
    let scope = await #expect(throws: RPCError.self) {
      try await client.unary(TestService.scoped, .init(region: "33.15"))
    }
    #expect(scope?.code == .permissionDenied)
    #expect(scope?.message == "You may not act on region 33.15")
    _ = try await client.unary(TestService.scoped, .init(region: "33.14"))
    _ = try await server.client(token: server.adminToken).unary(TestService.adminOnly, .init())
    await server.server.shutdown()
  }

  @Test func unknownMethodIsUnimplemented() async throws {
    let server = try await TestServer()
    let error = await #expect(throws: RPCError.self) {
      try await server.client(token: server.adminToken).unary(TestService.missing, .init())
    }
    #expect(error?.code == .unimplemented)
    #expect(error?.message == "Method not found: /ipp.Test/Missing")
    await server.server.shutdown()
  }

  @Test func undecodableRequestIsInvalidArgument() async throws {
    let server = try await TestServer()
    let error = await #expect(throws: RPCError.self) {
      try await server.client(token: server.adminToken).unary(TestService.echoWithWrongType, .init(number: 1))
    }
    #expect(error?.code == .invalidArgument)
    #expect(error?.message == "The request is not a valid EchoRequest: No value for key \"text\"")
    await server.server.shutdown()
  }

  @Test func messagesAtAndOverTheLimit() async throws {
    let server = try await TestServer { $0.maxMessageSize = 1000 }
    let client = server.client(token: server.adminToken)
    // {"text": <n chars>} is n + 9 bytes of CBOR (a1 64 74657874 79 nnnn).
    _ = try await client.unary(TestService.echo, .init(text: String(repeating: "a", count: 991)))
    let error = await #expect(throws: RPCError.self) {
      try await client.unary(TestService.echo, .init(text: String(repeating: "a", count: 992)))
    }
    #expect(error?.code == .resourceExhausted)
    #expect(error?.message == "The message is 1001 bytes, over the limit of 1000")
    await server.server.shutdown()
  }

  @Test func handlerErrorsDoNotLeakInternals() async throws {
    let server = try await TestServer()
    let error = await #expect(throws: RPCError.self) {
      try await server.client(token: server.adminToken).unary(TestService.fail, .init())
    }
    #expect(error?.code == .unknown)
    #expect(error?.message == "The server failed to handle the call")
    await server.server.shutdown()
  }

  @Test func serverStreamingDeliversEveryMessageInOrder() async throws {
    let server = try await TestServer()
    var received: [Int] = []
    try await server.client(token: server.adminToken).serverStreaming(TestService.count, .init(count: 500)) {
      received.append($0.index)
    }
    #expect(received == Array(0..<500))
    await server.server.shutdown()
  }
}
