import Foundation
import Logging
import NIOCore
import NIOPosix
import IPPSchema
import RPC
import RPCCore
import Synchronization

/// `ipp.Test`: a service with one method per behaviour the runtime must handle.
enum TestService {
  struct EchoRequest: Codable, Sendable, Equatable { var text: String }
  struct EchoResponse: Codable, Sendable, Equatable { var text: String; var caller: String? }
  struct CountRequest: Codable, Sendable { var count: Int }
  struct CountResponse: Codable, Sendable, Equatable { var index: Int }
  struct SleepRequest: Codable, Sendable { var milliseconds: Int }
  struct Empty: Codable, Sendable, Equatable {}
  struct RegionRequest: Codable, Sendable { var region: String }
  /// A request type that does not match Echo's, to send an undecodable message.
  struct WrongRequest: Codable, Sendable { var number: Int }

  static let echo = RPCMethod<EchoRequest, EchoResponse>(service: "Test", name: "Echo", isIdempotent: true)
  static let count = RPCMethod<CountRequest, CountResponse>(
    service: "Test",
    name: "Count",
    kind: .serverStreaming,
    isIdempotent: true
  )
  static let sleep = RPCMethod<SleepRequest, Empty>(service: "Test", name: "Sleep", isIdempotent: false)
  static let fail = RPCMethod<Empty, Empty>(service: "Test", name: "Fail", isIdempotent: false)
  static let adminOnly = RPCMethod<Empty, Empty>(service: "Test", name: "AdminOnly", isIdempotent: true)
  static let scoped = RPCMethod<RegionRequest, Empty>(service: "Test", name: "Scoped", isIdempotent: true)
  static let missing = RPCMethod<Empty, Empty>(service: "Test", name: "Missing", isIdempotent: true)
  static let echoWithWrongType = RPCMethod<WrongRequest, EchoResponse>(
    service: "Test",
    name: "Echo",
    isIdempotent: true
  )

  /// What the handlers saw, for tests to check.
  final class Observations: Sendable {
    let startedSleeps = Mutex(0)
    let cancelledSleeps = Mutex(0)
    let finishedSleeps = Mutex(0)
  }

  static func router(_ observations: Observations) -> RPCRouter {
    var router = RPCRouter()
    router.register(Health.check, access: .open, execution: .eventLoop) { _, _ in
      Health.CheckResponse(status: "SERVING")
    }
    // Echo and Count run on the event loop, the rest on the concurrent pool: both paths are tested.
    router.register(echo, access: .authenticated, execution: .eventLoop) { request, context in
      EchoResponse(text: request.text, caller: context.principal?.name)
    }
    router.register(count, access: .authenticated, execution: .eventLoop) { request, _, writer in
      for index in 0..<request.count { try await writer.write(CountResponse(index: index)) }
    }
    router.register(sleep, access: .authenticated) { request, _ in
      observations.startedSleeps.withLock { $0 += 1 }
      do {
        try await Task.sleep(for: .milliseconds(request.milliseconds))
      } catch {
        observations.cancelledSleeps.withLock { $0 += 1 }
        throw error
      }
      observations.finishedSleeps.withLock { $0 += 1 }
      return Empty()
    }
    router.register(fail, access: .authenticated) { _, _ in
      throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: "/secret/path"])
    }
    router.register(adminOnly, access: .roles([.admin])) { _, _ in Empty() }
    router.register(scoped, access: .authenticated) { request, context in
      try context.requireAccess(toRegion: request.region)
      return Empty()
    }
    return router
  }
}

/// A real server on a free loopback port with tokens made up for this test run.
struct TestServer {
  /// The loops the wire's tests run on, servers and clients alike: their own, so that what the
  /// rest of the suite does on the shared loops cannot hold up a connection these tests wait for.
  static let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)

  let server: RPCServer
  let port: Int
  let adminToken = "admin-" + UUID().uuidString
  let operatorToken = "operator-" + UUID().uuidString
  let observations = TestService.Observations()

  /// A server logging to `logHandler` (by default nowhere below critical).
  init(
    logHandler: (any LogHandler)? = nil,
    configure: (inout RPCServer.Configuration) -> Void = { _ in }
  ) async throws {
    var authenticator = Authenticator()
    authenticator.add(token: adminToken, as: Principal(name: "kpu.ri", role: .admin))
    authenticator.add(
      token: operatorToken,
      as: Principal(name: "operator.sragen", role: .regency, scope: "33.14")
    )
    var configuration = RPCServer.Configuration()
    configure(&configuration)
    var logger = logHandler.map { handler in Logger(label: "test") { _ in handler } } ?? Logger(label: "test")
    if logHandler == nil { logger.logLevel = .critical }
    server = RPCServer(
      configuration: configuration,
      router: TestService.router(observations),
      authenticator: authenticator,
      logger: logger,
      group: Self.group
    )
    port = try await server.start().port!
  }

  func client(
    token: String? = nil,
    configure: (inout RPCClient.Configuration) -> Void = { _ in }
  )
    -> RPCClient
  {
    var configuration = RPCClient.Configuration(host: "127.0.0.1", port: port, token: token)
    configure(&configuration)
    return RPCClient(configuration: configuration, group: Self.group)
  }
}
