// grpc-swift-2 (grpc-swift-nio-transport) answering ipp.Bench/Score with this project's CBOR codec
// as its serializer, on the port given: the peer rpc-h2load.sh compares against.
import BenchMessages
import CBOR
import GRPCCore
import GRPCNIOTransportHTTP2

struct CBORSerializer<Message: Encodable & Sendable>: MessageSerializer {
  func serialize<Bytes: GRPCContiguousBytes>(_ message: Message) throws -> Bytes {
    Bytes(try CBOREncoder().encode(message))
  }
}

struct CBORDeserializer<Message: Decodable & Sendable>: MessageDeserializer {
  func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> Message {
    try serializedMessageBytes.withUnsafeBytes { try CBORDecoder().decode(Message.self, from: Array($0)) }
  }
}

struct BenchService: RegistrableRPCService {
  func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    router.registerHandler(
      forMethod: MethodDescriptor(fullyQualifiedService: "ipp.Bench", method: "Score"),
      deserializer: CBORDeserializer<Bench.ScoreRequest>(),
      serializer: CBORSerializer<Bench.ScoreResponse>()
    ) { request, _ in
      var iterator = request.messages.makeAsyncIterator()
      guard let message = try await iterator.next() else {
        throw RPCError(code: .invalidArgument, message: "no request")
      }
      return StreamingServerResponse(single: ServerResponse(message: Bench.answer(message)))
    }
  }
}

let port = Int(CommandLine.arguments[1])!
let server = GRPCServer(
  transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: port), transportSecurity: .plaintext),
  services: [BenchService()]
)
try await server.serve()
