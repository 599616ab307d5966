/// Why a stream of framed messages was refused, with a message fit for a `grpc-message` trailer.
public struct MessageFramingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of problem it is; extensible, like gRPC's status codes.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    private enum Kind: String {
      case compressedMessage, invalidFlag, messageTooLarge, truncatedMessage
    }
    private let kind: Kind

    /// The flag byte says the message is compressed, and no compression was negotiated.
    public static let compressedMessage = Code(kind: .compressedMessage)
    /// The flag byte has bits that gRPC does not define.
    public static let invalidFlag = Code(kind: .invalidFlag)
    /// The declared length is over the configured maximum.
    public static let messageTooLarge = Code(kind: .messageTooLarge)
    /// The stream ended inside a message.
    public static let truncatedMessage = Code(kind: .truncatedMessage)

    public var description: String { kind.rawValue }
  }

  /// The kind of problem.
  public var code: Code
  /// What happened, in words.
  public var message: String

  /// An error of the given kind.
  public init(code: Code, message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { "\(code): \(message)" }
}
