public import Foundation

/// A chat gateway's webhook endpoint in Python (http.server) on a free loopback port, started by a
/// test: it checks each POST's signature with Python's own hmac, rejects a stale timestamp as a
/// replay (against the time the test's clock reads, given at start), and keeps what it got. Its
/// answer is whatever status `answer` holds (200 unless changed), so a test can fail it and then
/// let it through.
public final class WebhookReceiver: @unchecked Sendable {
  public let folder: TemporaryDirectory
  public let port: Int
  private let peer: PythonPeer

  public var url: String { "http://127.0.0.1:\(port)/hook" }

  static let script = """
    import hashlib, hmac, http.server, json, os, sys, threading
    folder, secret, now = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            timestamp = self.headers.get("X-IPP-Timestamp", "")
            expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            signed = hmac.compare_digest(expected, self.headers.get("X-IPP-Signature", ""))
            fresh = timestamp.isdigit() and abs(int(timestamp) - now) <= 300
            payload = json.loads(body)
            with open(os.path.join(folder, "answer")) as f: status = int(f.read())
            if not (signed and fresh): status = 401
            record = {"signed": signed, "fresh": fresh, "status": status, "payload": payload,
                      "idempotencyKey": self.headers.get("Idempotency-Key"),
                      "contentType": self.headers.get("Content-Type")}
            with open(os.path.join(folder, "received.jsonl"), "a") as f: f.write(json.dumps(record) + "\\n")
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"no")
        def log_message(self, *args): pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY", server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()
    """

  /// What the receiver got, in order.
  public struct Received: Decodable, Sendable {
    public struct Payload: Decodable, Sendable {
      public struct Event: Decodable, Sendable {
        public var kind: String
        public var severity: String
        public var region: String?
        public var subject: String
        public var resolved: Bool
      }

      public var id: String
      public var kind: String
      public var recipient: String
      public var region: String?
      public var subject: String
      public var text: String
      public var events: [Event]?
    }

    public var signed: Bool
    public var fresh: Bool
    public var status: Int
    public var payload: Payload
    public var idempotencyKey: String?
    public var contentType: String?
  }

  /// A receiver checking signatures with `secret`, taking `now` as the time.
  public init(secret: String, now: Date) async throws {
    folder = try TemporaryDirectory("webhook-receiver")
    try "200".write(to: folder.appending("answer"), atomically: true, encoding: .utf8)
    peer = try PythonPeer(
      script: Self.script,
      arguments: [folder.path, secret, String(Int(now.timeIntervalSince1970))]
    )
    port = Int(peer.ready[0])!
  }

  /// Makes it answer `status` from now on.
  public func answer(_ status: Int) throws {
    try "\(status)".write(to: folder.appending("answer"), atomically: true, encoding: .utf8)
  }

  public func received() throws -> [Received] {
    guard let data = try? Data(contentsOf: folder.appending("received.jsonl")) else { return [] }
    // Only whole lines: the receiver may be writing the next one.
    let whole = data.lastIndex(of: UInt8(ascii: "\n")).map { data[...$0] } ?? Data()
    return try whole.split(separator: UInt8(ascii: "\n")).map {
      try JSONDecoder().decode(Received.self, from: $0)
    }
  }

  public func stop() { peer.stop() }
}
