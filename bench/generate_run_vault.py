#!/usr/bin/env python3
"""Writes a deterministic vault of notes whose snippets sleep, wait on threads and pools, and loop on the
CPU, for measuring how fast `loom build` runs a whole vault (bench/run --only runs).

    generate_run_vault.py --out DIR [--notes 200] [--seed 19]

Beside the notes it writes DIR/python/NNN.py, each note's snippets as one Python session, and
DIR/plan.json: for every note its snippets' kinds and their unavoidable time in seconds (the longest
chain of sleeps a snippet must wait through; 0 for a CPU loop, whose time is measured, not known).

Only constructs Loom's current translator carries statically: plain functions, time.sleep, threads,
ThreadPoolExecutor, loops over ints. Sleeps are 0.05-2 s; most notes are about sleeping and waiting,
some are about CPU work (three loops each), a few mix one loop into sleeping snippets, and a few hide
the loop's size in an earlier snippet, so that only the run's trace can tell that it is CPU-bound.
"""
import argparse
import json
import math
import random
from pathlib import Path


def sleep_snippet(rng, i):
    seconds = round(rng.uniform(0.05, 2.0), 2)
    code = (f"import time\n\ndef pause_{i}(seconds):\n    time.sleep(seconds)\n    return seconds\n\n"
            f"waited_{i} = pause_{i}({seconds})\nprint('waited', waited_{i}, 'seconds')\n")
    return "sleep", code, seconds


def threads_snippet(rng, i):
    seconds = round(rng.uniform(0.05, 1.5), 2)
    count = rng.randint(2, 5)
    code = (f"import threading\nimport time\n\ndef worker_{i}(n, seconds):\n    time.sleep(seconds)\n"
            f"    print('worker', n, 'done')\n\n"
            f"threads_{i} = [threading.Thread(target=worker_{i}, args=(n, {seconds})) for n in range({count})]\n"
            f"for t in threads_{i}:\n    t.start()\nfor t in threads_{i}:\n    t.join()\nprint('all {count} joined')\n")
    return "threads", code, seconds


def pool_snippet(rng, i):
    seconds = round(rng.uniform(0.05, 0.8), 2)
    workers = rng.randint(2, 4)
    tasks = rng.randint(workers, 3 * workers)
    code = (f"from concurrent.futures import ThreadPoolExecutor\nimport time\n\ndef fetch_{i}(n):\n"
            f"    time.sleep({seconds})\n    return n * n\n\n"
            f"with ThreadPoolExecutor(max_workers={workers}) as pool:\n"
            f"    squares_{i} = list(pool.map(fetch_{i}, range({tasks})))\nprint(squares_{i})\n")
    return "pool", code, math.ceil(tasks / workers) * seconds


def cpu_snippet(rng, i, size=None):
    size = size or rng.randrange(2_000_000, 8_000_001, 500_000)
    code = (f"def checksum_{i}(n):\n    total = 0\n    for x in range(n):\n        total = (total + x * x) % 1000003\n"
            f"    return total\n\nprint(checksum_{i}({size:_}))\n")
    return "cpu", code, 0.0


def hidden_cpu_snippets(rng, i):
    """A size set in one snippet and looped over in the next: nothing in the loop's snippet says how long."""
    size = rng.randrange(2_000_000, 6_000_001, 500_000)
    setup = ("setup", f"rounds_{i} = {size:_}\nprint('rounds', rounds_{i})\n", 0.0)
    loop = ("cpu", f"def spin_{i}(n):\n    total = 0\n    for x in range(n):\n        total = (total + x) % 7919\n"
                   f"    return total\n\nprint(spin_{i}(rounds_{i}))\n", 0.0)
    return [setup, loop]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = Path(args.out)
    (out / "notes").mkdir(parents=True, exist_ok=True)
    (out / "python").mkdir(parents=True, exist_ok=True)
    waiting = [sleep_snippet, threads_snippet, pool_snippet]
    cpu_notes = max(1, args.notes // 10)
    mixed_notes = max(1, args.notes // 40)
    hidden_notes = max(1, args.notes // 60)
    plan = []
    counter = 0
    for number in range(args.notes):
        snippets = []
        if number < cpu_notes:
            kind = "cpu"
            for _ in range(3):
                counter += 1
                snippets.append(cpu_snippet(rng, counter))
        elif number < cpu_notes + hidden_notes:
            kind = "hidden-cpu"
            counter += 1
            snippets = hidden_cpu_snippets(rng, counter)
            counter += 1
            snippets.append(rng.choice(waiting)(rng, counter))
        elif number < cpu_notes + hidden_notes + mixed_notes:
            kind = "mixed"
            for position in range(3):
                counter += 1
                snippets.append(cpu_snippet(rng, counter, 2_000_000) if position == 1 else rng.choice(waiting)(rng, counter))
        else:
            kind = "waiting"
            for _ in range(3):
                counter += 1
                snippets.append(rng.choice(waiting)(rng, counter))
        name = f"bench.runs.{kind}.n{number:03d}"
        body = [f"---\nid: run{number:03d}\ntitle: Runs {number} ({kind})\ndesc: ''\nupdated: 1700000000000\n"
                f"created: 1700000000000\n---\n\n# Runs {number}\n"]
        for position, (snippet_kind, code, _) in enumerate(snippets):
            body.append(f"\nSnippet {position + 1} is about {snippet_kind}.\n\n```python\n{code}```\n")
        (out / "notes" / f"{name}.md").write_text("".join(body))
        session = ["import time as _loom_bench_time\nimport sys as _loom_bench_sys\n",
                   "_loom_bench_scale = float(_loom_bench_sys.argv[1]) if len(_loom_bench_sys.argv) > 1 else 1.0\n",
                   "_loom_bench_sleep = _loom_bench_time.sleep\n",
                   "_loom_bench_time.sleep = lambda seconds: _loom_bench_sleep(seconds * _loom_bench_scale)\n"]
        session += [code for _, code, _ in snippets]
        (out / "python" / f"{number:03d}.py").write_text("\n".join(session))
        plan.append({"note": f"{name}.md", "kind": kind,
                     "snippets": [{"kind": k, "unavoidable": round(t, 3)} for k, _, t in snippets]})
    (out / "plan.json").write_text(json.dumps(plan, indent=1))


if __name__ == "__main__":
    main()
