# %%
values = [1, "two", 3.0, None, True]
for v in values:
    print(type(v).__name__, v)
# %%
mixed = {"name": "Ada", "age": 36, "langs": ["python", "swift"]}
for key, value in mixed.items():
    print(f"{key:>6}: {value!r}")
print(len(mixed), "age" in mixed, mixed.get("email", "n/a"))
# %%
big = 2 ** 100
print(big, big // 3, big % 7, -big)
print(10 / 4, 10 // 4, -7 // 2, -7 % 2, 7 % -3)
print(divmod(17, 5), pow(2, 10), pow(2, 10, 1000), abs(-3.5))
# %%
def describe(x):
    if isinstance(x, bool):
        return "bool"
    elif isinstance(x, int):
        return "int"
    elif isinstance(x, (list, tuple)):
        return f"sequence of {len(x)}"
    return "other"

for item in [1, True, [1, 2], (3,), "s"]:
    print(describe(item))
# %%
result = None
for n in [3, 8, 12]:
    if n > 5:
        result = n
        break
print("first big:", result)
# %%
text = "The quick brown fox"
words = text.split()
print(words, len(words))
print(text.upper(), text.lower(), text.title(), text.swapcase())
print(text.replace("quick", "slow"), text.find("brown"), text.count("o"))
print(" ".join(reversed(words)), text[::-1], text[4:9], text[-3:])
print("fox" in text, text.startswith("The"), text.endswith("dog"))
# %%
name = "  padded  "
print(repr(name.strip()), repr(name.lstrip()), repr(name.rstrip()))
print("a,b,,c".split(","), "x-y-z".rsplit("-", 1), "line1\nline2".splitlines())
print("abc".center(9, "*"), "7".zfill(3), "hello".capitalize(), "Hi".ljust(5) + "|")
# %%
nums = [5, 3, 8, 1, 9, 2]
print(sorted(nums), sorted(nums, reverse=True), min(nums), max(nums), sum(nums))
nums.sort()
nums.append(10)
nums.insert(0, 0)
print(nums, nums.index(8), nums.pop(), nums.pop(0), nums)
print(nums[1:4], nums[::2], nums[-2:], nums * 2, nums + [100])
# %%
a, b = 1, 2
a, b = b, a
print(a, b)
first, *middle, last = range(6)
print(first, middle, last)
(x, y), z = (1, 2), 3
print(x, y, z)
# %%
count = 0
total = 0
while count < 5:
    count += 1
    if count == 3:
        continue
    total += count
else:
    print("loop finished")
print(count, total)
# %%
matrix = [[1, 2, 3], [4, 5, 6]]
transposed = [list(row) for row in zip(*matrix)]
print(transposed)
flat = [x for row in matrix for x in row if x % 2]
print(flat)
print({x % 3 for x in range(10)}, {w: len(w) for w in ["aa", "b"]})
# %%
x = 15
print("big" if x > 10 else "small", 0 < x < 20, 1 < x < 5, x == 15 != 16)
print(not x, x and "yes", 0 or "fallback", None or [] or "last")
# %%
s = {1, 2, 3}
t = {3, 4}
print(s | t, s & t, s - t, s ^ t, s <= {1, 2, 3, 4})
s.add(9)
s.discard(1)
print(sorted(s), len(s), 2 in s)
# %%
data = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(data), sorted(data, key=lambda p: p[1]), max(data, key=lambda p: p[1]))
print(list(map(str.upper, ["x", "y"])), list(filter(None, [0, 1, "", "a"])))
print(list(enumerate("abc", start=1)), dict(zip("abc", range(3))))
# %%
print(int("42") + 1, float("2.5") * 2, str(3) + "3", bool(""), bool("0"))
print(int(3.9), round(2.675, 2), round(3.5), round(4.5), int("ff", 16), hex(255), bin(5), oct(8))
print(chr(65), ord("a"), "%d items at %.2f" % (3, 1.5), "{} and {}".format("x", "y"))
# %%
print(1, 2, 3, sep=", ", end=" <end>\n")
print("no newline", end="")
print()
print(*[1, 2, 3])
# %%
n = 0
if (n := len("walrus")) > 3:
    print("long word", n)
while (n := n - 2) > 0:
    print("n is", n)
# %% known-gap
nested = {"a": {"b": {"c": 1}}}
nested["a"]["b"]["d"] = 2
print(nested, nested["a"]["b"].keys(), list(nested["a"]["b"].values()))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
del counts["m"]
print(counts, counts.pop("p"), counts.setdefault("z", 0), counts)
# %%
class Reading:
    def __init__(self, sensor, value):
        self.sensor, self.value = sensor, value

def as_record(reading):
    return {"sensor": reading.sensor, "value": reading.value, "doubled": reading.value * 2, 10 ** 20: "big", "n": len("ab")}

print(as_record(Reading("t1", 21.5)))
print({"plain": 1, "nested": {"a": [1, 2]}, "computed": sum([1, 2, 3])})
# %%
class Box:
    def __init__(self, size):
        self.size = size

    def measure(self):
        return self.size * 2

box = Box(4)
print(1 <= box.measure() <= 10, 0 < box.size < box.measure() < 5, 3 < len([box, box]) * 4 <= 8)
# %%
from collections import namedtuple

Pair = namedtuple("Pair", ["left", "right"])
pair = Pair(1, "b")
print(pair, str(pair), [pair], f"{pair}")
