public import Foundation
public import NIOCore
internal import NIOPosix
internal import NIOSSL
internal import Synchronization

/// How ipp-notify reaches its mail server.
public struct SMTPSettings: Sendable {
  /// Whether the connection is upgraded to TLS.
  public enum Security: Sendable, Equatable {
    /// Plain text throughout: for a relay on this machine only; credentials are never sent so.
    case none
    /// STARTTLS, required: a server that does not offer it is refused. Trusts the PEM file given,
    /// else the system's roots.
    case startTLS(trustRootsPath: String?)
  }

  public var host: String
  public var port: Int
  public var security: Security
  /// AUTH PLAIN (or LOGIN, when that is all the server offers) after STARTTLS.
  public var username: String?
  public var password: String?
  /// The name this client gives in EHLO.
  public var clientName: String
  /// How long connecting, and then each reply, may take.
  public var timeout: Duration
  /// How many connections a batch is sent over at once. More send faster, but a crash may then
  /// repeat that many messages (one per connection whose last message the server had accepted and
  /// the outbox had not yet recorded), where one connection repeats at most one.
  public var connections: Int

  public init(
    host: String,
    port: Int,
    security: Security,
    username: String? = nil,
    password: String? = nil,
    clientName: String = "ipp-notify.localdomain",
    timeout: Duration = .seconds(30),
    connections: Int = 1
  ) {
    self.host = host
    self.port = port
    self.security = security
    self.username = username
    self.password = password
    self.clientName = clientName
    self.timeout = timeout
    self.connections = connections
  }
}

/// One SMTP session on SwiftNIO, written here because no maintained Swift SMTP client exists as a
/// package: greeting, EHLO, STARTTLS, AUTH PLAIN or LOGIN, then any number of messages on the same
/// connection (MAIL FROM, RCPT TO and DATA sent together where the server offers PIPELINING), and
/// QUIT. Every reply is awaited with the settings' timeout. Used by one task at a time.
public final class SMTPConnection {
  private let channel: any Channel
  private var lines: AsyncThrowingStream<String, any Error>.AsyncIterator
  private let settings: SMTPSettings
  /// The EHLO keywords the server offered, upper-cased, with their parameters.
  public private(set) var extensions: [String: String] = [:]

  private init(channel: any Channel, lines: AsyncThrowingStream<String, any Error>, settings: SMTPSettings) {
    self.channel = channel
    self.lines = lines.makeAsyncIterator()
    self.settings = settings
  }

  /// Connects, reads the greeting, says EHLO, upgrades to TLS and authenticates as `settings` say.
  public static func open(_ settings: SMTPSettings, group: any EventLoopGroup) async throws -> SMTPConnection
  {
    if settings.username != nil, settings.security == .none {
      throw SMTPError(
        step: "AUTH",
        problem: "credentials are only sent over TLS: set STARTTLS",
        transient: false
      )
    }
    let (lines, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
    let channel: any Channel
    do {
      channel = try await ClientBootstrap(group: group)
        .connectTimeout(.nanoseconds(Int64(settings.timeout.components.seconds) * 1_000_000_000))
        .channelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(SMTPLineHandler(lines: continuation))
          }
        }
        .connect(host: settings.host, port: settings.port)
        .get()
    } catch {
      throw SMTPError(step: "connect to \(settings.host):\(settings.port)", problem: "\(error)")
    }
    let connection = SMTPConnection(channel: channel, lines: lines, settings: settings)
    do {
      try await connection.expect(220, step: "greeting")
      try await connection.hello()
      if case .startTLS(let trustRootsPath) = settings.security {
        try await connection.startTLS(trustRootsPath: trustRootsPath)
      }
      if let username = settings.username, let password = settings.password {
        try await connection.authenticate(username, password)
      }
    } catch {
      connection.close()
      throw error
    }
    return connection
  }

  /// Sends `message` from `sender` to `recipients` (the envelope); answers the server's final
  /// reply, whose text usually names the queue id. A refusal is an ``SMTPError`` with the reply;
  /// the connection stays usable after a refused message, except when a recipient was refused
  /// after a pipelined DATA was accepted (then it is closed, so that nobody gets a part).
  @discardableResult
  public func send(
    _ message: MailMessage,
    from sender: String,
    to recipients: [String]
  ) async throws -> SMTPReply {
    // Envelope addresses go into commands: only plain addresses, so none can add a command.
    for address in [sender] + recipients where (try? MailAddress(address)) == nil {
      throw SMTPError(step: "envelope", problem: "\"\(address)\" is not an email address", transient: false)
    }
    let commands = ["MAIL FROM:<\(sender)>"] + recipients.map { "RCPT TO:<\($0)>" } + ["DATA"]
    var replies: [SMTPReply] = []
    if extensions["PIPELINING"] != nil {
      try await write(commands.map { $0 + "\r\n" }.joined())
      for _ in commands { replies.append(try await reply(step: "sending")) }
    } else {
      for command in commands {
        try await write(command + "\r\n")
        let answer = try await reply(step: command)
        replies.append(answer)
        if !answer.isPositive { break }
      }
    }
    let failure = zip(commands, replies).first { command, answer in
      command == "DATA" ? answer.code != 354 : !answer.isPositive
    }
    if let (command, answer) = failure {
      let step = String(command.prefix { $0 != ":" })
      if replies.last?.code == 354 {
        // A recipient was refused but DATA was accepted (pipelined): ending DATA would deliver to
        // the others, so the connection is dropped instead and the message not sent.
        close()
      } else {
        try await write("RSET\r\n")
        _ = try await reply(step: "RSET")
      }
      throw SMTPError(step: step, reply: answer)
    }
    try await write(Self.dotStuffed(message.rendered()) + ".\r\n")
    let final = try await reply(step: "message")
    guard final.code == 250 else { throw SMTPError(step: "message", reply: final) }
    return final
  }

  /// Says QUIT and closes.
  public func quit() async {
    if (try? await write("QUIT\r\n")) != nil { _ = try? await reply(step: "QUIT") }
    close()
  }

  /// Closes without a word.
  public func close() {
    channel.close(promise: nil)
  }

  // MARK: The steps

  private func hello() async throws {
    try await write("EHLO \(settings.clientName)\r\n")
    let answer = try await reply(step: "EHLO")
    guard answer.code == 250 else { throw SMTPError(step: "EHLO", reply: answer) }
    extensions = [:]
    for line in answer.lines.dropFirst() {
      let parts = line.split(separator: " ", maxSplits: 1)
      guard let keyword = parts.first else { continue }
      extensions[keyword.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
    }
  }

  private func startTLS(trustRootsPath: String?) async throws {
    guard extensions["STARTTLS"] != nil else {
      throw SMTPError(step: "STARTTLS", problem: "the server does not offer STARTTLS, which is required")
    }
    try await write("STARTTLS\r\n")
    try await expect(220, step: "STARTTLS")
    var configuration = TLSConfiguration.makeClientConfiguration()
    if let trustRootsPath { configuration.trustRoots = .file(trustRootsPath) }
    do {
      let context = try NIOSSLContext(configuration: configuration)
      let hostname = settings.host
      try await channel.eventLoop.submit { [channel] in
        let handler = try NIOSSLClientHandler(context: context, serverHostname: hostname)
        try channel.pipeline.syncOperations.addHandler(handler, position: .first)
      }
      .get()
    } catch {
      throw SMTPError(step: "STARTTLS", problem: "\(error)")
    }
    try await hello()
  }

  private func authenticate(_ username: String, _ password: String) async throws {
    let mechanisms = (extensions["AUTH"] ?? "").uppercased().split(separator: " ")
    if mechanisms.contains("PLAIN") {
      let credentials = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
      try await write("AUTH PLAIN \(credentials)\r\n")
      try await expect(235, step: "AUTH PLAIN")
    } else if mechanisms.contains("LOGIN") {
      try await write("AUTH LOGIN\r\n")
      try await expect(334, step: "AUTH LOGIN")
      try await write(Data(username.utf8).base64EncodedString() + "\r\n")
      try await expect(334, step: "AUTH LOGIN")
      try await write(Data(password.utf8).base64EncodedString() + "\r\n")
      try await expect(235, step: "AUTH LOGIN")
    } else {
      throw SMTPError(step: "AUTH", problem: "the server offers neither AUTH PLAIN nor LOGIN")
    }
  }

  // MARK: The wire

  private func expect(_ code: Int, step: String) async throws {
    let answer = try await reply(step: step)
    guard answer.code == code else { throw SMTPError(step: step, reply: answer) }
  }

  private func write(_ text: String) async throws {
    do {
      try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    } catch {
      throw SMTPError(step: "writing", problem: "\(error)")
    }
  }

  /// The next reply: lines `NNN-text` up to the last, `NNN text`, within the timeout.
  private func reply(step: String) async throws -> SMTPReply {
    let timedOut = Atomic(false)
    let timer = channel.eventLoop.scheduleTask(
      in: .nanoseconds(Int64(settings.timeout.components.seconds) * 1_000_000_000)
    ) { [channel] in
      timedOut.store(true, ordering: .relaxed)
      channel.close(promise: nil)
    }
    defer { timer.cancel() }
    var texts: [String] = []
    while true {
      let line: String?
      do {
        line = try await lines.next()
      } catch {
        if timedOut.load(ordering: .relaxed) {
          throw SMTPError(step: step, problem: "no reply within \(settings.timeout)")
        }
        throw error
      }
      guard let line, line.utf8.count >= 3, let code = Int(line.prefix(3)) else {
        throw SMTPError(step: step, problem: "not an SMTP reply: \(line ?? "nothing")")
      }
      texts.append(String(line.dropFirst(4)))
      if line.utf8.count == 3 || line.dropFirst(3).first == " " { return SMTPReply(code: code, lines: texts) }
    }
  }

  /// The message with every line that starts with `.` given one more (RFC 5321 §4.5.2).
  public static func dotStuffed(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
      .components(separatedBy: "\r\n")
      .map { $0.hasPrefix(".") ? "." + $0 : $0 }
      .joined(separator: "\r\n")
  }
}
