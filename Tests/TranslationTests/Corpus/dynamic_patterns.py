# %%
from dataclasses import dataclass, field

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, p == Point(1, 2), Point(3))
# %%
@dataclass(order=True)
class Version:
    major: int
    minor: int

print(sorted([Version(1, 2), Version(0, 9), Version(1, 0)]), Version(1, 0) < Version(1, 1))
# %%
@dataclass
class Cart:
    owner: str
    items: list = field(default_factory=list)

    def total(self):
        return sum(price for _, price in self.items)

cart = Cart("ada")
cart.items.append(("pen", 2))
cart.items.append(("book", 12))
print(cart.owner, cart.total(), Cart("bob").items)
# %%
class Record:
    __slots__ = ("name", "score")
    def __init__(self, name, score):
        self.name = name
        self.score = score
    def __repr__(self):
        return f"Record(name={self.name!r}, score={self.score!r})"
    def __eq__(self, other):
        return (self.name, self.score) == (other.name, other.score)

print(Record("a", 1), Record("a", 1) == Record("a", 1))
# %%
from enum import Enum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, Color.GREEN.name, Color.BLUE.value, Color(2), list(Color)[0], Color.RED is Color.RED)
# %% known-gap
from collections import namedtuple, Counter, defaultdict, deque, OrderedDict

Pair = namedtuple("Pair", ["left", "right"])
pair = Pair(1, right=2)
print(pair, pair.left + pair.right, pair._asdict())
words = "the cat and the hat and the bat".split()
print(Counter(words).most_common(2))
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(groups))
q = deque([1, 2, 3])
q.appendleft(0)
q.append(4)
print(q.popleft(), q.pop(), list(q))
# %%
def command(text):
    match text.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["pick", "up", item] | ["take", item]:
            return f"taking {item}"
        case ["quit"]:
            return "bye"
        case [first, *rest]:
            return f"unknown {first} with {len(rest)} args"
        case _:
            return "nothing"

for line in ["go north", "take lamp", "quit", "dance wildly now", ""]:
    print(command(line))
# %%
def describe(value):
    match value:
        case 0:
            return "zero"
        case int() | float() if value < 0:
            return "negative"
        case int(n):
            return f"int {n}"
        case str() as s:
            return f"string of {len(s)}"
        case {"type": "user", "name": name}:
            return f"user {name}"
        case (x, y):
            return f"pair {x},{y}"
        case None:
            return "none"
        case _:
            return "other"

for v in [0, -3, 7, "hey", {"type": "user", "name": "ada"}, (1, 2), None, 2.5]:
    print(describe(v))
# %%
@dataclass
class Move:
    dx: int
    dy: int

def apply(move):
    match move:
        case Move(dx=0, dy=0):
            return "stay"
        case Move(dx=0, dy=dy):
            return f"vertical {dy}"
        case Move(dx, 0):
            return f"horizontal {dx}"
        case Move():
            return "diagonal"

print(apply(Move(0, 0)), apply(Move(0, 3)), apply(Move(2, 0)), apply(Move(1, 1)))
# %%
import abc

class Base(abc.ABC):
    @abc.abstractmethod
    def run(self):
        ...

class Impl(Base):
    def run(self):
        return "running"

print(Impl().run())
try:
    Base()
except TypeError as e:
    print("TypeError:", e)
# %%
import logging
import sys

audit = logging.getLogger("audit")
audit.propagate = False
out = logging.StreamHandler(sys.stdout)
out.setFormatter(logging.Formatter("%(app)s | %(levelname)s | %(message)s"))
audit.addHandler(out)
audit.warning("disk almost full", extra={"app": "backup"})
audit.warning("no app given")
audit.error("still logging", extra={"app": "backup"})
adapter = logging.LoggerAdapter(audit, {"app": "sync"})
adapter.warning("through the adapter")
print("after logging")
