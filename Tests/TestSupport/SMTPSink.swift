public import Foundation

/// Python's aiosmtpd on a free loopback port, started by a test: STARTTLS required (with a
/// certificate made at test time for `localhost`), AUTH with a password made at test time, each
/// accepted message kept as a file. `mode` makes it answer DATA with a 4xx or 5xx instead.
public final class SMTPSink: @unchecked Sendable {
  public enum Mode: String { case accept, tempfail, permfail }

  public let folder: TemporaryDirectory
  public let port: Int
  public let password: String
  private let peer: PythonPeer

  public var certificatePath: String { folder.appending("cert.pem").path }
  public var mailbox: URL { folder.appending("mail") }

  static let script = """
    import json, os, socket, ssl, sys
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
    folder, mode, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if mode == "tempfail": return "451 4.3.0 Mailbox busy, try again later"
            if mode == "permfail": return "554 5.7.1 Message rejected"
            n = len([name for name in os.listdir(os.path.join(folder, "mail")) if name.endswith(".eml")])
            # The envelope first and each file whole (renamed into place): a reader that sees a
            # message sees all of it.
            base = os.path.join(folder, "mail", f"{n:05d}")
            with open(base + ".json.part", "w") as f:
                json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
            os.replace(base + ".json.part", base + ".json")
            with open(base + ".eml.part", "wb") as f: f.write(envelope.original_content)
            os.replace(base + ".eml.part", base + ".eml")
            return "250 2.0.0 Ok: queued as %05d" % n
    def authenticate(server, session, envelope, mechanism, data):
        return AuthResult(success=isinstance(data, LoginPassword) and data.login == b"ipp-notify"
                          and data.password == os.environ["SINK_PASSWORD"].encode(), handled=False)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem"))
    if port == 0:
        probe = socket.socket(); probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]; probe.close()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=authenticate, auth_require_tls=True)
    controller.start()
    print("READY", port, flush=True)
    sys.stdin.read()
    controller.stop()
    """

  /// A sink answering as `mode` says, on `port` (a free one when 0). Given an earlier sink, it
  /// starts again as that server: same folder, certificate, password and port.
  public init(mode: Mode = .accept, port: Int = 0, restarting earlier: SMTPSink? = nil) async throws {
    if let earlier {
      folder = earlier.folder
      password = earlier.password
    } else {
      folder = try TemporaryDirectory("smtp-sink")
      password = UUID().uuidString
      try FileManager.default.createDirectory(at: folder.appending("mail"), withIntermediateDirectories: true)
      let openssl = try await Program.run([
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost", "-keyout", folder.appending("key.pem").path, "-out",
        folder.appending("cert.pem").path,
      ])
      guard openssl.status == 0 else { throw PythonPeer.NotReady(description: "openssl: \(openssl.errors)") }
    }
    peer = try PythonPeer(
      script: Self.script,
      arguments: [folder.path, mode.rawValue, String(earlier?.port ?? port)],
      environment: ["SINK_PASSWORD": password]
    )
    self.port = Int(peer.ready[0])!
  }

  /// A message's envelope as the server took it.
  public struct Envelope: Decodable, Sendable {
    public var from: String
    public var to: [String]
  }

  /// How many messages were accepted so far.
  public func count() throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: mailbox.path).filter { $0.hasSuffix(".eml") }.count
  }

  /// The messages accepted so far: raw bytes and envelope, in order.
  public func messages() throws -> [(raw: Data, envelope: Envelope)] {
    let names = try FileManager.default.contentsOfDirectory(atPath: mailbox.path).filter {
      $0.hasSuffix(".eml")
    }.sorted()
    return try names.map { name in
      let raw = try Data(contentsOf: mailbox.appendingPathComponent(name))
      let json = try Data(
        contentsOf: mailbox.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json"))
      )
      return (raw, try JSONDecoder().decode(Envelope.self, from: json))
    }
  }

  public func stop() { peer.stop() }
}
