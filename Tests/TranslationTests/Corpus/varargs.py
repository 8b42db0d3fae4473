# %%
def total(*numbers):
    print("got", numbers, len(numbers))
    return sum(numbers)

print(total(1, 2, 3))
print(total(5))
print(total())
# %%
def greet(greeting, *names, punctuation="!"):
    for name in names:
        print(f"{greeting}, {name}{punctuation}")
    print(len(names), "names")

greet("Hello", "Ann", "Bob")
greet("Hi", "Cy", punctuation="?")
greet("Nobody")
# %%
def average(first, *rest):
    values = [first] + list(rest)
    return sum(values) / len(values)

scores = [3, 4, 5]
print(average(1, *scores))
print(average(2))
print(average(1, 2, *scores))
# %%
def log_all(*messages):
    for index, message in enumerate(messages):
        print(index, message.upper())

lines = ["start", "stop"]
log_all(*lines)
log_all("one")
# %%
def scaled(*values, factor=2.0):
    return [v * factor for v in values]

print(scaled(1.5, 2.5))
print(scaled(1.0, factor=0.5))
# %%
def describe(name, *, level=1, loud):
    print(name, level, loud)

describe("a", loud=True)
describe("b", level=3, loud=False)
# %%
import threading

def worker(label, *steps):
    for step in steps:
        print(label, step)

t = threading.Thread(target=worker, args=("w", 1, 2))
t.start()
t.join()
# %%
def options(**settings):
    for key, value in settings.items():
        print(key, value)

options(a=1, b=2)
# %%
def pair(a, b):
    return a + b

values = [1, 2]
print(pair(1, 2))
print(pair(*values))
