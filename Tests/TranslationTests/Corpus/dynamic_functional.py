# %%
from functools import reduce, partial

numbers = [1, 2, 3, 4, 5]
print(reduce(lambda a, b: a * b, numbers), reduce(lambda a, b: a + b, numbers, 100))
power_of_two = partial(pow, 2)
print(power_of_two(10), list(map(power_of_two, range(5))))
# %%
def apply_twice(f, x):
    return f(f(x))

print(apply_twice(lambda s: s + "!", "hi"), apply_twice(abs, -3), apply_twice(str.upper, "x"))
# %%
people = [{"name": "ada", "age": 36}, {"name": "bob", "age": 25}, {"name": "cy", "age": 41}]
by_age = sorted(people, key=lambda p: p["age"])
print([p["name"] for p in by_age], max(people, key=lambda p: p["age"])["name"])
adults = list(filter(lambda p: p["age"] > 30, people))
print(len(adults), list(map(lambda p: p["name"].title(), adults)))
# %%
import operator
print(sorted([(1, "b"), (0, "a")], key=operator.itemgetter(1)), operator.add(2, 3), list(map(operator.mul, [1, 2], [3, 4])))
# %%
import itertools
print(list(itertools.chain([1], [2, 3])), list(itertools.islice(itertools.count(10), 3)))
print(list(itertools.permutations("abc", 2))[:3], list(itertools.combinations(range(4), 2)))
print([(k, len(list(g))) for k, g in itertools.groupby("aaabbc")], list(itertools.accumulate([1, 2, 3])))
print(list(itertools.product([0, 1], repeat=2)), list(itertools.zip_longest("ab", "x", fillvalue="-")))
# %%
def pipeline(data, *steps):
    for step in steps:
        data = step(data)
    return data

print(pipeline(range(10), lambda xs: (x for x in xs if x % 2), lambda xs: [x * 10 for x in xs], sum))
# %%
def curry(f):
    def first(a):
        def second(b):
            return f(a, b)
        return second
    return first

print(curry(lambda a, b: a - b)(10)(3))
# %%
words = ["banana", "Apple", "cherry"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(list(zip(words, map(len, words))), dict(map(lambda w: (w[0], w), words)))
# %%
def keyword_only(a, *, scale=1, offset=0):
    return a * scale + offset

def positional_only(a, b, /, c=3):
    return a + b + c

def everything(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)

print(keyword_only(3, scale=2), keyword_only(3, offset=1), positional_only(1, 2), positional_only(1, 2, c=10))
print(everything(1, c=3), everything(1, 5, 6, 7, c=8, e=9))
try:
    keyword_only(1, 2)
except TypeError as e:
    print(e)
# %%
options = {"sep": "-", "end": "!\n"}
print("a", "b", **options)
args = [3, 1, 2]
print(max(*args), sorted(args), [*args, *"xy"], {**{"a": 1}, "b": 2, **{"a": 3}})
