import Foundation
import Testing
@testable import PythonHarness

/// The harness against plain `python3` running the same cells as one script: what the note's
/// code prints must not change because it is traced.
@Suite(.enabled(if: pythonAvailable)) struct DifferentialTests {
    static let cells = [
        """
        import threading, queue, time, concurrent.futures
        print('a', 'b', sep=', ', end=';\\n')
        print(*range(3), sep='')
        lock = threading.Lock()
        condition = threading.Condition(lock)
        ready = []
        def producer():
            with condition:
                ready.append(1)
                condition.notify()
        with condition:
            threading.Thread(target=producer).start()
            print(condition.wait_for(lambda: ready, timeout=5))
        print(lock.locked(), lock.acquire(False), lock.locked())
        lock.release()
        rlock = threading.RLock()
        with rlock, rlock:
            print('nested')

        """,
        """
        q = queue.Queue(maxsize=1)
        q.put(1)
        try:
            q.put(2, block=False)
        except queue.Full:
            print('full')
        print(q.get_nowait(), q.empty())
        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
            print(sorted(pool.map(lambda n: n * n, range(6))))
        names = []
        threads = [threading.Thread(target=lambda: names.append(threading.current_thread().name)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(sorted(names))
        print(threading.current_thread().name, __name__)
        barrier = threading.Barrier(1)
        print(barrier.wait())
        semaphore = threading.BoundedSemaphore(1)
        with semaphore:
            print(semaphore.acquire(timeout=0))

        """,
        """
        import asyncio
        async def job(n):
            await asyncio.sleep(0.01 * n)
            return asyncio.current_task().get_name()
        async def main():
            print(await asyncio.gather(job(2), job(1)))
            task = asyncio.create_task(job(0), name='custom')
            print(await task)
        asyncio.run(main())

        """,
    ]

    @Test func harnessPrintsWhatPython3PrintsForTheSameCells() throws {
        let python = try #require(HarnessRun.python)
        let harness = try HarnessRun(HarnessRun.cells(Self.cells), timeScale: 0.5)
        let traced = Self.cells.indices.map { HarnessRun.perCell(harness.stdout)[$0 + 1] ?? "<missing>" }.joined()

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("note.py")
        try Self.cells.joined().write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.path)
        process.arguments = ["-X", "utf8", script.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let plain = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0)
        #expect(harness.stderr == "\u{1E}loom-cell 1\n\u{1E}loom-cell 2\n\u{1E}loom-cell 3\n")
        #expect(traced == plain)
        #expect(plain.contains("['Task-2', 'Task-3']\ncustom\n"))
    }

    /// Loom itself hands the harness an open descriptor, not a path.
    @Test func traceGoesToTheDescriptorInLoomTraceFD() throws {
        let python = try #require(HarnessRun.python)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-fd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("harness.py")
        let cells = directory.appendingPathComponent("cells.json")
        let trace = directory.appendingPathComponent("trace.jsonl")
        try PythonHarness.script.write(to: script, atomically: true, encoding: .utf8)
        try PythonHarness.cellsJSON(HarnessRun.cells(["print('hi')\n"])).write(to: cells, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" -X utf8 -u \"$1\" \"$2\" 3>\"$3\"", python.path, script.path, cells.path, trace.path]
        process.environment = ["LOOM_TRACE_FD": "3", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
        let kinds = try lines.map { try JSONDecoder().decode(TraceLine.self, from: Data($0.utf8)).kind }
        #expect(kinds == ["cell-begin", "start", "print", "end", "cell-end"])
    }
}
