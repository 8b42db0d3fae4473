#!/usr/bin/env bash
# Front-end benchmark (not a test): agreement of Loom's `ast.dump` with CPython's over the
# standard library, and parse time of Loom (release build) against python3's `ast.parse`.
# Usage: bench/frontend.sh [repeats]   (default 3). Leaves the failures list in $WORK/failures.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-3}"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work/expected" "$work/actual"
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"

# The corpus: every .py file of the stdlib that python3 itself parses as UTF-8 text, without the
# deliberately broken test data; CPython's dump of each, written once.
python3 - "$stdlib" "$work" <<'PY'
import ast, os, sys
stdlib, work = sys.argv[1], sys.argv[2]
paths = []
for root, dirs, files in os.walk(stdlib):
    dirs.sort()
    rel = os.path.relpath(root, stdlib)
    if rel.startswith(("lib2to3/tests/data", "site-packages")) or "/__pycache__" in root:
        continue
    for name in sorted(files):
        if not name.endswith(".py"):
            continue
        if (rel == "test" or rel.startswith("test/")) and name.startswith("bad"):
            continue
        path = os.path.join(root, name)
        try:
            with open(path, encoding="utf-8") as handle:
                source = handle.read()
            dump = ast.dump(ast.parse(source))
        except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):
            continue
        with open(os.path.join(work, "expected", f"{len(paths)}.txt"), "w", encoding="utf-8") as out:
            out.write(dump + "\n")
        paths.append(path)
with open(os.path.join(work, "list.txt"), "w") as out:
    out.write("\n".join(paths) + "\n")
print(f"corpus: {len(paths)} files under {stdlib}")
PY

swift build -c release --product frontend-bench >/dev/null
bin="$(swift build -c release --show-bin-path)/frontend-bench"
"$bin" dump "$work/list.txt" "$work/actual"

total=0
same=0
: > "$work/failures.txt"
while IFS= read -r path; do
    if cmp -s "$work/expected/$total.txt" "$work/actual/$total.txt"; then
        same=$((same + 1))
    else
        echo "$total $path" >> "$work/failures.txt"
    fi
    total=$((total + 1))
done < "$work/list.txt"
awk -v s="$same" -v t="$total" 'BEGIN { printf "agreement: %d/%d files (%.2f%%) dump exactly as CPython 3.11\n", s, t, 100 * s / t }'

# Positions too: on ASCII files (where CPython's byte columns equal Loom's scalar columns), the dump
# with include_attributes=True.
mkdir -p "$work/positions-expected" "$work/positions-actual"
python3 - "$work" <<'PY'
import ast, os, sys
work = sys.argv[1]
paths = [p for p in open(os.path.join(work, "list.txt")).read().split("\n") if p]
ascii = []
for path in paths:
    source = open(path, encoding="utf-8").read()
    if not source.isascii():
        continue
    with open(os.path.join(work, "positions-expected", f"{len(ascii)}.txt"), "w") as out:
        out.write(ast.dump(ast.parse(source), include_attributes=True) + "\n")
    ascii.append(path)
open(os.path.join(work, "positions-list.txt"), "w").write("\n".join(ascii) + "\n")
PY
"$bin" dump-positions "$work/positions-list.txt" "$work/positions-actual"
total=0
same=0
while IFS= read -r path; do
    if cmp -s "$work/positions-expected/$total.txt" "$work/positions-actual/$total.txt"; then
        same=$((same + 1))
    else
        echo "$total $path" >> "$work/positions-failures.txt"
    fi
    total=$((total + 1))
done < "$work/positions-list.txt"
awk -v s="$same" -v t="$total" 'BEGIN { printf "positions: %d/%d ASCII files (%.2f%%) dump with identical lineno/col_offset/end_lineno/end_col_offset\n", s, t, 100 * s / t }'

python3 - "$work/list.txt" "$repeats" > "$work/python-times.txt" <<'PY'
import ast, sys, time
paths = open(sys.argv[1]).read().split()
sources = [open(p, encoding="utf-8").read() for p in paths]
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    for source in sources:
        ast.parse(source)
    print(f"{time.perf_counter() - start:.4f}")
PY
"$bin" time "$work/list.txt" "$repeats" | cut -d' ' -f1 > "$work/loom-times.txt"

python3 - "$work/loom-times.txt" "$work/python-times.txt" <<'PY'
import statistics, sys
loom = [float(x) for x in open(sys.argv[1]).read().split()]
python = [float(x) for x in open(sys.argv[2]).read().split()]
for name, times in (("loom (release)", loom), ("python3 ast.parse", python)):
    print(f"{name}: median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}, {len(times)} repeats)")
print(f"ratio python3/loom: {statistics.median(python) / statistics.median(loom):.2f}x")
PY
echo "failures list: $work/failures.txt"
