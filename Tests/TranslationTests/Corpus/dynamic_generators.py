# %%
def count_up(limit):
    n = 1
    while n <= limit:
        yield n
        n += 1

gen = count_up(3)
print(next(gen), next(gen), next(gen))
try:
    next(gen)
except StopIteration:
    print("exhausted")
print(list(count_up(5)), sum(count_up(10)))
# %%
def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

fib = fibonacci()
print([next(fib) for _ in range(10)])
# %%
squares = (x * x for x in range(1, 6))
print(type(squares).__name__, next(squares), list(squares))
print(sum(x for x in range(100) if x % 3 == 0), any(x > 3 for x in [1, 5]), all(x for x in [1, 0]))
# %%
def chain(*iterables):
    for it in iterables:
        yield from it

print(list(chain([1, 2], "ab", range(2))))
# %%
def running_average():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count

avg = running_average()
next(avg)
print(avg.send(10), avg.send(20), avg.send(30))
# %%
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

print(list(Countdown(4)))
for n in Countdown(2):
    print("tick", n)
# %%
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i * 2
            i += 1

r = Range2(4)
print(list(r), list(r), 4 in r)
# %%
def take(n, iterable):
    result = []
    for i, item in enumerate(iterable):
        if i >= n:
            break
        result.append(item)
    return result

def naturals():
    n = 0
    while True:
        yield n
        n += 1

print(take(5, naturals()), take(3, (x ** 2 for x in naturals())))
# %%
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "default"))
letters = iter("ab")
print(list(letters), list(letters))
# %%
def gen_with_return():
    yield 1
    return "finished"

g = gen_with_return()
next(g)
try:
    next(g)
except StopIteration as stop:
    print("return value:", stop.value)
# %%
def delegate():
    result = yield from gen_with_return()
    print("delegated got", result)
    yield 2

print(list(delegate()))
# %%
pipeline = (w.upper() for w in ["a", "bb", "ccc"] if len(w) > 1)
lengths = (len(w) for w in pipeline)
print(list(lengths))
# %%
squares = (n * n for n in [1, 2, 3])
print(type(squares).__name__, next(squares))
for value in squares:
    print(value)
print(list(squares), sum(n for n in range(4)), max(len(w) for w in ["a", "abc"]))

def lazy_evens(limit):
    return (n for n in range(limit) if n % 2 == 0)

print(list(lazy_evens(7)), type(lazy_evens(3)).__name__)
# %%
import types

# A generator expression takes its first iterable's iterator at once, and nothing else until asked.
try:
    broken = (x for x in 42)
except TypeError as error:
    print("at once:", error)
calls = []
def source(n):
    calls.append(n)
    return range(n)
lazy = (y * 10 for y in source(3) if calls.append("if") is None)
print(calls, type(lazy).__name__, isinstance(lazy, types.GeneratorType), repr(lazy).startswith("<generator object <genexpr> at 0x"))
print(next(lazy), calls)
print(list(lazy), next(lazy, "done"), calls)
pairs = {"a": 1, "b": 2, "c": 3}
print(sorted(f"{k}={v}" for k, v in pairs.items() if v != 2), ",".join(str(i) for i in range(5)))
print(sum(i * i for i in range(100_000)), any(c.isdigit() for c in "ab3"), min((len(w), w) for w in ["pear", "fig", "kiwi"]))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
# %%
def stop_inside(values):
    return (v if v < 3 else next(iter([])) for v in values)

try:
    print(list(stop_inside([1, 2, 3, 4])))
except RuntimeError as error:
    print(type(error).__name__, error)
gen = (n for n in range(5))
try:
    gen.send(1)
except TypeError as error:
    print(error)
print(next(gen), gen.send("ignored"), gen.send(None))
try:
    gen.throw(ValueError("stop here"))
except ValueError as error:
    print("thrown:", error)
print(next(gen, "finished after throw"))
closing = (n for n in range(3))
print(next(closing))
closing.close()
print(list(closing))
def failing():
    yield 1
    raise KeyError("k")
outer = (v * 2 for v in failing())
print(next(outer))
try:
    next(outer)
except KeyError as error:
    print("KeyError", error)
print(list(outer))
