import time
def measure(name, f):
    s = time.perf_counter(); r = f(); print(name, "%.3f" % (time.perf_counter() - s), repr(r))
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
measure("fib25", lambda: fib(25))
def loop():
    total = 0
    for i in range(1_000_000): total += i * i
    return total
measure("loop", loop)
def d():
    words = ["apple", "pear", "fig", "plum", "kiwi"]; counts = {}
    for i in range(300_000):
        w = words[i % 5]; counts[w] = counts.get(w, 0) + 1
    return counts
measure("dict", d)
def ls():
    xs = []
    for i in range(300_000): xs.append(str(i))
    return len(xs)
measure("list-str", ls)
class P:
    def __init__(self, x, y): self.x = x; self.y = y
    def norm2(self): return self.x * self.x + self.y * self.y
def objs():
    total = 0
    for i in range(200_000): total = total + P(i, 2).norm2()
    return total
measure("objects", objs)
measure("genexpr", lambda: sum(x * x for x in range(100_000)))
def squares():
    for x in range(100_000):
        yield x * x
measure("genfunc", lambda: sum(squares()))
