# %%
def greet(name, greeting="Hello", punctuation="!"):
    return f"{greeting}, {name}{punctuation}"

print(greet("Ada"))
print(greet("Bo", "Hi"))
print(greet("Cy", punctuation="?"))
print(greet(name="Di", greeting="Hey"))
# %%
def describe(value):
    print(f"value is {value}")

describe(5)
describe(1.5)
describe(10)
# %%
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)

print([factorial(n) for n in range(8)])
# %%
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

print(fib(10), fib(30))
# %%
counter = 0

def increment(step=1):
    global counter
    counter += step

increment()
increment(5)
print(counter)
# %%
def stats(values):
    return min(values), max(values), sum(values) / len(values)

low, high, mean = stats([4, 8, 15, 16, 23, 42])
print(low, high, mean)
# %%
def is_even(n):
    return n % 2 == 0

def label(n):
    return "even" if is_even(n) else "odd"

for n in range(4):
    print(n, label(n))
# %%
def average(values):
    total = 0.0
    for v in values:
        total += v
    return total / len(values)

print(average([1, 2, 3, 4]))
print(average([2.5, 3.5]))
