import Foundation
import Testing
@testable import Execution

@Suite struct SwiftCompilerTests {
    @Test func findsTheCompilerAndItsVersion() {
        let toolchain = CompiledFixtures.toolchain
        #expect(toolchain.version.hasPrefix("Swift version"))
        #expect(FileManager.default.isExecutableFile(atPath: toolchain.swiftc))
    }

    @Test func missingCompilerIsReportedWithWhereItLooked() {
        // With no PATH, only the folder beside the running Swift runtime is searched.
        let result = SwiftToolchain.locate(environment: ["PATH": "/nonexistent"])
        if case .failure(let error) = result {
            #expect(error.description.contains("/nonexistent/swiftc"))
        }
    }

    @Test func compiledNoteProgramRunsCellByCellThroughCrashes() {
        let program = NoteProgram(executable: CompiledFixtures.faultyNote.executable, cellCount: 5)
        let run = NoteProgramRunner.run(program, options: CellRunOptions(timeLimitPerCell: 10))
        #expect(run.cells.map(\.stdout) == ["one\n", "two\n", "three\n", "", "five\n"])
        #expect(run.cells[0].status == .ok)
        #expect([CellStatus.crashed(signal: "SIGILL"), .crashed(signal: "SIGTRAP")].contains(run.cells[1].status))
        #expect(run.cells[2].status == .ok)
        #expect(run.cells[3].status == .crashed(signal: "SIGSEGV"))
        #expect(run.cells[4].status == .ok)
        #expect(run.processesStarted == 3)
        // The backtracer is off, so fatalError's message is all that reaches stderr.
        #expect(run.cells[1].stderr.contains("boom"))
    }

    @Test func secondBuildComesFromTheCache() throws {
        _ = CompiledFixtures.faultyNote
        let again = try CompiledFixtures.compiler.buildProgram(
            mainSource: CompiledFixtures.faultyNoteSource, support: CompiledFixtures.support).get()
        #expect(again.fromCache)
        #expect(again.executable == CompiledFixtures.faultyNote.executable)
        let support = try CompiledFixtures.compiler.buildSupportLibrary(sources: CompiledFixtures.supportSources).get()
        #expect(support.fromCache)
    }

    @Test func hashesChangeWithTheSourceAndTheToolchain() {
        let compiler = CompiledFixtures.compiler
        var other = compiler
        other.toolchain.version += " (other)"
        let support = CompiledFixtures.support
        #expect(compiler.programHash(mainSource: "a", support: support) != compiler.programHash(mainSource: "b", support: support))
        #expect(compiler.programHash(mainSource: "a", support: support) != other.programHash(mainSource: "a", support: support))
        #expect(compiler.supportHash(sources: [("A.swift", "x")]) != compiler.supportHash(sources: [("A.swift", "y")]))
        #expect(compiler.supportHash(sources: [("A.swift", "xy")]) != compiler.supportHash(sources: [("A.swiftx", "y")]))
    }

    @Test func compileErrorsComeBackWithMainSwiftPositions() throws {
        let source = "import LoomSupport\n\nLoom.cell(1) {\n    let x: Int = \"text\"\n}\n"
        let result = CompiledFixtures.compiler.buildProgram(mainSource: source, support: CompiledFixtures.support)
        guard case .failure(let failure) = result else {
            Issue.record("a type error compiled")
            return
        }
        let error = try #require(failure.messages.first { $0.severity == .error })
        #expect(error.file == "main.swift")
        #expect(error.line == 4)
        #expect(error.column > 1)
        #expect(failure.output.contains("main.swift:4:"))
        // A failed build leaves nothing in the cache to be mistaken for a program.
        let hash = CompiledFixtures.compiler.programHash(mainSource: source, support: CompiledFixtures.support)
        #expect(!FileManager.default.fileExists(atPath: "\(CompiledFixtures.cacheDirectory)/programs/\(hash)"))

        // The compiler's verdict is remembered: asking again gives the same errors without compiling.
        guard case .failure(let again) = CompiledFixtures.compiler.buildProgram(
            mainSource: source, support: CompiledFixtures.support)
        else {
            Issue.record("a rejected program compiled the second time")
            return
        }
        #expect(again.fromCache)
        #expect(again.messages == failure.messages)
    }

    @Test func compilerMessagesAreParsedFromTheirLines() {
        let output = """
            /tmp/x/main.swift:12:5: error: cannot find 'y' in scope
             10 | let a = 1
                |     `- error: cannot find 'y' in scope
            /tmp/x/main.swift:3:1: warning: unused
            C:/odd:path/main.swift:7:2: note: here
            """
        let messages = CompilerMessage.parse(output)
        #expect(messages == [
            CompilerMessage(file: "main.swift", line: 12, column: 5, severity: .error, message: "cannot find 'y' in scope"),
            CompilerMessage(file: "main.swift", line: 3, column: 1, severity: .warning, message: "unused"),
            CompilerMessage(file: "main.swift", line: 7, column: 2, severity: .note, message: "here"),
        ])
    }

    @Test func mainTypeProgramsCompileAsLibrariesAndTopLevelOnesDoNot() throws {
        let source = """
            import LoomSupport

            @main struct Note {
                static func main() {
                    Loom.cell(1) { Loom.say("from @main") }
                }
            }
            """
        #expect(SwiftCompiler.declaresMainType(source))
        #expect(!SwiftCompiler.declaresMainType(CompiledFixtures.faultyNoteSource))
        #expect(!SwiftCompiler.declaresMainType("@mainActor func f() {}\n"))
        let program = try CompiledFixtures.compiler.buildProgram(mainSource: source, support: CompiledFixtures.support).get()
        let run = NoteProgramRunner.run(NoteProgram(executable: program.executable, cellCount: 1))
        #expect(run.cells.map(\.stdout) == ["from @main\n"])
    }

    @Test func concurrentBuildsOfOneProgramShareOneCompleteEntry() async throws {
        let source = "import LoomSupport\n// \(UUID().uuidString)\nLoom.cell(1) { Loom.say(\"raced\") }\n"
        let compiler = CompiledFixtures.compiler
        let support = CompiledFixtures.support
        let builds = await withTaskGroup(of: Result<SwiftCompiler.CompiledProgram, SwiftCompiler.Failure>.self) { group in
            for _ in 0..<2 {
                group.addTask { await compiler.buildProgram(mainSource: source, support: support) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let programs = try builds.map { try $0.get() }
        #expect(Set(programs.map(\.executable)).count == 1)
        let run = await NoteProgramRunner.run(NoteProgram(executable: programs[0].executable, cellCount: 1))
        #expect(run.cells.map(\.stdout) == ["raced\n"])
        let entry = (programs[0].executable as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: entry).sorted() == ["main", "main.swift"])
        try? FileManager.default.removeItem(atPath: entry)  // unique to this run: no later run can use it
    }
}
