import Foundation
import IPPSchema
import Logging
import RPC
import RPCCore
import Synchronization
import TestSupport
import Testing

/// What RFC 9113 requires of the server, checked with frames written by hand over a raw
/// connection, and what a peer that is not gRPC (curl, a browser, a load balancer) is told.
struct HTTP2ConformanceTests {
  /// RFC 9113 §5.1.1: a stream id lower than one the client already opened is a connection
  /// error of type PROTOCOL_ERROR.
  @Test func aStreamIDLowerThanOneAlreadyOpenedIsAProtocolError() async throws {
    let lines = LogCapture()
    let server = try await TestServer(logHandler: lines.handler)
    let bytes =
      RawConnection.preface
      + (try RawConnection.call(
        stream: 3,
        path: Health.check.path,
        token: nil,
        request: Health.CheckRequest()
      ))
      + (try RawConnection.call(
        stream: 1,
        path: Health.check.path,
        token: nil,
        request: Health.CheckRequest()
      ))
    let frames = try await RawConnection.exchange(bytes, port: server.port) { frames in
      frames.contains { $0.type == RawConnection.Frame.goAway }
    }
    let goAway = try #require(frames.first { $0.type == RawConnection.Frame.goAway }, "\(frames)")
    #expect(goAway.errorCode == 0x1)  // PROTOCOL_ERROR
    #expect(!frames.contains { $0.stream == 1 && $0.type == RawConnection.Frame.headers })
    // The ops engineer reading the journal sees who broke which rule.
    let failure = try #require(
      lines.entries.withLock { $0.first { $0.message == "connection closed on an error" } }
    )
    #expect(failure.level == .warning)
    #expect(failure.metadata["ipp.peer"]?.hasPrefix("127.0.0.1:") == true)
    #expect(
      failure.metadata["ipp.error"] == "HEADERS on stream 1 after stream 3 was opened (RFC 9113 §5.1.1)"
    )
    await server.server.shutdown()
  }

  /// RFC 9113 §5.1.2: streams beyond SETTINGS_MAX_CONCURRENT_STREAMS are refused, even when they
  /// arrive before the client has acknowledged the setting, in one write. (Each call sleeps for a
  /// second so that none can end, and free its slot, between the server's reads.)
  @Test func streamsBeyondTheAdvertisedLimitAreRefusedEvenInOneRead() async throws {
    let server = try await TestServer { $0.maxConcurrentStreams = 100 }
    var bytes = RawConnection.preface
    for index in 0..<101 {
      bytes += try RawConnection.call(
        stream: UInt32(2 * index + 1),
        path: TestService.sleep.path,
        token: server.adminToken,
        request: TestService.SleepRequest(milliseconds: 1_000)
      )
    }
    let frames = try await RawConnection.exchange(bytes, port: server.port) { frames in
      frames.filter { $0.type == RawConnection.Frame.headers && $0.flags & 0x1 != 0 }.count
        + frames.filter { $0.type == RawConnection.Frame.resetStream }.count >= 101
    }
    let refused = frames.filter { $0.type == RawConnection.Frame.resetStream }
    #expect(refused.map(\.stream) == [201])
    #expect(refused.map(\.errorCode) == [0x7])  // REFUSED_STREAM
    let answered = Set(frames.filter { $0.type == RawConnection.Frame.headers }.map(\.stream))
    #expect(answered.count == 100 && !answered.contains(201))
    await server.server.shutdown()
  }

  /// curl without HTTP/2 (or a browser, or a load balancer's HTTP/1.1 probe) is told in one
  /// line what the port serves, not hung up on.
  @Test func anHTTP1RequestIsToldWhatThePortServes() async throws {
    let server = try await TestServer()
    let run = try await Program.run(["curl", "-sS", "-i", "http://127.0.0.1:\(server.port)/"])
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.text.components(separatedBy: "\r\n")
    #expect(lines.first == "HTTP/1.1 505 HTTP Version Not Supported")
    #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
    #expect(lines.last?.contains("gRPC over HTTP/2") == true, "\(run.text)")
    #expect(lines.last?.contains("application/grpc+cbor") == true)
    #expect(try await server.client().unary(Health.check, .init()).status == "SERVING")
    await server.server.shutdown()
  }

  @Test(arguments: [
    (["--http2-prior-knowledge"], "405"),
    (["--http2-prior-knowledge", "-X", "POST", "-H", "content-type: application/json", "-d", "{}"], "415"),
  ])
  func anHTTP2RequestThatIsNotGRPCGetsItsStatusAndAOneLineBody(options: [String], status: String) async throws
  {
    let server = try await TestServer()
    let run = try await Program.run(
      ["curl", "-sS", "-o", "-", "-w", "%{http_code}"] + options + [
        "http://127.0.0.1:\(server.port)/ipp.Test/Echo"
      ]
    )
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.text.components(separatedBy: "\n")
    #expect(lines.count == 2, "\(run.text)")
    #expect(lines.last == status)
    #expect(lines.first?.contains("gRPC over HTTP/2") == true, "\(run.text)")
    await server.server.shutdown()
  }
}

/// A client cancelling calls in bulk is one warning, not a line per call. (Beyond about 1,000
/// resets in a burst nghttp2's rapid-reset guard, CVE-2023-44487, ends the connection: the test
/// stays under it.)
struct CancellationLoggingTests {
  @Test func aBurstOfCancellationsIsOneWarning() async throws {
    let lines = LogCapture()
    let server = try await TestServer(logHandler: lines.handler)
    var bytes = RawConnection.preface
    for index in 0..<900 {
      let stream = UInt32(2 * index + 1)
      bytes += try RawConnection.call(
        stream: stream,
        path: TestService.sleep.path,
        token: server.adminToken,
        request: TestService.SleepRequest(milliseconds: 10_000)
      )
      bytes += RawConnection.frame(
        type: RawConnection.Frame.resetStream,
        flags: 0,
        stream: stream,
        payload: [0, 0, 0, 0x8]
      )
    }
    // A last call, answered once every reset before it has been handled.
    bytes += try RawConnection.call(
      stream: 1_801,
      path: Health.check.path,
      token: nil,
      request: Health.CheckRequest()
    )
    let frames = try await RawConnection.exchange(bytes, port: server.port) { frames in
      frames.contains { $0.stream == 1_801 && $0.type == RawConnection.Frame.headers && $0.flags & 0x1 != 0 }
    }
    #expect(frames.contains { $0.stream == 1_801 })
    let warnings = lines.entries.withLock { $0.filter { $0.level >= .warning } }
    #expect(warnings.map(\.message) == ["client cancelled many calls"])
    let cancelled = lines.entries.withLock { $0.filter { $0.metadata["ipp.status"] == "CANCELLED" } }
    #expect(cancelled.count == 900)
    #expect(cancelled.allSatisfy { $0.level == .debug })
    await server.server.shutdown()
  }
}
