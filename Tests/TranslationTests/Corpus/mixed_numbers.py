# %%
print([0.5, 2])
print(max([0.5, 2]), min([3, 2.5]), sorted([3, 0.5, 2]))
print(max(3, 2.5), min(1, 1.5))
# %% multiset
import time
import threading

delays = [1, 0.5, 2]

def nap(d):
    time.sleep(d / 100)
    print(f"slept {d}")

threads = [threading.Thread(target=nap, args=(d,)) for d in [0.1, 2]]
for t in threads:
    t.start()
for t in threads:
    t.join()
for d in delays:
    print(f"delay {d} as repr {d!r} padded [{d:>5}]")
# %%
import time

def work(seconds):
    time.sleep(seconds / 100)
    return seconds * 2

print(work(1), work(1.5), work(2) + 1, work(0.25) - 1)
# %%
weights = {"a": 1, "b": 0.5}
print(weights)
print(weights["a"], weights["b"])
weights["c"] = 3
print(weights)
# %%
pairs = [(1, "one"), (0.5, "half")]
print(pairs)
for value, name in pairs:
    print(name, value)
# %%
print(sum([1, 0.5]), sum([1, 2]), sum([0.5, 0.5, 1]))
mixed = [2, 0.5, 3]
print(sum(mixed), sum([x for x in mixed if x > 1]))
# %%
x = 1
print(x)
x = x / 2
print(x)
y = 1
y += 0.5
print(y)
z = 3
z = z * 2
print(z)
# %%
def half_or_whole(n):
    if n % 2 == 0:
        return n // 2
    return n / 2

print(half_or_whole(4), half_or_whole(3))
# %%
numbers = [7, -7.5, 2, 0.25]
for n in numbers:
    print(n // 2, n % 3, -n, abs(n), n ** 2, round(n), round(n, 1))
# %%
values = [1, 2.0, 3]
print(1 in values, 2 in values, 2.5 in values, len(values))
print(values[0] == values[1] - 1, values[1] < values[2], values[0] >= 1.0)
print(set([1, 0.5, 1, 1.0]))
# %%
def show(seconds):
    print(f"Sleeping {seconds} second(s)...")
    print(f"{seconds:.2f} {seconds:5} {seconds!r}")

show(1.5)
show(5)
# %%
rates = [2, 0.5]
for r in rates:
    try:
        print(10 // (r - r), "never")
    except ZeroDivisionError as error:
        print("ZeroDivisionError:", error)
    try:
        print(10 % (r - r), "never")
    except ZeroDivisionError as error:
        print("ZeroDivisionError:", error)
    try:
        print(r / (r - r), "never")
    except ZeroDivisionError as error:
        print("ZeroDivisionError:", error)
# %%
import threading

event = threading.Event()
for timeout in [0, 0.01]:
    print(event.wait(timeout), timeout)
# %%
level = 3
scale = 1 if level > 2 else 0.5
print(scale, scale * 4)
flag = 0.0 if level > 5 else 2
print(flag)
# %%
points = [1, 2.5, -3]
total = 0
for p in points:
    total = total + p
    print(total, p > 0, isinstance(p, int))
# %%
def whole(n):
    return int(n), float(n), str(n), repr(n)

print(whole(3), whole(2.75), whole(-2.75))
# %%
formatted = [1, 0.5]
for x in formatted:
    print("%.2f|%s|%d|%r" % (x, x, x, x))
    print("{} {:>4} {!r}".format(x, x, x))
# %%
xs = [1]
xs.append(0.5)
print(xs)
ys = []
ys.append(2)
ys.append(0.25)
print(ys)
# %%
stock = {"a": 1}
stock["b"] = 0.5
print(stock)
# %%
class Box:
    def __init__(self):
        self.size = 1
    def grow(self):
        self.size = self.size * 1.5
b = Box()
print(b.size)
b.grow()
print(b.size)
# %%
import asyncio
async def nap_async(s):
    await asyncio.sleep(s / 100)
    return s
async def main():
    r = await asyncio.gather(nap_async(1), nap_async(0.5))
    print(r)
asyncio.run(main())
# %%
import time
for s in [0, 0.01]:
    time.sleep(s)
    print("slept", s)
# %%
from concurrent.futures import ThreadPoolExecutor
def job(s):
    return s * 3
with ThreadPoolExecutor() as ex:
    print(list(ex.map(job, [1, 0.5, 2])))
# %%
base = 4
zs = [base, base + 1]
zs.append(0.5)
print(zs, max(zs), sorted(zs))
