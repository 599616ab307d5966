import Foundation
import IPPNotify
import NIOPosix
import TestSupport
import Testing

/// The SMTP client against a real server nobody here wrote (aiosmtpd on loopback): STARTTLS
/// required, AUTH, several messages on one connection, and the server's 4xx and 5xx answers
/// surfacing as transient and permanent errors with its text.
struct SMTPConnectionTests {
  static let group = MultiThreadedEventLoopGroup.singleton

  func settings(_ sink: SMTPSink, password: String? = nil) -> SMTPSettings {
    SMTPSettings(
      host: "localhost",
      port: sink.port,
      security: .startTLS(trustRootsPath: sink.certificatePath),
      username: "ipp-notify",
      password: password ?? sink.password,
      timeout: .seconds(10)
    )
  }

  func message(_ index: Int, to recipient: MailAddress = MailMessageTests.sragen) -> MailMessage {
    var message = MailMessageTests.reminder()
    message.to = [recipient]
    message.subject += " (\(index))"
    message.dedupKey += ":\(index)"
    return message
  }

  @Test func messagesGoOverTLSWithAuthOnOneConnection() async throws {
    let sink = try await SMTPSink()
    defer { sink.stop() }
    let connection = try await SMTPConnection.open(settings(sink), group: Self.group)
    #expect(connection.extensions["AUTH"] != nil)
    for index in 0..<3 {
      let reply = try await connection.send(
        message(index),
        from: "ipp-notify@kpu.example",
        to: ["admin@kab-sragen.kpu.example"]
      )
      #expect(reply.description == "250 2.0.0 Ok: queued as 0000\(index)")
    }
    await connection.quit()
    let received = try sink.messages()
    #expect(received.count == 3)
    #expect(received[0].envelope.to == ["admin@kab-sragen.kpu.example"])
    #expect(received[0].envelope.from == "ipp-notify@kpu.example")
    let read = try await MailMessageTests.parsed(Array(received[2].raw))
    #expect(read["subject"] == message(2).subject)
    #expect(read["message_id"] == message(2).messageID)
    #expect(read["text"] == message(2).text)
  }

  @Test func anEnvelopeAddressCannotAddACommand() async throws {
    let sink = try await SMTPSink()
    defer { sink.stop() }
    let connection = try await SMTPConnection.open(settings(sink), group: Self.group)
    do {
      try await connection.send(
        message(0),
        from: "ipp-notify@kpu.example",
        to: ["admin@kab-sragen.kpu.example>\r\nRCPT TO:<all@kpu.example"]
      )
      Issue.record("a recipient with a line break was sent")
    } catch let error as SMTPError {
      #expect(error.step == "envelope")
      #expect(!error.isTransient)
    }
    await connection.quit()
    #expect(try sink.messages().isEmpty)
  }

  @Test func aWrongPasswordIsRefusedAsPermanent() async throws {
    let sink = try await SMTPSink()
    defer { sink.stop() }
    do {
      _ = try await SMTPConnection.open(settings(sink, password: "wrong"), group: Self.group)
      Issue.record("a wrong password was accepted")
    } catch let error as SMTPError {
      #expect(error.step == "AUTH PLAIN")
      #expect(error.reply?.code == 535)
      #expect(!error.isTransient)
    }
  }

  @Test func theServersRefusalsAreTransientOrPermanentWithItsText() async throws {
    for (mode, code, transient) in [(SMTPSink.Mode.tempfail, 451, true), (.permfail, 554, false)] {
      let sink = try await SMTPSink(mode: mode)
      defer { sink.stop() }
      let connection = try await SMTPConnection.open(settings(sink), group: Self.group)
      do {
        try await connection.send(
          message(0),
          from: "ipp-notify@kpu.example",
          to: ["admin@kab-sragen.kpu.example"]
        )
        Issue.record("\(mode) was taken as delivered")
      } catch let error as SMTPError {
        #expect(error.reply?.code == code)
        #expect(error.isTransient == transient)
      }
      await connection.quit()
    }
  }

  @Test func aServerThatIsNotThereIsTransient() async throws {
    let sink = try await SMTPSink()
    let port = sink.port
    sink.stop()
    var closed = SMTPSettings(host: "localhost", port: port, security: .startTLS(trustRootsPath: nil))
    closed.timeout = .seconds(5)
    do {
      _ = try await SMTPConnection.open(closed, group: Self.group)
      Issue.record("connected to a stopped server")
    } catch let error as SMTPError {
      #expect(error.isTransient)
      #expect(error.step.hasPrefix("connect"))
    }
  }

  @Test func credentialsAreNeverSentWithoutTLS() async throws {
    let plain = SMTPSettings(host: "localhost", port: 25, security: .none, username: "u", password: "p")
    await #expect(throws: SMTPError.self) { _ = try await SMTPConnection.open(plain, group: Self.group) }
  }

  @Test func linesStartingWithADotAreStuffed() {
    #expect(SMTPConnection.dotStuffed(Array("a\r\n.b\r\n..c\r\n".utf8)) == "a\r\n..b\r\n...c\r\n")
  }
}
