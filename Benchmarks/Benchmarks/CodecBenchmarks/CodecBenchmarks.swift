import Benchmark
import CBOR
import CodecFixtures
import Foundation

/// Encode and decode of two project-shaped messages with the CBOR codec, and with Foundation's
/// JSON and binary property list coders as peers in the same run. Each benchmark also reports the
/// encoded size in bytes.
let benchmarks: @Sendable () -> Void = {
  let bytes = BenchmarkMetric.custom("bytes", polarity: .prefersSmaller, useScalingFactor: false)
  Benchmark.defaultConfiguration = .init(
    metrics: [.throughput, .wallClock, .mallocCountTotal, bytes],
    maxDuration: .seconds(3),
    maxIterations: 100_000
  )

  func register<Message: Codable>(_ name: String, _ message: Message) {
    let cborBytes = try! CBOREncoder().encode(message)
    let jsonBytes = try! JSONEncoder().encode(message)
    let plistEncoder = PropertyListEncoder()
    plistEncoder.outputFormat = .binary
    // A property list needs a dictionary or array at the top.
    let plistBytes = try! plistEncoder.encode([message])

    Benchmark("\(name) encode CBOR") { benchmark in
      benchmark.measurement(bytes, cborBytes.count)
      for _ in benchmark.scaledIterations { blackHole(try CBOREncoder().encode(message)) }
    }
    Benchmark("\(name) encode JSON") { benchmark in
      benchmark.measurement(bytes, jsonBytes.count)
      for _ in benchmark.scaledIterations { blackHole(try JSONEncoder().encode(message)) }
    }
    Benchmark("\(name) encode PropertyList") { benchmark in
      benchmark.measurement(bytes, plistBytes.count)
      for _ in benchmark.scaledIterations { blackHole(try plistEncoder.encode([message])) }
    }
    Benchmark("\(name) decode CBOR") { benchmark in
      benchmark.measurement(bytes, cborBytes.count)
      for _ in benchmark.scaledIterations {
        blackHole(try CBORDecoder().decode(Message.self, from: cborBytes))
      }
    }
    Benchmark("\(name) decode JSON") { benchmark in
      benchmark.measurement(bytes, jsonBytes.count)
      for _ in benchmark.scaledIterations {
        blackHole(try JSONDecoder().decode(Message.self, from: jsonBytes))
      }
    }
    Benchmark("\(name) decode PropertyList") { benchmark in
      benchmark.measurement(bytes, plistBytes.count)
      for _ in benchmark.scaledIterations {
        blackHole(try PropertyListDecoder().decode([Message].self, from: plistBytes))
      }
    }
  }

  register("545 region scores", Fixtures.regionScores)
  register("60-value submission", Fixtures.submission)
}
