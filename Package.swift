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
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Values every stage shares: source locations, diagnostics, snippets, traces.
        .target(name: "LoomCore"),
        .testTarget(name: "LoomCoreTests", dependencies: ["LoomCore"]),
        // The tests' seeded generator, shared so generated cases are the same everywhere.
        .target(name: "SeededRandom", path: "Tests/SeededRandom"),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // A bump allocator cmark parses each note into, released whole when the note is read.
        .target(name: "CmarkArena"),
        // Reading a note: front matter, CommonMark (the only importer of CCmark), extraction.
        .target(
            name: "NoteReading",
            dependencies: ["LoomCore", "CCmark", "CmarkArena", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "NoteReadingTests", dependencies: ["NoteReading", "CmarkArena", "SeededRandom"]),
        // The static site: pages, highlighting, theme.
        .target(
            name: "Site",
            dependencies: ["LoomCore", "NoteReading", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(name: "SiteTests", dependencies: ["Site", "NoteReading", "SeededRandom"]),
        // Linux's exchange of two paths in one step (renameat2 RENAME_EXCHANGE), which Glibc's module lacks.
        .target(name: "CAtomicRename"),
        // Command-line front end: the only place stages are wired together.
        .target(
            name: "LoomCLI",
            dependencies: [
                "LoomCore", "NoteReading", "Site", "PythonFrontEnd", "Translation", "Execution", "Timeline",
                "SupportLibrarySources", "PythonHarness", "CAtomicRename", "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `loom serve`: the site over HTTP on loopback, the vault watched, pages told to reload after a rebuild.
        .target(
            name: "PreviewServer",
            dependencies: [.product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")],
            exclude: ["README.md"]
        ),
        .testTarget(name: "PreviewServerTests", dependencies: ["PreviewServer"]),
        .executableTarget(name: "loom", dependencies: ["LoomCLI"]),
        .testTarget(name: "LoomCLITests", dependencies: ["LoomCLI", "CAtomicRename", "PreviewServer"]),
        // Bad input, hostile content and faults, driven through the built `loom` executable.
        .testTarget(name: "ReliabilityTests", dependencies: ["LoomCLI"]),
        // Reading + extraction alone, for its throughput against the `cmark` command: bench/run.
        .executableTarget(name: "read-bench", dependencies: ["NoteReading"], path: "Sources/ReadBenchmark"),
        // Timelines drawn from a run's trace: ASCII/Unicode text, SVG, and per-lane summaries.
        .target(name: "Timeline", dependencies: ["LoomCore"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline", "LoomCore", "SeededRandom", "ProgramFixtures"], exclude: ["Golden"]),
        // Compiles note programs and runs them in isolated, measured child processes.
        .target(name: "Execution", dependencies: ["LoomCore", "CProcessSpawn"]),
        // fork and exec with what posix_spawn cannot do: limits and a parent-death signal set in the child.
        .target(name: "CProcessSpawn"),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "LoomCore", "SupportLibrarySources"]),
        // Measures the execution stage's own costs (spawn overhead, CPU sampling, kills, memory under floods).
        .executableTarget(name: "ExecutionBenchmarks", dependencies: ["Execution"]),
        // Python 3.11 lexer, parser, typed AST, `ast.dump` twin, repairs and session names.
        .target(name: "PythonFrontEnd", dependencies: ["LoomCore"], exclude: ["Notes/README.md"]),
        // Agreement with CPython's `ast.dump` and parse speed over the standard library: bench/frontend.sh.
        .executableTarget(name: "frontend-bench", dependencies: ["PythonFrontEnd", "LoomCore"], path: "Sources/FrontEndBenchmark"),
        .testTarget(name: "PythonFrontEndTests", dependencies: ["PythonFrontEnd", "LoomCore", "SeededRandom", "ProgramFixtures"], exclude: ["Corpus", "Fixtures"]),
        // Linked into translated programs: what Swift lacks of Python (printing, formatting,
        // threads and pools, random, logging, asyncio) and the run protocol. Depends on nothing.
        .target(
            name: "LoomSupport",
            exclude: [
                "Runtime/README.md", "Values/README.md", "Printing/README.md", "Modules/README.md", "Dynamic/README.md",
                "Dynamic/Core/README.md", "Dynamic/Objects/README.md", "Dynamic/Builtins/README.md",
                "Dynamic/Modules/General/README.md", "Dynamic/Modules/Concurrency/README.md",
                "Dynamic/Modules/Text/README.md", "Dynamic/Modules/Patterns/README.md", "Dynamic/Modules/Calendar/README.md",
                "Dynamic/Modules/Testing/README.md", "Dynamic/Modules/Hashing/README.md", "Dynamic/Modules/Numbers/README.md",
            ]
        ),
        // The support library's sources as data, for compiling them outside the package at run time.
        .target(name: "SupportLibrarySources", plugins: ["EmbedSupportLibrary"]),
        .executableTarget(name: "EmbedSources"),
        // Compiles the support library (swiftc -O) while Loom is built, so the first run need not.
        .executableTarget(name: "PrebuildSupportLibrary"),
        .plugin(name: "EmbedSupportLibrary", capability: .buildTool(), dependencies: ["EmbedSources", "PrebuildSupportLibrary"]),
        .testTarget(name: "LoomSupportTests", dependencies: ["LoomSupport", "SeededRandom", "ProgramFixtures"]),
        // For tests that compile and run programs: the support library as Loom's build compiled it (so no
        // test target compiles it again), and tools run as Loom runs its children.
        .target(name: "ProgramFixtures", dependencies: ["SupportLibrarySources", "Execution"], path: "Tests/ProgramFixtures"),
        // Python cells to one idiomatic Swift program per note, linking LoomSupport at run time.
        .target(
            name: "Translation", dependencies: ["LoomCore", "PythonFrontEnd"],
            exclude: ["Program/README.md", "Inference/README.md", "Lowering/README.md", "Library/README.md", "Dynamic/README.md"]
        ),
        .testTarget(name: "TranslationTests", dependencies: ["Translation", "PythonFrontEnd", "LoomCore", "NoteReading", "ProgramFixtures"], exclude: ["Corpus"]),
        // Runs a note's original Python under CPython (`--python`), traced as the Swift programs are.
        .target(name: "PythonHarness", exclude: ["harness.py"], plugins: ["EmbedPythonHarness"]),
        .plugin(name: "EmbedPythonHarness", capability: .buildTool(), dependencies: ["EmbedSources"]),
        .testTarget(name: "PythonHarnessTests", dependencies: ["PythonHarness", "Execution"]),
    ],
    swiftLanguageModes: [.v6]
)
