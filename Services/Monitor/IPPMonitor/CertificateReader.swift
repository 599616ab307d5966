public import Foundation
public import NIOCore
internal import NIOPosix
internal import NIOSSL
internal import NIOTLS

/// Reads when the certificate a site's TLS server presents expires: a handshake with the host
/// name as SNI and nothing judged (the availability check judges the certificate; this only reads
/// its `notAfter`, which NIOSSL gives, so no X.509 library is needed). It connects where a
/// ``ResolveOverride`` says, as the prober's proxy does, and reaches no host that the overrides do
/// not cover; with no overrides, the real host, only when `realHosts` allows it.
public struct CertificateReader: Sendable {
  let overrides: [ResolveOverride]
  let realHosts: Bool
  let timeout: TimeAmount
  let context: NIOSSLContext

  public init(overrides: [ResolveOverride], realHosts: Bool, timeout: TimeAmount) throws {
    self.overrides = overrides
    self.realHosts = realHosts
    self.timeout = timeout
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.certificateVerification = .none
    context = try NIOSSLContext(configuration: configuration)
  }

  /// When `host`'s certificate on `port` expires; nil when it cannot be read (no TLS, no
  /// answer in the timeout, or a host nothing may reach).
  public func notAfter(host: String, port: Int = 443) async -> Date? {
    let target: (String, Int)
    if !overrides.isEmpty {
      guard let entry = overrides.first(where: { $0.matches(host: host, port: port) }) else { return nil }
      target = (entry.address, entry.targetPort)
    } else if realHosts {
      target = (host, port)
    } else {
      return nil
    }
    let group = MultiThreadedEventLoopGroup.singleton
    let handshake = group.any().makePromise(of: Void.self)
    let bootstrap = ClientBootstrap(group: group)
      .connectTimeout(timeout)
      .channelInitializer { [context] channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandlers([
            try NIOSSLClientHandler(context: context, serverHostname: host),
            HandshakeWaiter(promise: handshake),
          ])
        }
      }
    do {
      let channel = try await bootstrap.connect(host: target.0, port: target.1).get()
      let deadline = channel.eventLoop.scheduleTask(in: timeout) {
        handshake.fail(ChannelError.connectTimeout(timeout))
      }
      defer {
        deadline.cancel()
        channel.close(promise: nil)
      }
      try await handshake.futureResult.get()
      let certificate = try await channel.nioSSL_peerCertificate().get()
      return certificate.map { Date(timeIntervalSince1970: TimeInterval($0.notValidAfter)) }
    } catch {
      handshake.fail(error)
      return nil
    }
  }
}

/// Completes a promise when the TLS handshake is done, or fails it when the connection fails
/// first.
private final class HandshakeWaiter: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer

  private let promise: EventLoopPromise<Void>

  init(promise: EventLoopPromise<Void>) {
    self.promise = promise
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if case .handshakeCompleted = event as? TLSUserEvent { promise.succeed() }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    promise.fail(error)
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    promise.fail(ChannelError.eof)
    context.fireChannelInactive()
  }
}
