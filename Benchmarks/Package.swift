// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks for IPP Services, kept out of the main package so `make test` never builds them.
/// Run with `swift package benchmark` from this folder (see docs/benchmarks.md).
let package = Package(
  name: "ipp-benchmarks",
  dependencies: [
    .package(name: "ipp-services", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "CodecBenchmarks",
      dependencies: [
        .product(name: "CBOR", package: "ipp-services"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/CodecBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ],
  swiftLanguageModes: [.v6]
)
