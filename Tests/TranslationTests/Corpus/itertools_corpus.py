# %%
# Infinite iterators: count, cycle, repeat, each cut short by islice or zip.
from itertools import count, cycle, repeat, islice
print(list(islice(count(), 5)))
print(list(islice(count(10, 5), 4)))
print(list(islice(count(2.5, 0.5), 3)))
print(list(islice(count(1, -1), 3)))
print(list(islice(cycle("ab"), 5)))
print(list(repeat("x", 3)), list(repeat(7, 0)), list(repeat(7, -2)))
print(list(zip(range(3), repeat(None))))
print(list(map(pow, range(5), repeat(2))))
# %%
# The reprs of the infinite iterators show their state.
import itertools
c = itertools.count(5)
print(repr(c))
next(c); next(c)
print(c)
print(itertools.count(), itertools.count(1, 2), itertools.count(0.5), itertools.count(3, 1))
print(repr(itertools.repeat(1, 3)), repr(itertools.repeat("a")))
r = itertools.repeat("z", 2)
next(r)
print(r)
# %%
# Wrong argument types are TypeErrors with CPython's wording.
import itertools
for make in (lambda: itertools.count("a"), lambda: itertools.repeat(), lambda: itertools.cycle(5),
             lambda: itertools.chain(1, 2), lambda: itertools.islice([1], "x"),
             lambda: itertools.accumulate(3), lambda: itertools.product(1)):
    try:
        it = make()
        print(list(it))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
# %%
# cycle keeps a copy of what it has seen, so even a one-shot iterator repeats.
from itertools import cycle, islice
squares = (n * n for n in range(3))
print(list(islice(cycle(squares), 8)))
print(list(cycle([])))
# %%
# accumulate: running sums by default, any two-argument function, an optional initial value.
from itertools import accumulate
import operator
print(list(accumulate([1, 2, 3, 4])))
print(list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2, 3, 4], operator.mul)))
print(list(accumulate([1, 2, 3], initial=100)))
print(list(accumulate([], initial=0)), list(accumulate([])))
print(list(accumulate("abc")))
print(list(accumulate([1, 2, 3], lambda total, x: total * 10 + x, initial=None)))
# %%
# chain joins iterables lazily; chain.from_iterable takes them from one iterable.
from itertools import chain, count, islice
print(list(chain("ab", [1, 2], (3,), range(2))))
print(list(chain()), list(chain([], [])))
print(list(islice(chain([0], count(100)), 4)))
print(list(chain.from_iterable(["xy", "z"])))
print(list(islice(chain.from_iterable(repeat_me for repeat_me in [[1, 2]] * 1000000), 5)))
def tails():
    n = 0
    while True:
        yield range(n)
        n += 1
print(list(islice(chain.from_iterable(tails()), 10)))
# %%
# chain checks each argument only when it reaches it.
from itertools import chain
it = chain([1, 2], 3)
print(next(it), next(it))
try:
    next(it)
except TypeError as e:
    print(type(e).__name__, e)
# %%
# compress, dropwhile, takewhile, filterfalse pick items.
from itertools import compress, dropwhile, takewhile, filterfalse, count
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(compress("ABC", [True])), list(compress("A", [1, 1, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x < 40, count(1, 7))))
print(list(filterfalse(lambda x: x % 2, range(10))))
print(list(filterfalse(None, [0, 1, "", "a", None, [], [0]])))
# %%
# groupby groups consecutive items with equal keys.
from itertools import groupby
print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([k for k, g in groupby("AAAABBBCCD")])
print([(k, list(g)) for k, g in groupby([1, 3, 2, 4, 5, 7, 6], key=lambda n: n % 2)])
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
for letter, group in groupby(words, key=lambda w: w[0]):
    print(letter, list(group))
print(list(groupby([])))
# %%
# The groups share groupby's iterator: moving groupby on empties the previous group.
from itertools import groupby
groups = groupby("aaabbbcc")
key1, group1 = next(groups)
print(key1, next(group1))
key2, group2 = next(groups)
print(key2, list(group1), list(group2))
saved = [(k, g) for k, g in groupby("xxyyz")]
print([(k, list(g)) for k, g in saved])
it = groupby([1, 1, 2, 2, 2, 3])
k, g = next(it)
print(k, list(g), list(g))
k, g = next(it)
print(k, next(g))
k, g = next(it)
print(k, list(g))
# %%
# Half-read groups: groupby skips the rest of a group when asked for the next one.
from itertools import groupby
it = groupby("aaaabbc")
k, g = next(it)
print(k, next(g), next(g))
k, g = next(it)
print(k, list(g))
print([k for k, _ in it])
# %%
# islice takes stop, or start, stop and step, each possibly None.
from itertools import islice, count
letters = "ABCDEFG"
print(list(islice(letters, 2)))
print(list(islice(letters, 2, 4)))
print(list(islice(letters, 2, None)))
print(list(islice(letters, 0, None, 2)))
print(list(islice(letters, None)), list(islice(letters, None, 3)), list(islice(letters, 1, 6, None)))
print(list(islice(count(), 3, 15, 4)))
print(list(islice(letters, 10, 20)), list(islice(letters, 5, 2)))
# %%
# islice consumes only what it needs from the source.
from itertools import islice
source = iter(range(10))
print(list(islice(source, 3)))
print(next(source))
print(list(islice(source, 2, 4)))
print(next(source))
# %%
# islice's arguments: ValueError for out-of-range numbers, TypeError for the wrong count.
from itertools import islice
for args in [(-1,), (1, -2), (-1, 3), (0, 3, 0), (0, 3, -1), ("a",), (1.5,), (0, 2, 1.0)]:
    try:
        print(list(islice(range(5), *args)))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for args in [(), (1, 2, 3, 4)]:
    try:
        islice(range(5), *args)
    except TypeError as e:
        print(type(e).__name__, e)
# %%
# pairwise and starmap.
from itertools import pairwise, starmap
print(list(pairwise("ABCD")), list(pairwise("A")), list(pairwise([])))
print([b - a for a, b in pairwise([1, 4, 9, 16, 25])])
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(lambda *parts: "-".join(parts), ["ab", ("x", "y", "z"), ()])))
# %%
# tee makes independent iterators over one source, buffering what one has read ahead.
from itertools import tee, islice, count
a, b = tee([1, 2, 3])
print(next(a), next(a), list(b), list(a))
first, second, third = tee(count(), 3)
print(list(islice(first, 3)), list(islice(second, 5)), next(third))
print(tee([1], 0), len(tee("ab", 4)))
try:
    tee([], -1)
except ValueError as e:
    print(type(e).__name__, e)
# %%
# zip_longest pads the shorter inputs.
from itertools import zip_longest, count
print(list(zip_longest("ABCD", "xy")))
print(list(zip_longest("ABCD", "xy", fillvalue="-")))
print(list(zip_longest())), print(list(zip_longest([1, 2])))
print(list(zip_longest(range(3), "ab", [True])))
print(list(zip(zip_longest("ab", "c"), count())))
# %%
# product: the cartesian product, with repeat.
from itertools import product
print(list(product("AB", "xy")))
print(list(product(range(2), repeat=3)))
print(list(product("ab", [1], repeat=2)))
print(list(product()), list(product([], "ab")), list(product("ab", repeat=0)))
print(len(list(product(range(10), repeat=4))))
try:
    product("a", repeat=-1)
except ValueError as e:
    print(type(e).__name__, e)
# %%
# permutations, in CPython's order.
from itertools import permutations
print(list(permutations("ABC")))
print(list(permutations(range(4), 2)))
print(list(permutations("AB", 3)), list(permutations("AB", 0)), list(permutations([])))
print(len(list(permutations(range(6)))))
try:
    permutations("abc", -1)
except ValueError as e:
    print(type(e).__name__, e)
# %%
# combinations and combinations_with_replacement.
from itertools import combinations, combinations_with_replacement
print(list(combinations("ABCD", 2)))
print(list(combinations(range(4), 3)))
print(list(combinations("AB", 3)), list(combinations("AB", 0)))
print(list(combinations_with_replacement("ABC", 2)))
print(list(combinations_with_replacement([], 2)), list(combinations_with_replacement([], 0)))
print(len(list(combinations(range(10), 4))), len(list(combinations_with_replacement(range(5), 3))))
for make in (lambda: combinations("ab", -2), lambda: combinations_with_replacement("ab", -1)):
    try:
        make()
    except ValueError as e:
        print(type(e).__name__, e)
# %%
# The iterators are their own iterators, and their type names match CPython's.
import itertools
for it in [itertools.count(), itertools.chain(), itertools.islice("a", 1), itertools.groupby(""),
           itertools.pairwise(""), itertools.product(), itertools.zip_longest(), itertools.accumulate([])]:
    print(type(it).__name__, iter(it) is it)
print(type(itertools.tee([])[0]).__name__)
# %%
# Combining them: run-length encoding and its inverse.
from itertools import groupby, chain, repeat, starmap
text = "WWWWBBBWWCCCCC"
encoded = [(ch, len(list(group))) for ch, group in groupby(text)]
print(encoded)
print("".join(chain.from_iterable(starmap(repeat, encoded))))
# %%
# Sliding windows and batching from the building blocks.
from itertools import islice, tee, zip_longest
def window(iterable, size):
    iterators = tee(iterable, size)
    for skip, it in enumerate(iterators):
        for _ in islice(it, skip):
            pass
    return zip(*iterators)
print(list(window(range(6), 3)))
def grouper(iterable, n, fill=None):
    args = [iter(iterable)] * n
    return zip_longest(*args, fillvalue=fill)
print(list(grouper("ABCDEFG", 3, "x")))
# %%
# Laziness: nothing runs until someone asks for an item.
from itertools import accumulate, takewhile, count, filterfalse, dropwhile
seen = []
def noisy(n):
    seen.append(n)
    return n
lazy = map(noisy, count())
running = accumulate(lazy)
print(seen)
print(list(takewhile(lambda total: total < 20, running)))
print(seen)
print(next(filterfalse(lambda n: n < 1000, count())), next(dropwhile(lambda n: n < 50, count(0, 7))))
