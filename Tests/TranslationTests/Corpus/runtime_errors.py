# %%
def safe_ratio(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        print("caught:", e)
        return 0.0

print(safe_ratio(1, 2))
print(safe_ratio(1, 0))
print(safe_ratio(3, 4))
# %%
for divisor in [2, 0, -3]:
    try:
        print(17 // divisor, 17 % divisor, divmod(17, divisor))
    except ZeroDivisionError as e:
        print("integer:", e)
    try:
        print(17.5 / divisor)
    except ArithmeticError as e:
        print("float:", e)
    try:
        print(1.5 % float(divisor))
    except ZeroDivisionError as e:
        print("float modulo:", e)
# %%
counts = {"apples": 3}
for fruit in ["apples", "pears"]:
    try:
        print(fruit, counts[fruit])
    except KeyError as e:
        print("no", e)
ids = {1: "one"}
try:
    print(ids[2])
except LookupError as e:
    print("missing id", e)
# %%
items = [10, 20, 30]
for i in [0, 2, 3, -1, -4]:
    try:
        print(i, items[i])
    except IndexError as e:
        print(i, "index error:", e)
# %%
for text in ["42", " 7 ", "x", "3.5"]:
    try:
        print(int(text) * 2)
    except ValueError as e:
        print("bad:", e)
for text in ["2.5", "abc"]:
    try:
        print(float(text))
    except ValueError as e:
        print("bad float:", e)
# %%
def mean(values):
    return sum(values) / len(values)

def report(values):
    try:
        print("mean", mean(values))
    except ZeroDivisionError:
        print("no values")
    finally:
        print("reported")

report([1, 2, 3, 4])
report([])
# %%
def ratio(a, b):
    return a / b

try:
    ratio(1, 0)
except Exception as e:
    print("caught", repr(e))
# %%
print("before")
print(10 % 0)
print("never printed")
# %%
print("the next cell runs", 7 // 2, 7 % 3, -7 // 2, 9 / 3)
count = 0
print(count / 4, 1 / 8)
# %%
import sys

def answer():
    return 42

print("checks passed")
sys.exit(0)
# %%
print("the session goes on:", answer())
