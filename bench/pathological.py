#!/usr/bin/env python3
"""Times `loom build --no-run` on cmark's pathological inputs at n and 2n, to show each stays fast and linear.

    pathological.py [LOOM] [--only INPUT]      # INPUT: an input's name, e.g. --only "a 20 MB note"

Prints one row per input: wall seconds at n, at 2n, and their ratio (about 2 is linear; the best of three
runs each), CPU seconds (user + sys) and peak memory at n and 2n.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

CASES = {
    "emphasis *a **a": lambda n: "*a **a " * n,
    "open brackets [": lambda n: "[" * n,
    "nested lists": lambda n: "".join("  " * i + "- a\n" for i in range(n)),
    "html comments <!--": lambda n: "<!--" * n,
    "nested block quotes": lambda n: ">" * n + " a\n",
    "backticks": lambda n: "`" * n + "a" + "``" * n,
    "link definitions": lambda n: "".join(f"[l{i}]: /u{i}\n" for i in range(n)) + "[l1]\n",
    "unclosed fences": lambda n: "```py\nx = 1\n" * n,
    "wiki links": lambda n: "[[a.b]] " * n,
    "bare links": lambda n: "see https://example.com/x, " * n,
    "a 20 MB note": lambda n: "A line of prose, *some emphasis*, `code` and a [[a.b]] link.\n" * n,
}
SIZES = {"emphasis *a **a": 30_000, "open brackets [": 25_000, "nested lists": 500, "html comments <!--": 300_000,
         "nested block quotes": 5_000, "backticks": 10_000, "link definitions": 50_000, "unclosed fences": 20_000,
         "wiki links": 50_000, "bare links": 50_000, "a 20 MB note": 20_000_000 // 61}


def build(loom, text):
    """Wall seconds, CPU seconds and peak memory (MB) of one `loom build --no-run` of a note holding `text`."""
    with tempfile.TemporaryDirectory() as root:
        notes = os.path.join(root, "notes")
        os.makedirs(notes)
        with open(os.path.join(notes, "p.md"), "w") as handle:
            handle.write("---\ntitle: p\n---\n" + text)
        with open(os.path.join(root, "output"), "w+b") as output:
            start = time.monotonic()
            process = subprocess.Popen([loom, "build", "--no-run", "--notes", notes, "--out", os.path.join(root, "site")],
                                       stdout=output, stderr=output)
            # wait4 gives this child's own resource use; getrusage would fold in every earlier child.
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.monotonic() - start
            if os.waitstatus_to_exitcode(status) != 0:
                output.seek(0)
                raise SystemExit(f"loom failed: {output.read().decode(errors='replace')[-500:]}")
        return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("loom", nargs="?", default=".build/release/loom")
    parser.add_argument("--only", choices=list(CASES), help="measure this input alone")
    args = parser.parse_args()
    loom = args.loom
    print(f"{'input':24} {'n':>8} {'time(n)':>9} {'time(2n)':>9} {'ratio':>6} {'cpu(n)':>8} {'cpu(2n)':>8}"
          f" {'peak(n)':>9} {'peak(2n)':>9}")
    for name, make in CASES.items():
        if args.only and name != args.only:
            continue
        n = SIZES[name]
        small = min((build(loom, make(n)) for _ in range(3)), key=lambda run: run[0])
        large = min((build(loom, make(2 * n)) for _ in range(3)), key=lambda run: run[0])
        flag = "  over the 5 s budget" if small[0] > 5 else ""
        print(f"{name:24} {n:>8} {small[0]:>8.3f}s {large[0]:>8.3f}s {large[0] / small[0]:>6.2f} {small[1]:>7.2f}s"
              f" {large[1]:>7.2f}s {small[2]:>6.0f} MB {large[2]:>6.0f} MB{flag}", flush=True)


if __name__ == "__main__":
    main()
