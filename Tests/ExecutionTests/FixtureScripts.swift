/// Every script the tests run, written together before the first child starts (see `Fixtures`).
enum FixtureScripts {
    static let all: [String: String] = [
        // Speaks the run protocol; argv[1] lists what each cell does: ok, error, segv, hang, busy, garbage, exit3, sysexit, flood, prelude.
        "protocol.py": "#!/usr/bin/env python3\n" + #"""
            import json, os, signal, sys, threading, time
            plan = sys.argv[1].split(",")
            first = int(sys.argv[sys.argv.index("--from") + 1]) if "--from" in sys.argv else 1
            scale = float(os.environ.get("LOOM_TIME_SCALE", "1"))
            trace_fd = int(os.environ["LOOM_TRACE_FD"]) if "LOOM_TRACE_FD" in os.environ else None

            def emit(**fields):
                if trace_fd is not None:
                    os.write(trace_fd, (json.dumps(fields) + "\n").encode())

            if "prelude" in plan:
                os.write(1, b"top level\n")
            for cell in range(first, len(plan) + 1):
                what = plan[cell - 1]
                began = time.perf_counter()
                now = lambda: (time.perf_counter() - began) / scale
                if os.environ.get("LOOM_CELL_MARKERS") == "1":
                    marker = "\x1eloom-cell %d\n" % cell
                    os.write(1, marker.encode()); os.write(2, marker.encode())
                emit(cell=cell, kind="cell-begin", t=0)
                emit(cell=cell, kind="start", lane="MainThread", t=now(), tid=threading.get_native_id())
                os.write(1, b"cell %d says %s\n" % (cell, what.encode()))
                emit(cell=cell, kind="print", lane="MainThread", t=now(), text="cell %d says %s" % (cell, what))
                if what == "ok":
                    def work():
                        emit(cell=cell, kind="start", lane="Thread-1 (work)", t=now(), tid=threading.get_native_id())
                        emit(cell=cell, kind="sleep", lane="Thread-1 (work)", t=now(), duration=0.05)
                        time.sleep(0.05 * scale)
                        emit(cell=cell, kind="end", lane="Thread-1 (work)", t=now())
                    worker = threading.Thread(target=work); worker.start(); worker.join()
                    emit(cell=cell, kind="wait", lane="MainThread", t=now(), duration=0.05, text="join Thread-1 (work)")
                elif what == "error":
                    os.write(2, b"Traceback (most recent call last):\nValueError: bad value\n")
                    emit(cell=cell, kind="end", lane="MainThread", t=now())
                    emit(cell=cell, kind="cell-end", t=now(), text="error", exception="ValueError: bad value")
                    continue
                elif what == "segv":
                    os.kill(os.getpid(), signal.SIGSEGV)
                elif what == "hang":
                    time.sleep(100)
                elif what == "flood":
                    os.write(1, b"x" * 3_000_000)
                elif what == "sysexit":
                    emit(cell=cell, kind="end", lane="MainThread", t=now())
                    emit(cell=cell, kind="cell-end", t=now(), text="error", exception="SystemExit: 3")
                    os._exit(3)
                elif what == "exit3":
                    os._exit(3)
                elif what == "busy":
                    spent = time.process_time() + 0.2
                    while time.process_time() < spent:
                        pass
                elif what == "garbage":
                    os.write(trace_fd, b"not json\n{\"cell\": 1}\n{\"cell\":%d,\"kind\":\"teleport\",\"t\":0,\"lane\":\"x\"}\n" % cell)
                    os.write(trace_fd, b"{\"cell\":%d,\"kind\":\"sleep\",\"t\":0,\"lane\":\"x\",\"duration\":-1}\n" % cell)
                emit(cell=cell, kind="end", lane="MainThread", t=now())
                emit(cell=cell, kind="cell-end", t=now(), text="ok")
            """#,
        // Dies before it writes any marker.
        // Starts a process in a session of its own, outside the group, holding no output.
        "escape.sh": "#!/bin/sh\n" + """
                setsid sh -c 'echo $$; exec sleep 30 >/dev/null 2>&1' &
                sleep 0.2
                """,
        // Three hundred threads that sleep half a second.
        "crowd.py": "#!/usr/bin/env python3\n" + """
                import threading, time
                threads = [threading.Thread(target=time.sleep, args=(0.5,)) for _ in range(300)]
                [t.start() for t in threads]
                [t.join() for t in threads]
                """,
        "limits.sh": "#!/bin/sh\n" + "ulimit -v; ulimit -s; ulimit -c",
        "diesearly.sh": "#!/bin/sh\n" + "kill -ABRT $$",
        "streams.sh": "#!/bin/sh\n" + """
                echo out line
                echo err line >&2
                echo '{"trace":1}' >&3
                exit 7
                """,
        "args.sh": "#!/bin/sh\n" + #"printf '%s|' "$@"; echo "$GREETING $SWIFT_BACKTRACE""#,
        "stdin.sh": "#!/bin/sh\n" + "cat; echo done",
        "fds.sh": "#!/bin/sh\n" + "ls /proc/self/fd | sort -n | tr '\\n' ' '",
        "segv.sh": "#!/bin/sh\n" + "echo before; kill -SEGV $$",
        "hang.sh": "#!/bin/sh\n" + """
                sleep 30 &
                echo $!
                trap '' TERM
                while :; do sleep 1; done
                """,
        "orphan.sh": "#!/bin/sh\n" + """
                sleep 30 &
                echo $!
                exit 0
                """,
        "flood.py": "#!/usr/bin/env python3\n" + """
                import sys
                sys.stdout.write("x" * 3_000_000)
                sys.stderr.write("y" * 10 + "\\n")
                """,
        "noline.py": "#!/usr/bin/env python3\n" + """
                import os
                block = b"z" * (1 << 20)
                for _ in range(100):
                    os.write(1, block)
                """,
        "both.py": "#!/usr/bin/env python3\n" + """
                import os
                for i in range(2000):
                    os.write(2, b"e" * 4000)
                    os.write(1, b"o" * 4000)
                    os.write(3, b"t" * 100 + b"\\n")
                """,
        "alloc.py": "#!/usr/bin/env python3\n" + """
                try:
                    block = bytearray(10 * 1024 ** 3)
                    print("allocated")
                except MemoryError:
                    print("MemoryError")
                """,
        "threads.py": "#!/usr/bin/env python3\n" + """
                import threading
                started = 0
                release = threading.Event()
                try:
                    for _ in range(10_000):
                        threading.Thread(target=release.wait).start()
                        started += 1
                except RuntimeError:
                    pass
                release.set()
                print(started)
                """,
        "cells.py": "#!/usr/bin/env python3\n" + """
                import os, time
                for cell in (1, 2, 3):
                    marker = "\\x1eloom-cell %d\\n" % cell
                    os.write(1, marker.encode()); os.write(2, marker.encode())
                    os.write(1, b"out %d\\n" % cell); os.write(2, b"err %d\\n" % cell)
                    time.sleep(0.4)
                """,
        "slowcell.py": "#!/usr/bin/env python3\n" + """
                import os, time
                os.write(1, b"\\x1eloom-cell 1\\nfirst\\n")
                os.write(1, b"\\x1eloom-cell 2\\nsecond\\n")
                time.sleep(30)
                """,
        "busy.py": "#!/usr/bin/env python3\n" + """
                import time
                while time.process_time() < 0.15:
                    pass
                """,
        "async.sh": "#!/bin/sh\n" + "echo async",
    ]
}
