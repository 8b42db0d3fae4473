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
        // Python 3.11 lexer, parser, typed AST, `ast.dump` twin, repairs and session names.
        .target(name: "PythonFrontEnd", dependencies: ["LoomCore"]),
        // Agreement with CPython's `ast.dump` and parse speed over the standard library: bench/frontend.sh.
        .executableTarget(name: "frontend-bench", dependencies: ["PythonFrontEnd", "LoomCore"], path: "Sources/FrontEndBenchmark"),
        .testTarget(name: "PythonFrontEndTests", dependencies: ["PythonFrontEnd", "LoomCore"], exclude: ["Corpus", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
