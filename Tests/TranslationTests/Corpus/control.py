# %%
for n in [5, 12, 0, -3]:
    if n > 10:
        print(n, "big")
    elif n > 0:
        print(n, "small")
    elif n == 0:
        print(n, "zero")
    else:
        print(n, "negative")
# %%
n = 0
while n < 10:
    n += 1
    if n % 2 == 0:
        continue
    if n > 7:
        break
    print(n)
# %%
for i in range(10, 0, -3):
    print(i, end=" ")
print()
for i in range(2, 5):
    for j in range(i):
        print(i, j)
# %%
if __name__ == "__main__":
    message = "main guard runs"
    print(message)
# %%
temperature = 25
if temperature > 20:
    state = "warm"
else:
    state = "cold"
print(state)
values = []
if not values:
    print("empty")
if values == []:
    print("still empty")
# %%
text = "  Hello, World  "
print(text.strip(), text.lower(), text.upper())
print(text.strip().split(", "), "a b  c".split())
print("-".join(["x", "y"]), "hello".replace("l", "L"), "hello".startswith("he"), "hello".endswith("lo"))
print("ab" * 3, "-" * 10, "ell" in "hello", "hello".count("l"))
# %%
total = 0
for n in range(100):
    if n % 3 == 0 or n % 5 == 0:
        total += n
print(total)
# %%
scores = [7, 2, 9]
best = []
for s in scores:
    if s > 5:
        best.append((s, s * 10))
print(best)

scores = [4, 4, 1]
best = []
seen = set()
for s in scores:
    if s in seen:
        best.append((s, 0))
    seen.add(s)
print(best, seen)
label = "first"
print(label)
label = 3
print(label * 2)
# %%
def even_pairs(left, right):
    found = []
    for a in left:
        for b in right:
            if (a + b) % 2 == 0:
                found.append((a, b))
            if (a * b) % 3 != 0 and -a % 2 == 0:
                found.append((b, a))
    return found

print(even_pairs([1, 2, 3], [4, 5, 6]))
