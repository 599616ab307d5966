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
  ],
  dependencies: [
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1")
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
  ],
  swiftLanguageModes: [.v6]
)
