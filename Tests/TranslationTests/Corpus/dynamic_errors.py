# %%
def safe_divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        print("cannot divide by zero")
        return None
    else:
        print("division ok")
        return result
    finally:
        print("finally runs")

print(safe_divide(10, 2))
print(safe_divide(1, 0))
# %%
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
        self.available = available

def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(amount, balance)
    return balance - amount

try:
    withdraw(50, 80)
except InsufficientFunds as e:
    print("error:", e, e.needed - e.available)
# %%
class AppError(Exception):
    pass
class ConfigError(AppError):
    pass

for exc in [ConfigError("bad config"), AppError("generic"), KeyError("k")]:
    try:
        raise exc
    except ConfigError as e:
        print("config:", e)
    except AppError as e:
        print("app:", e)
    except (KeyError, IndexError) as e:
        print("lookup:", repr(e))
# %%
def parse(text):
    try:
        return int(text)
    except ValueError as original:
        raise RuntimeError(f"could not parse {text!r}") from original

try:
    parse("abc")
except RuntimeError as e:
    print(e, "| caused by:", type(e.__cause__).__name__, e.__cause__)
# %%
errors = []
for value in ["1", "x", None, "3"]:
    try:
        errors.append(int(value) * 2)
    except (TypeError, ValueError) as e:
        errors.append(type(e).__name__)
print(errors)
# %%
def checked(n):
    assert n >= 0, f"negative: {n}"
    return n ** 0.5

print(checked(16))
try:
    checked(-1)
except AssertionError as e:
    print("assertion:", e)
# %%
try:
    [1, 2, 3][10]
except IndexError as e:
    print(e)
try:
    {"a": 1}["b"]
except KeyError as e:
    print("KeyError", e)
try:
    None.upper()
except AttributeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    int("12x")
except ValueError as e:
    print(e)
# %%
def loop_with_finally():
    for i in range(5):
        try:
            if i == 2:
                continue
            if i == 4:
                break
            print("body", i)
        finally:
            print("cleanup", i)
    return "done"

print(loop_with_finally())
# %%
def nested():
    try:
        try:
            raise ValueError("inner")
        except ValueError:
            print("handling inner")
            raise
    except ValueError as e:
        print("outer caught", e)
        return "recovered"

print(nested())
# %%
def f():
    try:
        return "from try"
    finally:
        print("finally before return")
print(f())
# %%
try:
    raise KeyError("missing")
except LookupError as e:
    print("LookupError catches", type(e).__name__)
try:
    1 / 0
except ArithmeticError as e:
    print("ArithmeticError catches", type(e).__name__, e)
# %%
class ValidationError(ValueError):
    def __str__(self):
        return "invalid: " + super().__str__()

try:
    raise ValidationError("age")
except ValueError as e:
    print(e, isinstance(e, ValidationError), e.args)
# %% known-gap
for spec in [".2f", "d", "x"]:
    try:
        print(format(2.5, spec))
    except ValueError as e:
        print("ValueError:", e)
