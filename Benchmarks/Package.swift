// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks for IPP Services, kept out of the main package so `make test` never builds them.
/// See docs/benchmarks.md: `swift package benchmark` for the codec and scoring,
/// `./codec-callgrind.sh` for the codec's instruction counts, `./rpc-h2load.sh` for the RPC
/// runtime against nghttpd and grpc-swift-2, `IntakeBenchmarks` for the national CSV import
/// against raw SQLite, `IntakeFilingLoad` for SaveValues under concurrent operators,
/// `./monitor-blackbox.sh` (with `MonitorSweep`) for one sweep of the 553 sites against
/// prometheus-blackbox-exporter, `./soak.sh` (with `SoakLoad`) for the whole stack at ten times
/// the national load.
let package = Package(
  name: "ipp-benchmarks",
  dependencies: [
    .package(name: "ipp-services", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
  ],
  targets: [
    .target(
      name: "CodecFixtures",
      dependencies: [.product(name: "IPPScoring", package: "ipp-services")]
    ),
    .executableTarget(
      name: "CodecBenchmarks",
      dependencies: [
        "CodecFixtures",
        .product(name: "CBOR", package: "ipp-services"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/CodecBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "ScoringBenchmarks",
      dependencies: [
        .product(name: "IPPScoring", package: "ipp-services"),
        .product(name: "ScoringAPI", package: "ipp-services"),
        .product(name: "IPPSchema", package: "ipp-services"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/ScoringBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .target(
      name: "IntakeFixtures",
      dependencies: [
        .product(name: "IPPIntake", package: "ipp-services"),
        .product(name: "IntakeAPI", package: "ipp-services"),
        .product(name: "ServiceRuntime", package: "ipp-services"),
        .product(name: "RPCCore", package: "ipp-services"),
        .product(name: "IPPSchema", package: "ipp-services"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .executableTarget(
      name: "IntakeBenchmarks",
      dependencies: [
        "IntakeFixtures",
        .product(name: "IPPIntake", package: "ipp-services"),
        .product(name: "IntakeAPI", package: "ipp-services"),
        .product(name: "RPCCore", package: "ipp-services"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/IntakeBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "SoakLoad",
      dependencies: [
        .product(name: "IntakeAPI", package: "ipp-services"),
        .product(name: "IPPSchema", package: "ipp-services"),
        .product(name: "RPC", package: "ipp-services"),
        .product(name: "RPCCore", package: "ipp-services"),
      ]
    ),
    .executableTarget(
      name: "WebLoad",
      dependencies: [
        "IntakeFixtures",
        .product(name: "IntakeAPI", package: "ipp-services"),
        .product(name: "ScoringAPI", package: "ipp-services"),
        .product(name: "MonitorAPI", package: "ipp-services"),
        .product(name: "IPPSchema", package: "ipp-services"),
        .product(name: "RPC", package: "ipp-services"),
        .product(name: "RPCCore", package: "ipp-services"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]
    ),
    .executableTarget(
      name: "IntakeFilingLoad",
      dependencies: [
        "IntakeFixtures",
        .product(name: "IntakeAPI", package: "ipp-services"),
        .product(name: "IPPSchema", package: "ipp-services"),
        .product(name: "RPC", package: "ipp-services"),
        .product(name: "RPCCore", package: "ipp-services"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "MonitorSweep",
      dependencies: [
        .product(name: "IPPMonitor", package: "ipp-services"),
        .product(name: "ServiceRuntime", package: "ipp-services"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .executableTarget(
      name: "CodecInstructions",
      dependencies: ["CodecFixtures", .product(name: "CBOR", package: "ipp-services")]
    ),
    .target(
      name: "BenchMessages",
      dependencies: [.product(name: "RPCCore", package: "ipp-services")]
    ),
    .executableTarget(
      name: "RPCBenchServer",
      dependencies: [
        "BenchMessages",
        .product(name: "RPC", package: "ipp-services"),
        .product(name: "RPCCore", package: "ipp-services"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "GRPCSwiftBenchServer",
      dependencies: [
        "BenchMessages",
        .product(name: "CBOR", package: "ipp-services"),
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
