# Programs ast.parse accepts and compile() refuses, one per paragraph, with near misses between them.
# The file as a whole is refused at its first error; each paragraph alone is checked against CPython.
def ok(x):
    for item in x:
        if item:
            break
    return (y async for y in x) if False else None

return 1

class Shape:
    def area(self):
        def inner():
            return 1
        return inner()
    yield 2

while True:
    def callback():
        break

async def fetch(session):
    async with session as s:
        async for chunk in s:
            yield chunk
    return chunk

async def pump(source):
    yield from source

def gather(items):
    return [await item for item in items]

def counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
    def reset():
        nonlocal total
    return increment

def configure(verbose):
    global verbose

def report():
    print(level)
    global level

def table(a, b, *, a):
    pass

squares = [(yield n) for n in range(3)]

[last := n for n in range(3) for last in range(2)]

try:
    run()
except:
    pass
except ValueError:
    pass

match command:
    case action:
        pass
    case "quit":
        pass

match point:
    case (x, 0) | (0, y):
        pass

match config:
    case {"mode": a, "mode": b}:
        pass

for __debug__ in range(3):
    pass

from __future__ import annotations

def send(**options):
    return dict(retries=1, retries=2)

try:
    pass
except* OSError:
    for attempt in range(3):
        continue
    break
