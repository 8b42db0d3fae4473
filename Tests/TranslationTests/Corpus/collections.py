# %%
items = [5, 3, 8, 1]
items.append(7)
items.insert(0, 9)
items.extend([2, 4])
print(items, len(items))
last = items.pop()
first = items.pop(0)
print(last, first, items)
items.remove(8)
items.sort()
print(items, items.index(5), items.count(3))
items.reverse()
print(items)
# %%
letters = ["a", "b", "c", "d", "e"]
print(letters[0], letters[-1], letters[1:3], letters[:2], letters[3:], letters[-2:], letters[:-1], letters[::-1])
print(letters[1:-1], letters[10:], letters[:10])
word = "threading"
print(word[0], word[-1], word[:6], word[6:], word[::-1])
# %%
ages = {"ann": 31, "bob": 25}
ages["cy"] = 40
ages["ann"] += 1
print(ages, len(ages), ages["bob"])
print(ages.get("dee", 0), ages.get("cy", 0), "bob" in ages, "zed" not in ages)
for name in ages:
    print(name, ages[name])
for name, age in ages.items():
    print(f"{name}={age}")
print(list(ages.keys()), list(ages.values()))
# %%
seen = set()
for n in [3, 1, 3, 2, 1]:
    seen.add(n)
print(seen, len(seen), 2 in seen)
odds = {1, 3, 5}
print(odds | {2}, odds & {1, 2, 3}, odds - {1})
# %%
squares = [n * n for n in range(6)]
evens = [n for n in range(10) if n % 2 == 0]
pairs = [(x, y) for x in range(2) for y in range(2)]
lookup = {w: len(w) for w in ["ab", "cde"]}
print(squares, evens, pairs, lookup)
print({n % 3 for n in range(10)})
print(sum(n for n in range(5)), any(n > 3 for n in squares), all(n >= 0 for n in squares))
# %%
names = ["cy", "ann", "bob"]
print(sorted(names), sorted(names, reverse=True), sorted(names, key=len))
print(sorted([3, 1, 2]), list(reversed([1, 2, 3])))
for i, name in enumerate(names):
    print(i, name)
for i, name in enumerate(names, start=1):
    print(i, name)
for name, score in zip(names, [90, 80, 70]):
    print(name, score)
# %%
numbers = [1, 2, 3, 4]
print(list(map(lambda n: n * 10, numbers)), list(filter(lambda n: n > 2, numbers)))
print(list(map(str, numbers)), ", ".join(map(str, numbers)))
print(max(names, key=len), min(numbers))
# %%
point = (3, 4)
x, y = point
print(x, y)
a, b = 1, 2
a, b = b, a
print(a, b)
grid = [[0] * 3 for _ in range(2)]
grid[1][2] = 5
print(grid)
# %%
stock = {"apples": 3, "pears": 0, "plums": 5}
del stock["pears"]
print(stock)
try:
    del stock["kiwis"]
except KeyError as e:
    print("no", e)
pending = [1, 2, 3, 4]
del pending[0]
del pending[-1]
print(pending, len(pending))
