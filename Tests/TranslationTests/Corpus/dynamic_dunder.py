# %%
class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)
    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vector(-self.x, -self.y)
    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self):
        return f"Vector({self.x}, {self.y})"

v = Vector(1, 2)
w = Vector(3, 4)
print(v + w, w - v, v * 3, 2 * v, -v, abs(w), v == Vector(1, 2), v != w)
# %%
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __lt__(self, other):
        return self.cents < other.cents
    def __le__(self, other):
        return self.cents <= other.cents
    def __eq__(self, other):
        return self.cents == other.cents
    def __hash__(self):
        return hash(self.cents)
    def __str__(self):
        return f"${self.cents / 100:.2f}"
    def __repr__(self):
        return f"Money({self.cents})"

prices = [Money(250), Money(99), Money(1000)]
print(sorted(prices), min(prices), max(prices), Money(5) <= Money(5))
print(len({Money(1), Money(1), Money(2)}), str(Money(1999)))
# %%
class Library:
    def __init__(self):
        self.books = {}
    def __setitem__(self, isbn, title):
        self.books[isbn] = title
    def __getitem__(self, isbn):
        return self.books[isbn]
    def __delitem__(self, isbn):
        del self.books[isbn]
    def __contains__(self, isbn):
        return isbn in self.books
    def __len__(self):
        return len(self.books)
    def __iter__(self):
        return iter(sorted(self.books))

lib = Library()
lib["111"] = "Dune"
lib["042"] = "Emma"
print(lib["111"], "042" in lib, len(lib), list(lib))
del lib["111"]
print(len(lib), "111" in lib)
# %%
class Grid:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, key):
        r, c = key
        return self.rows[r][c]

g = Grid([[1, 2], [3, 4]])
print(g[0, 1], g[1, 0])
# %%
class Timer:
    def __enter__(self):
        print("start")
        return self
    def __exit__(self, exc_type, exc, tb):
        print("stop", exc_type.__name__ if exc_type else None)
        return False

with Timer() as t:
    print("working", type(t).__name__)
try:
    with Timer():
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
# %%
class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        return exc_type is not None and issubclass(exc_type, self.kinds)

with Suppress(KeyError):
    {}["missing"]
print("after suppressed KeyError")
with Suppress(KeyError), Suppress(ZeroDivisionError):
    1 / 0
print("after two managers")
# %%
class Polynomial:
    def __init__(self, *coefficients):
        self.coefficients = coefficients
    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coefficients))
    def __len__(self):
        return len(self.coefficients)
    def __bool__(self):
        return any(self.coefficients)

p = Polynomial(1, 0, 2)
print(p(3), len(p), bool(p), bool(Polynomial(0, 0)))
# %%
class Celsius:
    def __init__(self, degrees):
        self.degrees = degrees
    def __format__(self, spec):
        return format(self.degrees, spec) + "C"
    def __int__(self):
        return int(self.degrees)
    def __float__(self):
        return float(self.degrees)

c = Celsius(21.456)
print(f"{c:.1f}", f"{c:>10.2f}|", int(c), float(c))
# %%
class Tracker:
    def __init__(self):
        self.__dict__["log"] = []
    def __setattr__(self, name, value):
        self.log.append(name)
        self.__dict__[name] = value
    def __getattr__(self, name):
        return f"<no {name}>"

tr = Tracker()
tr.a = 1
tr.b = 2
print(tr.log, tr.a, tr.missing)
# %%
class Fraction:
    def __init__(self, n, d):
        self.n, self.d = n, d
    def __iadd__(self, other):
        self.n = self.n * other.d + other.n * self.d
        self.d = self.d * other.d
        return self
    def __repr__(self):
        return f"{self.n}/{self.d}"

f = Fraction(1, 2)
g = f
f += Fraction(1, 3)
print(f, g, f is g)
