// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus the upcoming features the
/// project is written against.
let sharedSwiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "ipp-services",
  products: [
    .library(name: "CBOR", targets: ["CBOR"]),
    .library(name: "MessageFraming", targets: ["MessageFraming"]),
    .library(name: "RPCCore", targets: ["RPCCore"]),
    .library(name: "RPC", targets: ["RPC"]),
    .library(name: "IPPSchema", targets: ["IPPSchema"]),
    .library(name: "ServiceRuntime", targets: ["ServiceRuntime"]),
    .library(name: "IPPScoring", targets: ["IPPScoring"]),
    .library(name: "IPPIntake", targets: ["IPPIntake"]),
    .library(name: "IPPMonitor", targets: ["IPPMonitor"]),
    .library(name: "IntakeAPI", targets: ["IntakeAPI"]),
    .library(name: "ScoringAPI", targets: ["ScoringAPI"]),
    .library(name: "MonitorAPI", targets: ["MonitorAPI"]),
    .library(name: "NotifyAPI", targets: ["NotifyAPI"]),
    .executable(name: "ipp-intake", targets: ["ipp-intake"]),
    .executable(name: "ipp-scoring", targets: ["ipp-scoring"]),
    .executable(name: "ipp-monitor", targets: ["ipp-monitor"]),
    .executable(name: "ipp-notify", targets: ["ipp-notify"]),
    .executable(name: "ippctl", targets: ["ippctl"]),
    .executable(name: "ipp-web", targets: ["ipp-web"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    // No default traits: ipp-web reads its settings the services' way, not through swift-configuration.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    .target(
      name: "CBOR",
      path: "Shared/CBOR",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "MessageFraming",
      path: "Shared/MessageFraming",
      swiftSettings: sharedSwiftSettings
    ),
    .systemLibrary(
      name: "CNGHTTP2",
      path: "Shared/CNGHTTP2",
      pkgConfig: "libnghttp2",
      providers: [.apt(["libnghttp2-dev"])]
    ),
    // The transport-free core: method descriptors, errors, metadata, principals, the router and
    // the calling protocol. No NIO, nghttp2 or swift-crypto.
    .target(
      name: "RPCCore",
      dependencies: ["CBOR", .product(name: "Logging", package: "swift-log")],
      path: "Shared/RPCCore",
      swiftSettings: sharedSwiftSettings
    ),
    // The transport: HTTP/2 through libnghttp2 on SwiftNIO, the server and the client.
    .target(
      name: "RPC",
      dependencies: [
        "RPCCore",
        "CBOR",
        "MessageFraming",
        "CNGHTTP2",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      path: "Shared/RPC",
      swiftSettings: sharedSwiftSettings
    ),
    // The shared schema: the vocabulary every service speaks (regions, elections, categories,
    // health, admin), then one API module per service. Schema modules depend only on RPCCore and
    // IPPSchema.
    .target(
      name: "IPPSchema",
      dependencies: ["RPCCore"],
      path: "Shared/Schema/Common",
      exclude: ["Data/README.md"],
      resources: [.embedInCode("Data/wilayah.csv"), .embedInCode("Data/zona-waktu.csv")],
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "IntakeAPI",
      dependencies: ["RPCCore", "IPPSchema"],
      path: "Shared/Schema/Intake",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "ScoringAPI",
      dependencies: ["RPCCore", "IPPSchema"],
      path: "Shared/Schema/Scoring",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "MonitorAPI",
      dependencies: ["RPCCore", "IPPSchema"],
      path: "Shared/Schema/Monitor",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "NotifyAPI",
      dependencies: ["RPCCore", "IPPSchema"],
      path: "Shared/Schema/Notify",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "ServiceRuntime",
      dependencies: [
        "RPC",
        "RPCCore",
        "IPPSchema",
        "IntakeAPI",
        "CBOR",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      path: "Shared/ServiceRuntime",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "IPPIntake",
      dependencies: [
        "ServiceRuntime", "IntakeAPI", "ScoringAPI", "IPPSchema", "RPCCore", "RPC", "CBOR",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "Metrics", package: "swift-metrics"),
      ],
      path: "Services/Intake/IPPIntake",
      resources: [.embedInCode("Catalogues/pilkada-2024.catalogue-1.json")],
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "ipp-intake",
      dependencies: ["IPPIntake", "ServiceRuntime"],
      path: "Services/Intake/ipp-intake",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "IPPScoring",
      dependencies: [
        "ServiceRuntime", "ScoringAPI", "IPPSchema", "RPCCore", "CBOR",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
      ],
      path: "Services/Scoring/IPPScoring",
      resources: [
        .embedInCode("Methodologies/pilkada-2024.default-1.json"),
        .embedInCode("Methodologies/pilkada-2024.default-2.json"),
      ],
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "ippctl",
      dependencies: [
        "RPC", "RPCCore", "CBOR", "IPPSchema", "IntakeAPI", "ScoringAPI", "MonitorAPI", "NotifyAPI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Services/ippctl",
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "ipp-scoring",
      dependencies: ["IPPScoring", "ServiceRuntime"],
      path: "Services/Scoring/ipp-scoring",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "IPPMonitor",
      dependencies: [
        "ServiceRuntime", "MonitorAPI", "NotifyAPI", "RPC", "RPCCore", "IPPSchema",
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOTLS", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      path: "Services/Monitor/IPPMonitor",
      resources: [.embedInCode("Data/seen-hosts.csv")],
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "ipp-monitor",
      dependencies: ["IPPMonitor", "ServiceRuntime"],
      path: "Services/Monitor/ipp-monitor",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "IPPNotify",
      dependencies: [
        "ServiceRuntime", "NotifyAPI", "IPPSchema", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
      ],
      path: "Services/Notify/IPPNotify",
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "ipp-notify",
      dependencies: ["IPPNotify", "ServiceRuntime"],
      path: "Services/Notify/ipp-notify",
      swiftSettings: sharedSwiftSettings
    ),
    // The read-only web client: pages rendered from the four services' answers, called with the
    // viewer's own token.
    .target(
      name: "IPPWeb",
      dependencies: [
        "ServiceRuntime", "RPC", "RPCCore", "IPPSchema", "IntakeAPI", "ScoringAPI", "MonitorAPI", "NotifyAPI",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ],
      path: "Services/Web/IPPWeb",
      resources: [
        .embedInCode("Templates/layout.mustache"), .embedInCode("Templates/signin.mustache"),
        .embedInCode("Templates/message.mustache"), .embedInCode("Templates/national.mustache"),
        .embedInCode("Templates/province.mustache"), .embedInCode("Templates/sites.mustache"),
        .embedInCode("Templates/region.mustache"), .embedInCode("Templates/style.css"),
      ],
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "ipp-web",
      dependencies: ["IPPWeb", "ServiceRuntime"],
      path: "Services/Web/ipp-web",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "TestSupport",
      dependencies: ["RPCCore"],
      path: "Tests/TestSupport",
      swiftSettings: sharedSwiftSettings
    ),
    .target(
      name: "ServiceTestSupport",
      dependencies: [
        "ServiceRuntime", "RPCCore", "IntakeAPI", "TestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/ServiceTestSupport",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "CBORTests",
      dependencies: [
        "TestSupport",
        "CBOR",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      path: "Tests/CBORTests",
      resources: [.copy("Resources")],
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "IntakeTests",
      dependencies: [
        "ServiceTestSupport", "IPPIntake", "IntakeAPI", "IPPSchema", "RPCCore", "ServiceRuntime",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      path: "Tests/IntakeTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "NotifyTests",
      dependencies: [
        "IPPNotify", "NotifyAPI", "IntakeAPI", "IPPSchema", "ServiceRuntime", "RPCCore", "TestSupport",
        "ServiceTestSupport", "IPPIntake",
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/NotifyTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "MonitorTests",
      dependencies: [
        "IPPMonitor", "MonitorAPI", "IPPSchema", "ServiceRuntime", "RPCCore", "TestSupport", "NotifyAPI",
        "IPPNotify", "RPC", "ServiceTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      path: "Tests/MonitorTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "TestSupport", "ServiceTestSupport", "IPPSchema", "IntakeAPI", "ScoringAPI", "MonitorAPI",
        "NotifyAPI",
        "RPC", "RPCCore", "ServiceRuntime",
      ],
      path: "Tests/EndToEndTests",
      exclude: ["browser.py"],
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "WebTests",
      dependencies: [
        "IPPWeb", "TestSupport", "ServiceTestSupport", "IPPIntake", "IPPScoring", "IPPMonitor", "IPPNotify",
        "IPPSchema", "IntakeAPI", "ScoringAPI", "MonitorAPI", "NotifyAPI", "RPC", "RPCCore", "ServiceRuntime",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/WebTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "IPPSchemaTests",
      dependencies: ["IPPSchema", "RPCCore"],
      path: "Tests/IPPSchemaTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "MessageFramingTests",
      dependencies: ["MessageFraming"],
      path: "Tests/MessageFramingTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "ServiceRuntimeTests",
      dependencies: [
        "TestSupport",
        "ServiceRuntime",
        "RPC",
        "RPCCore",
        "IPPSchema",
        "ScoringAPI",
        "IntakeAPI",
        "ServiceTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/ServiceRuntimeTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "ScoringTests",
      dependencies: [
        "TestSupport", "ServiceTestSupport", "IPPScoring", "ScoringAPI", "IPPSchema", "RPCCore",
        "ServiceRuntime",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      path: "Tests/ScoringTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "RPCTests",
      dependencies: [
        "TestSupport",
        "RPC",
        "RPCCore",
        "IPPSchema",
        "CBOR",
        "MessageFraming",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/RPCTests",
      resources: [.copy("Resources")],
      swiftSettings: sharedSwiftSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)
