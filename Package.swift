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
        // Compiles note programs and runs them in isolated, measured child processes.
        .target(name: "Execution", dependencies: ["LoomCore"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "LoomCore"]),
        // Measures the execution stage's own costs (spawn overhead, CPU sampling, kills, memory under floods).
        .executableTarget(name: "ExecutionBenchmarks", dependencies: ["Execution"]),
    ],
    swiftLanguageModes: [.v6]
)
