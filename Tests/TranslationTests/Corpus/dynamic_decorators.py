# %%
def shout(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper()
    return wrapper

@shout
def greet(name, punctuation="!"):
    return f"hello {name}{punctuation}"

print(greet("ada"), greet("bob", punctuation="?"))
# %%
import functools

def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} with {args} {kwargs}")
        result = func(*args, **kwargs)
        print(f"{func.__name__} returned {result}")
        return result
    return wrapper

@logged
def add(a, b):
    """Adds two numbers."""
    return a + b

add(2, 3)
add(a=1, b=4)
print(add.__name__, add.__doc__)
# %%
def repeat(times):
    def decorator(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return decorator

@repeat(3)
def roll(x):
    return x * 2

print(roll(5))
# %%
def bold(func):
    return lambda: "<b>" + func() + "</b>"
def italic(func):
    return lambda: "<i>" + func() + "</i>"

@bold
@italic
def text():
    return "hi"

print(text())
# %%
call_counts = {}

def counted(func):
    def wrapper(*args):
        call_counts[func.__name__] = call_counts.get(func.__name__, 0) + 1
        return func(*args)
    return wrapper

@counted
def square(n):
    return n * n

for i in range(4):
    square(i)
print(call_counts)
# %%
def memoize(func):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = func(n)
        return cache[n]
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(60))
# %%
@functools.lru_cache(maxsize=None)
def ways(n):
    if n <= 1:
        return 1
    return ways(n - 1) + ways(n - 2)

print(ways(50))
# %%
registry = []

def register(cls):
    registry.append(cls.__name__)
    return cls

@register
class Plugin:
    pass

@register
class Other:
    pass

print(registry)
# %%
def add_greeting(cls):
    cls.greet = lambda self: f"hi from {type(self).__name__}"
    return cls

@add_greeting
class Person:
    pass

print(Person().greet())
# %%
def validate(*types):
    def decorator(func):
        def wrapper(*args):
            for arg, expected in zip(args, types):
                if not isinstance(arg, expected):
                    raise TypeError(f"{arg!r} is not {expected.__name__}")
            return func(*args)
        return wrapper
    return decorator

@validate(int, int)
def multiply(a, b):
    return a * b

print(multiply(3, 4))
try:
    multiply(3, "4")
except TypeError as e:
    print(e)
