import CBOR
import Foundation
import PropertyBased
import Testing

/// Round trips of random values, and random bytes that must never crash the decoder.
struct PropertyTests {
  /// Random CBOR items of every major type, nested up to `depth` deep. Floats are finite so that
  /// values compare equal (NaN is covered by Appendix A).
  static func randomValue(_ rng: inout any SeededRandomNumberGenerator, depth: Int) -> CBORValue {
    let kind = Int.random(in: 0..<(depth > 0 ? 13 : 10), using: &rng)
    switch kind {
    case 0: return .unsigned(randomArgument(&rng))
    case 1: return .negative(randomArgument(&rng))
    case 2:
      return .bytes(
        (0..<Int.random(in: 0..<40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      )
    case 3: return .text(randomText(&rng))
    case 4: return .bool(Bool.random(using: &rng))
    case 5: return [.null, .undefined][Int.random(in: 0...1, using: &rng)]
    case 6: return .simple([UInt8](0...19).randomElement(using: &rng)!)
    case 7: return .float(Double(Float16Bits.random(&rng)))
    case 8:
      return .float(
        Double(Float(bitPattern: UInt32.random(in: 0..<0x7f80_0000, using: &rng)))
          * (Bool.random(using: &rng) ? 1 : -1)
      )
    case 9: return .float(Double.random(in: -1e300...1e300, using: &rng))
    case 10:
      return .array((0..<Int.random(in: 0..<6, using: &rng)).map { _ in randomValue(&rng, depth: depth - 1) })
    case 11:
      return .map(
        (0..<Int.random(in: 0..<6, using: &rng)).map { _ in
          .init(
            Bool.random(using: &rng) ? .text(randomText(&rng)) : randomValue(&rng, depth: 0),
            randomValue(&rng, depth: depth - 1)
          )
        }
      )
    default:
      return .tagged(UInt64.random(in: 5...100_000, using: &rng), randomValue(&rng, depth: depth - 1))
    }
  }

  private static func randomArgument(_ rng: inout any SeededRandomNumberGenerator) -> UInt64 {
    let bits = Int.random(in: 0...64, using: &rng)
    return bits == 0 ? 0 : UInt64.random(in: 0...UInt64.max, using: &rng) >> (64 - bits)
  }

  private static func randomText(_ rng: inout any SeededRandomNumberGenerator) -> String {
    let alphabet: [Character] = ["a", "Z", "0", " ", "é", "水", "𐅑", "\"", "\\", "\n", "\u{0}"]
    return String((0..<Int.random(in: 0..<20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
  }

  /// Half precision values, the shortest float form, which the encoder must pick when it can.
  private enum Float16Bits {
    static func random(_ rng: inout any SeededRandomNumberGenerator) -> Float {
      let halfBits = UInt16.random(in: 0..<0x7c00, using: &rng) | (Bool.random(using: &rng) ? 0x8000 : 0)
      let value = try! CBORDecoder().decodeValue(from: [0xf9, UInt8(halfBits >> 8), UInt8(halfBits & 0xff)])
      guard case .float(let number) = value else { return 0 }
      return Float(number)
    }
  }

  static let values = Generator { rng in randomValue(&rng, depth: 4) }

  @Test func dynamicValuesRoundTrip() async {
    await propertyCheck(count: 500, input: Self.values) { value in
      let bytes = CBOREncoder().encode(value)
      #expect((try? CBORDecoder().decodeValue(from: bytes)) == value)
    }
  }

  @Test func floatsUseTheShortestExactWidth() async {
    await propertyCheck(count: 500, input: Self.values) { value in
      guard case .float(let number) = value else { return }
      let bytes = CBOREncoder().encode(value)
      let width =
        Double(Float(number)) != number ? 9 : (CBOREncoder().encode(.float(Double(Float(number)))).count)
      #expect(bytes.count == width)
      #expect(bytes.count == 3 || bytes.count == 5 || bytes.count == 9)
    }
  }

  @Test func typedMessagesRoundTrip() async {
    let scores = Generator { rng in
      RegionScore(
        regionCode: String(
          format: "%02d.%02d",
          Int.random(in: 11...96, using: &rng),
          Int.random(in: 1...99, using: &rng)
        ),
        name: "Kabupaten \(Int.random(in: 0...1000, using: &rng))",
        total: Double.random(in: 0...100, using: &rng),
        category: [.involvement, .engagement, .participatory].randomElement(using: &rng)!,
        dimensions: (0..<Int.random(in: 0...5, using: &rng)).map {
          DimensionScore(dimension: "d\($0)", score: Double.random(in: 0...100, using: &rng))
        },
        methodologyVersion: "2024.\(Int.random(in: 0...9, using: &rng))",
        computedAt: Date(timeIntervalSince1970: Double(Int.random(in: 0...2_000_000_000, using: &rng)) / 4),
        note: Bool.random(using: &rng) ? nil : "catatan"
      )
    }
    await propertyCheck(count: 300, input: scores) { score in
      let bytes = try? CBOREncoder().encode(score)
      #expect(bytes.flatMap { try? CBORDecoder().decode(RegionScore.self, from: $0) } == score)
    }
  }

  @Test func randomBytesNeverCrashTheDecoder() async {
    let inputs = Generator { rng in
      (0..<Int.random(in: 0..<64, using: &rng)).map { _ in
        // Bias towards heads with long arguments and indefinite lengths.
        [0x9f, 0xbf, 0x5f, 0x7f, 0xff, 0x1b, 0x5b, 0x9b, 0xc1, 0xf9].randomElement(using: &rng)!
          &+ (Bool.random(using: &rng) ? 0 : UInt8.random(in: 0...255, using: &rng))
      }
    }
    await propertyCheck(count: 2000, input: inputs) { bytes in
      if let value = try? CBORDecoder().decodeValue(from: bytes) {
        // Whatever was read is written in preferred form, and that form reads back to itself.
        let encoded = CBOREncoder().encode(value)
        let again = try? CBORDecoder().decodeValue(from: encoded)
        #expect(again.map { CBOREncoder().encode($0) } == encoded)
      }
      _ = try? CBORDecoder().decode(RegionScore.self, from: bytes)
    }
  }
}
