import Foundation
import TestSupport
import Testing

/// Local stand-ins for KPU sites, served by a test on loopback in Python (http.server, plain and
/// TLS with a certificate per host chosen by SNI, made at test time with `cryptography` under a
/// test CA): each host behaves as its name says, unless the test set a page for it
/// (``setPage(_:_:_:)``); an article, sitemap or feed not set is a 404. `caPath` is
/// the CA to trust.
final class WebFarm: @unchecked Sendable {
  let folder: TemporaryDirectory
  let httpPort: Int
  let httpsPort: Int
  private let peer: PythonPeer

  var caPath: String { folder.appending("ca.pem").path }

  /// What each host does.
  static let script = #"""
    import datetime, gzip, http.server, os, socket, ssl, sys, threading, time
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    folder = sys.argv[1]
    now = datetime.datetime.now(datetime.timezone.utc)
    # The test's clock, for the certificates whose expiry it reads.
    clock = datetime.datetime.fromtimestamp(float(sys.argv[2]), datetime.timezone.utc)
    def name(cn): return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    def certificate(subject, key, issuer, issuer_key, hosts, start, end, ca=False):
        builder = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(start).not_valid_after(end)
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if hosts: builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]), False)
        return builder.sign(issuer_key, hashes.SHA256())
    def write(path, cert, key):
        with open(path + ".pem", "wb") as f: f.write(cert.public_bytes(serialization.Encoding.PEM))
        with open(path + ".key", "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = certificate("IPP test CA", ca_key, "IPP test CA", ca_key, [], now - datetime.timedelta(days=1),
                     max(now, clock) + datetime.timedelta(days=800), ca=True)
    with open(os.path.join(folder, "ca.pem"), "wb") as f: f.write(ca.public_bytes(serialization.Encoding.PEM))
    def leaf(file, hosts, start, end, self_signed=False):
        key = ec.generate_private_key(ec.SECP256R1())
        issuer, issuer_key = (hosts[0], key) if self_signed else ("IPP test CA", ca_key)
        write(os.path.join(folder, file), certificate(hosts[0], key, issuer, issuer_key, hosts, start, end), key)
    leaf("good", ["*.kpu.go.id", "kpu.go.id"], now - datetime.timedelta(days=1), max(now, clock) + datetime.timedelta(days=400))
    leaf("expired", ["kab-kadaluarsa.kpu.go.id"], now - datetime.timedelta(days=90), now - datetime.timedelta(days=1))
    leaf("self", ["kab-swasertifikat.kpu.go.id"], now - datetime.timedelta(days=1), now + datetime.timedelta(days=90), True)
    leaf("soon", ["kab-hampirhabis.kpu.go.id"], min(now, clock) - datetime.timedelta(days=80), clock + datetime.timedelta(days=5, hours=12))
    def context(file):
        c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        c.load_cert_chain(os.path.join(folder, file + ".pem"), os.path.join(folder, file + ".key"))
        return c
    contexts = {"kab-kadaluarsa.kpu.go.id": context("expired"), "kab-swasertifikat.kpu.go.id": context("self"),
                "kab-hampirhabis.kpu.go.id": context("soon")}
    default = context("good")
    def choose(sock, server_name, _): sock.context = contexts.get(server_name, default)
    default.sni_callback = choose
    LISTING = ("<html><body><h1>Berita Terkini</h1><div class='post'>Kamis (8/5/2025) Rapat pleno</div>"
               "<div class='post'>9 Mei 2025 Sosialisasi pemilih pemula</div></body></html>").encode()
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def reply(self, status, body, headers=()):
            self.send_response(status)
            for k, v in headers: self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def do_GET(self):
            host = self.headers.get("Host", "").split(":")[0]
            site = host.split(".")[0]
            page = os.path.join(folder, "pages", host + self.path.replace("/", "_"))
            if os.path.exists(page):
                with open(page, "rb") as f: return self.reply(200, f.read(), [("Content-Type", "text/html")])
            if "/blog/read/" in self.path or self.path in ("/sitemap.xml", "/feed"): return self.reply(404, b"Not Found")
            if site == "kab-mati": return self.reply(503, b"Service Unavailable")
            if site == "kab-lambat": time.sleep(30)
            if site == "kab-putar": return self.reply(302, b"", [("Location", self.path)])
            if site == "kab-besar": return self.reply(200, b"<p>" + b"x" * (3 << 20) + b"</p>")
            if site == "kab-gzip":
                return self.reply(200, gzip.compress(LISTING), [("Content-Encoding", "gzip"), ("Content-Type", "text/html")])
            if site == "kab-rusak": return self.reply(200, b"<div><p>Rabu (7/5/2025) rapat<span <<<")
            self.reply(200, LISTING, [("Content-Type", "text/html; charset=utf-8"),
                                      ("Last-Modified", "Fri, 09 May 2025 03:00:00 GMT")])
        def log_message(self, *args): pass
    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 512
    plain = Server(("127.0.0.1", 0), Handler)
    secure = Server(("127.0.0.1", 0), Handler)
    # The handshake happens in each connection's own thread, not in the one that accepts.
    secure.socket = default.wrap_socket(secure.socket, server_side=True, do_handshake_on_connect=False)
    for server in (plain, secure): threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY", plain.server_address[1], secure.server_address[1], flush=True)
    sys.stdin.read()
    """#

  /// A farm whose certificates are dated for a test whose clock reads `now`: the usual one is
  /// valid 400 days from then, `kab-hampirhabis`'s expires 5.5 days after it.
  init(now: Date = Date()) async throws {
    folder = try TemporaryDirectory("web-farm")
    peer = try PythonPeer(script: Self.script, arguments: [folder.path, "\(now.timeIntervalSince1970)"])
    httpPort = Int(peer.ready[0])!
    httpsPort = Int(peer.ready[1])!
  }

  /// Serves `body` at `path` on `host` from now on (a page the test writes wins over what the
  /// host's name says).
  func setPage(_ host: String, _ path: String, _ body: String) throws {
    let pages = folder.appending("pages")
    try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
    try Data(body.utf8).write(
      to: pages.appendingPathComponent(host + path.replacingOccurrences(of: "/", with: "_"))
    )
  }

  func stop() { peer.stop() }
}
