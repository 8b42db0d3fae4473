// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Loom",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "loom", targets: ["loom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Values every stage shares: source locations, diagnostics, snippets, traces.
        .target(name: "LoomCore"),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Reading a note: front matter, CommonMark (the only importer of CCmark), extraction.
        .target(
            name: "NoteReading",
            dependencies: ["LoomCore", "CCmark", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "NoteReadingTests", dependencies: ["NoteReading"]),
        // The static site: pages, highlighting, theme.
        .target(
            name: "Site",
            dependencies: ["LoomCore", "NoteReading", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(name: "SiteTests", dependencies: ["Site", "NoteReading"]),
        // Command-line front end: the only place stages are wired together.
        .target(
            name: "LoomCLI",
            dependencies: [
                "LoomCore", "NoteReading", "Site",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "loom", dependencies: ["LoomCLI"]),
        .testTarget(name: "LoomCLITests", dependencies: ["LoomCLI"]),
        // Python 3.11 lexer, parser, typed AST, `ast.dump` twin, repairs and session names.
        .target(name: "PythonFrontEnd", dependencies: ["LoomCore"]),
        // Agreement with CPython's `ast.dump` and parse speed over the standard library: bench/frontend.sh.
        .executableTarget(name: "frontend-bench", dependencies: ["PythonFrontEnd", "LoomCore"], path: "Sources/FrontEndBenchmark"),
        .testTarget(name: "PythonFrontEndTests", dependencies: ["PythonFrontEnd", "LoomCore"], exclude: ["Corpus", "Fixtures"]),
        // Linked into translated programs: what Swift lacks of Python (printing, formatting,
        // threads and pools, random, logging, asyncio) and the run protocol. Depends on nothing.
        .target(name: "LoomSupport"),
        .testTarget(name: "LoomSupportTests", dependencies: ["LoomSupport"]),
        // Python cells to one idiomatic Swift program per note, linking LoomSupport at run time.
        .target(name: "Translation", dependencies: ["LoomCore", "PythonFrontEnd"]),
        .testTarget(name: "TranslationTests", dependencies: ["Translation", "PythonFrontEnd", "LoomCore", "NoteReading"], exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
