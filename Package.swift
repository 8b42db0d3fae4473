// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Loom",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Values every stage shares: source locations, diagnostics, snippets, traces.
        .target(name: "LoomCore"),
        // Linked into translated programs: what Swift lacks of Python (printing, formatting,
        // threads and pools, random, logging, asyncio) and the run protocol. Depends on nothing.
        .target(name: "LoomSupport"),
        .testTarget(name: "LoomSupportTests", dependencies: ["LoomSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
