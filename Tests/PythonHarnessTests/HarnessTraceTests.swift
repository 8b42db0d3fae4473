import Foundation
import Testing
@testable import PythonHarness

/// What the patched standard library records: lanes, sleeps, waits where they block, prints.
@Suite(.enabled(if: pythonAvailable)) struct HarnessTraceTests {
    @Test func printsAreTracedLineByLineOnThePrintingLane() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "import sys, threading\nprint('a\\nb')\nprint()\nprint('to err', file=sys.stderr)\n"
                + "t = threading.Thread(target=print, args=['child'], name='worker')\nt.start()\nt.join()\n",
        ]))
        let prints = run.events(cell: 1, kind: "print")
        #expect(prints.map(\.text) == ["a", "b", "", "child"])
        #expect(prints.map(\.lane) == ["MainThread", "MainThread", "MainThread", "worker"])
        #expect(run.stdout == "\u{1E}loom-cell 1\na\nb\n\nchild\n")
    }

    @Test func printingToOtherFilesKeepsPythonsBehaviour() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "import io\nbuffer = io.StringIO()\nprint(1, 2, sep=None, end=None, file=buffer)\nprint(repr(buffer.getvalue()))\n"
                + "try:\n    print('x', sep=3)\nexcept TypeError as error:\n    print(error)\n",
        ]))
        #expect(HarnessRun.perCell(run.stdout)[1] == "'1 2\\n'\nsep must be None or a string, not int\n")
    }

    @Test func locksEventsQueuesConditionsSemaphoresAreTracedWhereTheyBlock() throws {
        let run = try HarnessRun(HarnessRun.cells([
            """
            import threading, time, queue
            lock = threading.Lock()
            with lock:
                pass
            def hold():
                with lock:
                    time.sleep(1)
            holder = threading.Thread(target=hold, name='holder')
            holder.start()
            while not lock.locked():
                time.sleep(0.01)
            with lock:
                print('got lock', type(lock).__name__)
            holder.join()
            event = threading.Event()
            print(event.wait(2))
            q = queue.Queue()
            q.put('ready')
            print(q.get())
            threading.Timer(3, q.put, args=['later']).start()
            print(q.get())
            try:
                q.get(timeout=0.3)
            except queue.Empty:
                print('empty')
            condition = threading.Condition()
            with condition:
                print(condition.wait(timeout=0.2))
            semaphore = threading.Semaphore(0)
            threading.Timer(3, semaphore.release).start()
            with semaphore:
                print('semaphore')

            """,
        ]), timeScale: 0.05)
        #expect(HarnessRun.perCell(run.stdout)[1] == "got lock lock\nFalse\nready\nlater\nempty\nFalse\nsemaphore\n")
        let waits = run.events(cell: 1, kind: "wait").filter { $0.lane == "MainThread" }
        // The uncontended lock, the non-empty get and the join of a finished thread never blocked.
        #expect(waits.compactMap(\.text).filter { $0 != "join holder" } == ["lock", "event", "queue", "queue", "condition", "semaphore"])
        let byKind = Dictionary(grouping: waits, by: { $0.text ?? "" })
        // Timeouts are scaled like sleeps and reported in unscaled seconds.
        #expect(try #require(byKind["event"]?.first?.duration) >= 2)
        #expect(try #require(byKind["condition"]?.first?.duration) >= 0.2)
        let timers = run.events(cell: 1, kind: "sleep").filter { $0.lane?.hasPrefix("Thread-") == true }
        #expect(timers.compactMap(\.duration) == [3, 3])
    }

    @Test func timeoutsAndClocksAreScaledAlike() throws {
        let run = try HarnessRun(HarnessRun.cells([
            """
            import threading, time
            started = time.monotonic()
            threading.Event().wait(3)
            elapsed = time.monotonic() - started
            print(3 <= elapsed < 30)
            worker = threading.Thread(target=time.sleep, args=[100], daemon=True)
            worker.start()
            worker.join(timeout=1.5)
            print(worker.is_alive())

            """,
        ]), timeScale: 0.01)
        #expect(HarnessRun.perCell(run.stdout)[1] == "True\nTrue\n")
        let join = try #require(run.events(cell: 1, kind: "wait").first { $0.text == "join Thread-1 (sleep)" })
        #expect(try #require(join.duration) >= 1.5)
    }

    @Test func poolWorkersAndFuturesAreLanesAndResultWaits() throws {
        let run = try HarnessRun(HarnessRun.cells([
            """
            import concurrent.futures, time
            def square(n):
                time.sleep(0.5)
                return n * n
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                future = pool.submit(square, 3)
                print(future.result())
                print(list(pool.map(square, [1, 2])))

            """,
        ]), timeScale: 0.05)
        #expect(HarnessRun.perCell(run.stdout)[1] == "9\n[1, 4]\n")
        let lanes = Set(run.events(cell: 1, kind: "start").compactMap(\.lane))
        #expect(lanes == ["MainThread", "ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1"])
        let waits = run.events(cell: 1, kind: "wait")
        let mainWaits = waits.filter { $0.lane == "MainThread" }
        #expect(!mainWaits.isEmpty && mainWaits.allSatisfy { $0.text == "result" })
        // Idle workers wait on the pool's work queue, as the translated pools' workers do.
        #expect(waits.filter { $0.lane != "MainThread" }.allSatisfy { $0.text == "queue" && lanes.contains($0.lane ?? "") })
    }

    @Test func asyncioTasksAreLanesWithTheirSleepsAndGather() throws {
        let run = try HarnessRun(HarnessRun.cells([
            """
            import asyncio
            async def work(n):
                print('start', n)
                await asyncio.sleep(n)
                return n
            async def main():
                print(await asyncio.gather(work(1), work(2)), asyncio.current_task().get_name())
                try:
                    await asyncio.wait_for(asyncio.sleep(50), timeout=0.5)
                except asyncio.TimeoutError:
                    print('timed out')
            asyncio.run(main())

            """,
        ]), timeScale: 0.05)
        #expect(HarnessRun.perCell(run.stdout)[1] == "start 1\nstart 2\n[1, 2] Task-1\ntimed out\n")
        let starts = run.events(cell: 1, kind: "start").compactMap(\.lane)
        #expect(starts == ["MainThread", "Task-1", "Task-2", "Task-3", "Task-4"])
        #expect(Set(run.events(cell: 1, kind: "end").compactMap(\.lane)) == Set(starts))
        let sleeps = run.events(cell: 1, kind: "sleep")
        #expect(sleeps.map(\.lane) == ["Task-2", "Task-3", "Task-4"])
        #expect(sleeps.compactMap(\.duration) == [1, 2, 50])
        #expect(run.events(cell: 1, kind: "print").map(\.lane) == ["Task-2", "Task-3", "Task-1", "Task-1"])
        let gather = try #require(run.events(cell: 1, kind: "wait").first { $0.text == "gather" })
        #expect(gather.lane == "Task-1")
        #expect(try #require(gather.duration) >= 2)
        let task = try #require(run.events(cell: 1, kind: "wait").first { $0.text == "task" })
        #expect(task.lane == "MainThread")
        // wait_for's timeout is scaled: the run does not sit out the 50-second sleep.
        #expect(try #require(task.duration) < 40)
    }

    @Test func traceLinesStayShortAndOutputKeepsLongLines() throws {
        let run = try HarnessRun(HarnessRun.cells(["print('é' * 3000)\n"]))
        let text = try #require(run.events(cell: 1, kind: "print").first?.text)
        #expect(text.utf8.count == 3000)
        #expect(HarnessRun.perCell(run.stdout)[1] == String(repeating: "é", count: 3000) + "\n")
    }
}
