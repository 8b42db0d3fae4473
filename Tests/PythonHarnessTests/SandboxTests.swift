import Execution
import Foundation
import Testing
@testable import PythonHarness
#if canImport(Glibc)
import Glibc
#endif

/// The note's Python in the sandbox, run as `loom build --python` runs it: hostile snippets are
/// contained and reported, and nothing outside the sandbox changes.
@Suite(.enabled(if: SandboxedRun.sandbox != nil), .serialized) struct SandboxTests {
    @Test func writesOutsideItsFolderAreRefusedAndTheFolderIsUnchanged() throws {
        let owned = try TemporaryFolder()
        try "keep me\n".write(toFile: owned.path + "/victim.txt", atomically: true, encoding: .utf8)
        let before = try owned.listing()
        let run = try SandboxedRun([
            """
            import os
            for path in [\(pythonString(owned.path + "/new.txt")), \(pythonString(owned.path + "/victim.txt"))]:
                try:
                    with open(path, "w") as f:
                        f.write("overwritten")
                    print("wrote", os.path.basename(path))
                except OSError as error:
                    print("write refused:", type(error).__name__)
            try:
                os.remove(\(pythonString(owned.path + "/victim.txt")))
                print("deleted")
            except OSError as error:
                print("delete refused:", type(error).__name__)
            with open("scratch.txt", "w") as f:
                f.write("mine")
            with open("/tmp/scratch.txt", "w") as f:
                f.write("mine too")
            print("own folder and /tmp writable:", open("scratch.txt").read(), open("/tmp/scratch.txt").read())
            """,
        ])
        let cell = try #require(run.cells.first)
        #expect(cell.status == .ok)
        #expect(cell.stdout == """
            write refused: FileNotFoundError
            write refused: FileNotFoundError
            delete refused: FileNotFoundError
            own folder and /tmp writable: mine mine too

            """)
        #expect(try owned.listing() == before)
    }

    @Test func theNetworkIsNotThere() throws {
        let server = try LoopbackServer()
        let run = try SandboxedRun([
            """
            import socket
            s = socket.socket()
            s.settimeout(3)
            try:
                s.connect(("127.0.0.1", \(server.port)))
                print("connected")
            except OSError as error:
                print("refused:", type(error).__name__)
            try:
                socket.create_connection(("example.com", 80), timeout=3)
                print("reached the internet")
            except OSError as error:
                print("no internet:", type(error).__name__)
            """,
        ])
        let cell = try #require(run.cells.first)
        #expect(cell.stdout.hasPrefix("refused: ConnectionRefusedError\nno internet: "))
        #expect(!cell.stdout.contains("connected") && !cell.stdout.contains("reached"))
        #expect(server.acceptedConnections() == 0)
    }

    @Test func aThousandForksStopAtTheProcessLimitAndNoneSurvive() throws {
        let run = try SandboxedRun([
            """
            import os, time
            started = 0
            try:
                for _ in range(1000):
                    if os.fork() == 0:
                        time.sleep(30)
                        os._exit(0)
                    started += 1
            except OSError as error:
                print("stopped:", type(error).__name__)
            print("fewer than 1000:", started < 1000)
            """,
        ], timeLimit: 10)
        let cell = try #require(run.cells.first)
        #expect(cell.stdout == "stopped: BlockingIOError\nfewer than 1000: True\n")
        // The forked children sleep for 30 s, but end with the sandbox (the kernel takes a moment to kill them all).
        // Run by another user than root, the program runs as that user, whose other processes count too.
        guard let user = run.user else { return }
        var left = processes(ofUser: user)
        let ended = Date()
        while left > 0, Date().timeIntervalSince(ended) < 5 {
            Thread.sleep(forTimeInterval: 0.05)
            left = processes(ofUser: user)
        }
        #expect(left == 0)
    }

    @Test func fillingMemoryRaisesMemoryError() throws {
        let run = try SandboxedRun(["block = bytearray(16 * 1024 ** 3)\nprint('allocated')"])
        let cell = try #require(run.cells.first)
        #expect(cell.status == .runtimeError(exception: "MemoryError"))
        #expect(cell.stdout.isEmpty)
    }

    @Test func printingGigabytesIsCappedAndStopped() throws {
        let run = try SandboxedRun([
            "line = 'x' * 1023\nwhile True:\n    print(line)",
            "print('next cell runs')",
        ], timeLimit: 3)
        #expect(run.cells[0].status == .timeout)
        #expect(run.cells[0].stdout.utf8.count < 2 << 20)
        #expect(run.cells[1].stdout == "next cell runs\n")
    }

    @Test func pythonFindsItsStandardLibraryAndTheSessionLooksInteractive() throws {
        let run = try SandboxedRun([
            "import sys, json, asyncio, concurrent.futures, multiprocessing\nprint(__name__, sys.argv, '__file__' in globals())",
        ])
        #expect(run.cells.first?.stdout == "__main__ [''] False\n")
    }
}

/// One sandboxed harness run over some cells, with the options Loom uses.
struct SandboxedRun {
    static let sandbox: PythonSandbox? = {
        guard let python = HarnessRun.python, let installation = PythonInstallation.of(python.path) else { return nil }
        return try? PythonSandbox.prepare(for: installation).get()
    }()

    var cells: [CellMeasurement]
    /// The user id the program ran as (when Loom runs as root, one of its own per run).
    var user: Int?

    init(_ sources: [String], timeLimit: Double = 20) throws {
        let sandbox = try #require(Self.sandbox)
        let folder = try TemporaryFolder()
        let harness = folder.path + "/harness.py", cellsFile = folder.path + "/cells.json"
        try PythonHarness.script.write(toFile: harness, atomically: true, encoding: .utf8)
        try PythonHarness.cellsJSON(HarnessRun.cells(sources)).write(toFile: cellsFile, atomically: true, encoding: .utf8)
        let command = sandbox.harnessCommand(hostHarness: harness, hostCells: cellsFile)
        user = command.arguments.firstIndex(of: "--reuid").flatMap { Int(command.arguments[$0 + 1]) }
        var options = CellRunOptions(timeLimitPerCell: timeLimit, environment: command.environment)
        options.isSandbox = true
        options.limits?.processCount = PythonSandbox.processLimit
        let run = NoteProgramRunner.run(
            NoteProgram(executable: command.executable, arguments: command.arguments, cellCount: sources.count),
            options: options)
        cells = run.cells
    }
}

struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("loom-sandbox-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func listing() throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            files[name] = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
        }
        return files
    }
}

/// A TCP server on the machine's loopback that counts the connections it accepted.
final class LoopbackServer {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw HarnessTestError.hung
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    func acceptedConnections() -> Int {
        var count = 0
        while case let client = accept(fd, nil, nil), client >= 0 {
            close(client)
            count += 1
        }
        return count
    }

    deinit { close(fd) }
}

func pythonString(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
}

/// Processes on the machine whose real user id is `uid`.
func processes(ofUser uid: Int) -> Int {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { entry in
        guard Int(entry) != nil, let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
              let real = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.flatMap({ Int($0) })
        else { return false }
        return real == uid
    }.count
}
