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
    .library(name: "RPC", targets: ["RPC"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
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
    .target(
      name: "RPC",
      dependencies: [
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
    .testTarget(
      name: "CBORTests",
      dependencies: [
        "CBOR",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      path: "Tests/CBORTests",
      resources: [.copy("Resources")],
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "MessageFramingTests",
      dependencies: ["MessageFraming"],
      path: "Tests/MessageFramingTests",
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "RPCTests",
      dependencies: [
        "RPC",
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
