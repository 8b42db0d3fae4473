/// Every script the tests run, written together before the first child starts (see `Fixtures`).
enum FixtureScripts {
    static let all: [String: String] = [
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
                    time.sleep(0.25)
                """,
        "slowcell.py": "#!/usr/bin/env python3\n" + """
                import os, time
                os.write(1, b"\\x1eloom-cell 1\\nfirst\\n")
                os.write(1, b"\\x1eloom-cell 2\\nsecond\\n")
                time.sleep(30)
                """,
        "busy.py": "#!/usr/bin/env python3\n" + """
                import time
                end = time.perf_counter() + 0.15
                while time.perf_counter() < end:
                    pass
                """,
        "async.sh": "#!/bin/sh\n" + "echo async",
    ]
}
