#!/usr/bin/env python3
"""Writes a deterministic Dendron-style vault for benchmarks.

    generate_vault.py --notes 10000 --out DIR [--seed 1]
    generate_vault.py --single-file 50 --out DIR      # one note of about 50 MB

Same arguments, same bytes: notes have front matter, dot-hierarchy names, 3-8 sections of prose with
lists, links, emphasis and wiki links, 1-4 Python blocks each, 2-10 KB per note.
"""
import argparse
import os
import random

WORDS = ("thread pool queue lock event future result sleep worker task loop await gather process "
         "memory cache signal barrier semaphore timeout schedule yield async sync run join start "
         "value list dict set tuple string number time clock cpu core io wait block").split()
TOPICS = ["python", "rust", "swift", "go", "systems", "notes", "db", "web"]
SUBTOPICS = ["async", "threads", "pools", "locks", "queues", "io", "cpu", "memory", "perf", "patterns"]

SNIPPETS = [
    "import time\n\ndef work(n):\n    time.sleep(n)\n    return n * 2\n\nprint(work({a}))\n",
    "import threading\n\nlock = threading.Lock()\ncount = 0\n\ndef bump():\n    global count\n    with lock:\n        count += {a}\n\nthreads = [threading.Thread(target=bump) for _ in range({b})]\nfor t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint(count)\n",
    "import concurrent.futures\n\nwith concurrent.futures.ThreadPoolExecutor(max_workers={b}) as pool:\n    results = list(pool.map(lambda x: x * x, range({a})))\nprint(results)\n",
    "values = [x * {a} for x in range({b}) if x % 2]\ntotal = sum(values)\nprint(f'total={{total:>8}} mean={{total / max(len(values), 1):.2f}}')\n",
    "import asyncio\n\nasync def main():\n    await asyncio.sleep(0.{a})\n    return 'done'\n\nprint(asyncio.run(main()))\n",
]


def sentence(rng, names):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    kind = rng.random()
    if kind < 0.15:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    elif kind < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    elif kind < 0.4:
        i = rng.randrange(len(words))
        words[i] = f"[{words[i]}](https://example.com/{words[i]})"
    elif kind < 0.5 and names:
        words.append(f"[[{rng.choice(names)}]]")
    elif kind < 0.55:
        words.append(f"`{rng.choice(WORDS)}()`")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def note_body(rng, names, target_size):
    parts = []
    blocks = rng.randint(1, 4)
    sections = rng.randint(3, 8)
    block_sections = set(rng.sample(range(sections), min(blocks, sections)))
    extra_blocks = blocks - len(block_sections)
    for section in range(sections):
        parts.append(f"## {' '.join(rng.choice(WORDS) for _ in range(3)).title()}\n")
        parts.append(" ".join(sentence(rng, names) for _ in range(rng.randint(2, 5))) + "\n")
        if rng.random() < 0.6:
            parts.append("".join(f"- {sentence(rng, names)}\n" for _ in range(rng.randint(2, 5))))
        count = (1 if section in block_sections else 0) + (extra_blocks if section == 0 else 0)
        for _ in range(count):
            code = rng.choice(SNIPPETS).format(a=rng.randint(1, 9), b=rng.randint(2, 8))
            parts.append(f"```python\n{code}```\n")
    body = "\n".join(parts)
    while len(body) < target_size:
        body += "\n" + " ".join(sentence(rng, names) for _ in range(4)) + "\n"
    return body


def front_matter(rng, name, index):
    created = 1_600_000_000_000 + index * 3_600_000
    return (f"---\nid: {rng.getrandbits(64):016x}\ntitle: {name.split('.')[-1].title()} {index}\n"
            f"desc: '{rng.choice(WORDS)} and {rng.choice(WORDS)}'\nupdated: {created + 86_400_000}\n"
            f"created: {created}\n---\n\n")


def vault(count, out, seed):
    rng = random.Random(seed)
    names = []
    for index in range(count):
        depth = rng.randint(1, 3)
        parts = [rng.choice(TOPICS)] + [rng.choice(SUBTOPICS) for _ in range(depth - 1)]
        names.append(".".join(parts) + f".n{index}")
    os.makedirs(out, exist_ok=True)
    for index, name in enumerate(names):
        size = rng.randint(2_000, 10_000)
        text = front_matter(rng, name, index) + note_body(rng, names, size - 200)
        with open(os.path.join(out, name + ".md"), "w", encoding="utf-8") as handle:
            handle.write(text)


def single_file(megabytes, out, seed):
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "large.md"), "w", encoding="utf-8") as handle:
        handle.write(front_matter(rng, "large", 0))
        written = 0
        while written < megabytes * 1_000_000:
            chunk = note_body(rng, ["large"], 8_000) + "\n"
            handle.write(chunk)
            written += len(chunk)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, help="how many notes")
    parser.add_argument("--single-file", type=int, metavar="MB", help="one note of about this many megabytes")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.single_file:
        single_file(args.single_file, args.out, args.seed)
    else:
        vault(args.notes or 1000, args.out, args.seed)


if __name__ == "__main__":
    main()
