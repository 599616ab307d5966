internal import RPCCore
internal import NIOSSL

/// TLS for a server: its certificate chain and private key, PEM files. ALPN offers `h2` only.
public struct ServerTLS: Sendable, Hashable {
  /// The PEM certificate chain, leaf first.
  public var certificateChainPath: String
  /// The PEM private key.
  public var privateKeyPath: String

  /// TLS with the given PEM files.
  public init(certificateChainPath: String, privateKeyPath: String) {
    self.certificateChainPath = certificateChainPath
    self.privateKeyPath = privateKeyPath
  }

  func makeContext() throws -> NIOSSLContext {
    do {
      var configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: try NIOSSLCertificate.fromPEMFile(certificateChainPath).map { .certificate($0) },
        privateKey: .privateKey(try NIOSSLPrivateKey(file: privateKeyPath, format: .pem))
      )
      configuration.applicationProtocols = ["h2"]
      configuration.minimumTLSVersion = .tlsv12
      return try NIOSSLContext(configuration: configuration)
    } catch {
      throw RPCError(
        code: .failedPrecondition,
        message: "Cannot use TLS certificate \(certificateChainPath) with key \(privateKeyPath)",
        cause: error
      )
    }
  }
}

/// TLS for a client: which certificate authorities to trust and the name to check. ALPN asks for `h2`.
public struct ClientTLS: Sendable, Hashable {
  /// A PEM file of trusted CA certificates; nil trusts the system's.
  public var trustRootsPath: String?
  /// The name the server's certificate must carry; nil uses the host connected to.
  public var serverHostname: String?

  /// TLS trusting `trustRootsPath` (or the system's roots).
  public init(trustRootsPath: String? = nil, serverHostname: String? = nil) {
    self.trustRootsPath = trustRootsPath
    self.serverHostname = serverHostname
  }

  func makeContext() throws -> NIOSSLContext {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.applicationProtocols = ["h2"]
    configuration.minimumTLSVersion = .tlsv12
    if let trustRootsPath { configuration.trustRoots = .file(trustRootsPath) }
    return try NIOSSLContext(configuration: configuration)
  }
}
