// Runs one codec operation on the benchmark messages N times, for codec-callgrind.sh to count its
// instructions (the difference between two counts of N removes the setup).
// Usage: CodecInstructions <cbor|json> <encode|decode> <regions|submission> <iterations>
import CBOR
import CodecFixtures
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 5, let iterations = Int(arguments[4]) else {
  FileHandle.standardError.write(
    Data("usage: CodecInstructions <cbor|json> <encode|decode> <regions|submission> <iterations>\n".utf8)
  )
  exit(64)
}

func run<Message: Codable>(_ message: Message) throws -> Int {
  let cborBytes = try CBOREncoder().encode(message)
  let jsonBytes = try JSONEncoder().encode(message)
  var total = 0
  var decoded: [Message] = []
  for _ in 0..<iterations {
    switch (arguments[1], arguments[2]) {
    case ("cbor", "encode"): total &+= try CBOREncoder().encode(message).count
    case ("json", "encode"): total &+= try JSONEncoder().encode(message).count
    case ("cbor", "decode"): decoded.append(try CBORDecoder().decode(Message.self, from: cborBytes))
    case ("json", "decode"): decoded.append(try JSONDecoder().decode(Message.self, from: jsonBytes))
    default: fatalError("unknown coder or operation")
    }
  }
  return total + decoded.count
}

let total = arguments[3] == "regions" ? try run(Fixtures.regionScores) : try run(Fixtures.submission)
print(total)
