# %%
def check(age):
    if age < 0:
        raise ValueError("age must be non-negative")
    return age

try:
    check(-1)
except ValueError as error:
    print("caught:", error)
print(check(3))
# %%
try:
    print("trying")
    raise KeyError("missing")
except ValueError:
    print("not this one")
except KeyError as e:
    print("key error", e)
finally:
    print("finally runs")
# %%
def risky(n):
    if n == 2:
        raise RuntimeError(f"bad {n}")
    return n * 10

for n in range(4):
    try:
        print(risky(n))
    except RuntimeError as e:
        print("failed:", e)
# %%
try:
    raise ZeroDivisionError("division by zero")
except ArithmeticError as e:
    print("arithmetic:", e)
# %%
try:
    raise TypeError("wrong type")
except (ValueError, TypeError) as e:
    print("one of two:", e)
# %%
def outer():
    try:
        risky(2)
    except RuntimeError:
        print("cleaning up")
        raise

try:
    outer()
except Exception as e:
    print("reraised:", e)
# %%
print("before")
raise ValueError("this cell ends here")
# %%
print("the next cell still runs")
