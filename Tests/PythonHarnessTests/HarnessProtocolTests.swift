import Foundation
import Testing
@testable import PythonHarness

/// The run protocol as the harness speaks it: markers, cells, errors, resumption, the cap.
@Suite(.enabled(if: pythonAvailable)) struct HarnessProtocolTests {
    @Test func markersSplitBothStreamsPerCell() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "import sys\nprint('one')\nprint('to err', file=sys.stderr)\n",
            "print('two', 'words', sep='-', end='!\\n')\n",
        ]))
        #expect(run.status == 0)
        #expect(run.stdout == "\u{1E}loom-cell 1\none\n\u{1E}loom-cell 2\ntwo-words!\n")
        #expect(run.stderr == "\u{1E}loom-cell 1\nto err\n\u{1E}loom-cell 2\n")
        #expect(run.trace.filter { $0.kind == "cell-begin" }.map(\.cell) == [1, 2])
        #expect(run.trace.filter { $0.kind == "cell-end" }.map(\.text) == ["ok", "ok"])
    }

    @Test func cellsShareOneMainSession() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "total = 41\ndef bump():\n    return total + 1\nclass Box:\n    pass\n",
            "import sys\nprint(bump(), __name__, Box.__module__, sys.modules['__main__'].Box is Box)\n",
        ]))
        #expect(HarnessRun.perCell(run.stdout)[2] == "42 __main__ __main__ True\n")
    }

    @Test func anExceptionEndsItsCellOnlyWithCPythonsTraceback() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "print('first')\n",
            "def check(x):\n    raise ValueError('bad value')\ncheck(1)\nprint('never')\n",
            "print('third')\n",
        ], file: "threading.md"))
        #expect(run.status == 0)
        let out = HarnessRun.perCell(run.stdout)
        #expect(out[2] == "")
        #expect(out[3] == "third\n")
        let err = try #require(HarnessRun.perCell(run.stderr)[2])
        #expect(err == """
            Traceback (most recent call last):
              File "threading.md:20", line 3, in <module>
                check(1)
              File "threading.md:20", line 2, in check
                raise ValueError('bad value')
            ValueError: bad value

            """)
        let ends = run.trace.filter { $0.kind == "cell-end" }
        #expect(ends.map(\.text) == ["ok", "error", "ok"])
        #expect(ends[1].exception == "ValueError: bad value")
    }

    @Test func aCellThatDoesNotCompileReportsLikeCPythonAndTheNextRuns() throws {
        let run = try HarnessRun(HarnessRun.cells(["print 'old'\n", "print('new')\n"]))
        let err = try #require(HarnessRun.perCell(run.stderr)[1])
        #expect(err.contains("File \"note.md:10\", line 1"))
        #expect(!err.contains("Traceback"))
        let end = try #require(run.events(cell: 1, kind: "cell-end").first)
        #expect(end.exception?.hasPrefix("SyntaxError: Missing parentheses in call to 'print'") == true)
        #expect(HarnessRun.perCell(run.stdout)[2] == "new\n")
    }

    @Test func fromSkipsEarlierCellsButKeepsTheirDefinitions() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "import math\nprint('cell one ran')\ndef area(r):\n    return round(math.pi * r * r, 2)\nvalue = 5\n",
            "print(area(1))\nprint('value' in globals())\n",
        ]), from: 2)
        #expect(run.stdout == "\u{1E}loom-cell 2\n3.14\nFalse\n")
        #expect(run.trace.first?.cell == 2)
    }

    @Test func outputBeyondTheCapIsDroppedWithOneNoticePerStream() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "import sys\nfor i in range(10):\n    print('line', i)\n    print('err', i, file=sys.stderr)\n",
            "print('fresh budget')\n",
        ]), outputCap: 20)
        let out = HarnessRun.perCell(run.stdout)
        #expect(out[1] == "line 0\nline 1\n[output truncated: 56 bytes dropped]\n")
        #expect(HarnessRun.perCell(run.stderr)[1] == "err 0\nerr 1\nerr 2\n[output truncated: 42 bytes dropped]\n")
        #expect(out[2] == "fresh budget\n")
        // The trace still records every line printed.
        #expect(run.events(cell: 1, kind: "print").count == 10)
    }

    @Test func tracebacksAreNotCapped() throws {
        let run = try HarnessRun(HarnessRun.cells(["print('x' * 50)\nraise KeyError('k')\n"]), outputCap: 10)
        let err = try #require(HarnessRun.perCell(run.stderr)[1])
        #expect(err.hasSuffix("KeyError: 'k'\n"))
        #expect(HarnessRun.perCell(run.stdout)[1] == "[output truncated: 51 bytes dropped]\n")
    }

    @Test func anExceptionInAThreadIsReportedAsCPythonDoesAndTheCellGoesOn() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "import threading\ndef boom():\n    raise RuntimeError('in thread')\nt = threading.Thread(target=boom)\nt.start()\nt.join()\nprint('after')\n",
        ]))
        let err = try #require(HarnessRun.perCell(run.stderr)[1])
        #expect(err.hasPrefix("Exception in thread Thread-1 (boom):\nTraceback (most recent call last):\n"))
        #expect(err.hasSuffix("  File \"note.md:10\", line 3, in boom\n    raise RuntimeError('in thread')\nRuntimeError: in thread\n"))
        #expect(HarnessRun.perCell(run.stdout)[1] == "after\n")
        #expect(run.events(cell: 1, kind: "cell-end").first?.text == "ok")
    }

    @Test func systemExitEndsTheProgramWithItsCode() throws {
        let run = try HarnessRun(HarnessRun.cells(["import sys\nprint('bye')\nsys.exit(3)\n", "print('not run')\n"]))
        #expect(run.status == 3)
        #expect(run.stdout == "\u{1E}loom-cell 1\nbye\n")
        #expect(run.events(cell: 1, kind: "cell-end").first?.exception == "SystemExit: 3")
    }

    @Test func aCellWaitsForTheThreadsItStarted() throws {
        let run = try HarnessRun(HarnessRun.cells([
            "import threading, time\ndef late():\n    time.sleep(0.5)\n    print('late')\n"
                + "threading.Thread(target=late).start()\n"
                + "threading.Thread(target=time.sleep, args=[100], daemon=True).start()\nprint('started')\n",
            "print('next')\n",
        ]), timeScale: 0.1)
        let out = HarnessRun.perCell(run.stdout)
        #expect(out[1] == "started\nlate\n")
        #expect(out[2] == "next\n")
    }
}
