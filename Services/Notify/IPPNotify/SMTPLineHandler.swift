internal import NIOCore

/// Cuts what an SMTP server sends into lines (CRLF, or a bare LF) and hands each to `lines`. A line
/// longer than 4,096 bytes, or the connection closing, ends the stream.
final class SMTPLineHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = ByteBuffer

  static let maxLineLength = 4096

  private let lines: AsyncThrowingStream<String, any Error>.Continuation
  private var pending: [UInt8] = []

  init(lines: AsyncThrowingStream<String, any Error>.Continuation) {
    self.lines = lines
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var buffer = unwrapInboundIn(data)
    pending += buffer.readBytes(length: buffer.readableBytes) ?? []
    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
      var line = pending[..<newline]
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      lines.yield(String(decoding: line, as: UTF8.self))
      pending.removeSubrange(...newline)
    }
    if pending.count > Self.maxLineLength {
      lines.finish(throwing: SMTPError(step: "reading a reply", problem: "a line over 4,096 bytes"))
      context.close(promise: nil)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    lines.finish(throwing: SMTPError(step: "reading a reply", problem: "the server closed the connection"))
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    lines.finish(throwing: SMTPError(step: "the connection", problem: "\(error)"))
    context.close(promise: nil)
  }
}
