# %%
# Imaginary literals and the complex constructor.
z = 3 + 4j
print(z, repr(z), type(z).__name__)
print(2j, 1.5j, 0j, -2j, 1e3j, 1_000j)
print(complex(1, 2), complex(), complex(2.5), complex(-1, -0.5), complex(True, False))
print(complex(real=1, imag=3), complex(imag=2))
print(complex(1j, 1j), complex(1 + 2j, 3), complex(2, 1 + 1j))
# %%
# Parts and the conjugate.
z = complex(3, -4)
print(z.real, z.imag, z.conjugate(), abs(z))
print((2j).real, (2j).imag, (5).imag, (2.5).real, (7).conjugate())
print(abs(1 + 1j), abs(-3j), abs(complex(0, 0)))
# %%
# repr and str as CPython writes them.
values = [1 + 2j, 2j, -2j, complex(-0.0, -1), complex(0, -0.0), complex(-0.0, 0),
          complex(1e20, 1), complex(1e-7, 2.5e16), complex(float("nan"), float("inf")),
          complex(float("-inf"), float("-nan")), complex(1 / 3, 2 / 3), complex(100, 0)]
for value in values:
    print(repr(value), str(value))
print([1j, (1 + 1j)], {"key": -1j}, (0.5j,))
print(f"{1 + 2j}", "%s and %r" % (3j, 4 - 1j))
# %%
# Arithmetic mixing int, float and complex.
a, b = 1 + 2j, 3 - 1j
print(a + b, a - b, a * b, a / b)
print(a + 1, 1 + a, a - 2.5, 2.5 - a, a * 3, 3 * a, a / 2, 2 / a)
print(-a, +a, a * 1j, 1j * 1j, (1 + 1j) ** 2)
print(True + 1j, 1j * False, 2 ** 0.5j)
print(sum([1j, 2, 3.5, 1 - 1j]))
x = 1j
x += 1
x *= 2
print(x)
# %%
# Division follows CPython's algorithm, so the last digits agree.
print((1 + 2j) / (3 + 4j), (1 + 1j) / 3j, 1 / (1e-300 + 1e-300j))
print((7 - 3j) / (2 + 0.5j), (1e300 + 1e300j) / (1e300 + 1e300j), 1j / (1 + 1e-20j))
for divisor in (0j, 0, 0.0):
    try:
        print((1 + 1j) / divisor)
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
# %%
# Powers: integer exponents by repeated squaring, others through polar form.
print((1 + 1j) ** 2, (1 + 1j) ** 10, (1 + 2j) ** -2, (2j) ** 0, (1 - 1j) ** 100)
print((1 + 1j) ** 0.5, (1 + 1j) ** (1 + 1j), 1j ** 1j, 2 ** (1 + 1j), 1.5 ** 2j)
print((3 + 4j) ** 101, (1 + 1j) ** 2.0, pow(1 + 1j, 3))
print(0j ** 0, 0j ** 2, 0j ** 1.5)
for base, exponent in [(0j, -1), (0j, 1j), (0, -1 + 0j), (1e200 + 1e200j, 2), (10 + 10j, 1000.5)]:
    try:
        print(base ** exponent)
    except (ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__, e)
# %%
# A negative number to a fractional power is complex, as in CPython.
print((-3) ** 0.5, (-8) ** (1 / 3), (-1) ** 0.5, (-2.0) ** 1.5, (-4) ** -0.5)
print((-2) ** 2.0, (-2) ** 3, (-2.5) ** -1, 4 ** 0.5, (-1e10) ** 0.25)
roots = [n ** 0.5 for n in (-4, -1, 0, 1, 4)]
print(roots, [type(r).__name__ for r in roots])
import math
try:
    math.sqrt(-1)
except ValueError as e:
    print(type(e).__name__, e)
print(math.sqrt(4), pow(-9, 0.5))
# %%
# Equality and hashing agree with int and float; ordering is a TypeError.
print(1 + 0j == 1, 1.5 + 0j == 1.5, 1j == 1, 2j != 2j, (1 + 2j) == complex("1+2j"), 1j == "1j")
print(hash(3 + 0j) == hash(3), hash(2.5 + 0j) == hash(2.5), hash(0j) == hash(0), hash(1j) == hash(1j))
print(hash(1 + 2j), hash(-1j), hash(complex(2, 3.5)))
print({1: "int", 1.0 + 0j: "complex"}, len({1j, 1j, 0j, 0}), 1j in [1, 1j])
for left, right in [(1j, 2j), (1j, 1), (2, 1j)]:
    try:
        print(left < right)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    sorted([1j, 2j])
except TypeError as e:
    print(type(e).__name__, e)
# %%
# Operations complex does not have.
for operation in (lambda: 1j // 2, lambda: 1j % 2, lambda: 5 // 1j, lambda: int(1j), lambda: float(1j),
                  lambda: round(1j), lambda: 1j & 1, lambda: ~1j, lambda: math.floor(1j)):
    try:
        print(operation())
    except TypeError as e:
        print(type(e).__name__, e)
# %%
# Truth values.
print(bool(0j), bool(1j), bool(complex(0, 0.0)), bool(complex(1e-300, 0)), not 0j)
if 0j:
    print("never")
else:
    print("zero is false")
# %%
# Parsing complex from strings.
for text in ["1+2j", " (1-2j) ", "3", "-4.5j", "j", "-j", "+J", "1e3-1e-3j", "inf+nanj", "1_000+2_0j",
             "(  5 )", "1+j", "2-j", ".5j", "1.e2+3.j", "-infinityj"]:
    print(repr(text), complex(text))
for text in ["", "1+", "1+2", "j1", "1 + 2j", "(1+2j", "1+2jj", "1__0j", "_1j", "1+2i", "()"]:
    try:
        complex(text)
    except ValueError as e:
        print(repr(text), type(e).__name__, e)
# %%
# The constructor's type errors.
for make in (lambda: complex("1", 2), lambda: complex(1, "2"), lambda: complex([1]), lambda: complex(1, None),
             lambda: complex(1, 2, 3), lambda: complex(None)):
    try:
        print(make())
    except TypeError as e:
        print(type(e).__name__, e)
# %%
# Classes that know how to become complex.
class Phasor:
    def __init__(self, magnitude):
        self.magnitude = magnitude
    def __complex__(self):
        return complex(0, self.magnitude)

class Meters:
    def __float__(self):
        return 2.5

print(complex(Phasor(3)), complex(Meters()), complex(Meters(), Meters()))
# %%
# Formatting with specs.
z = 1 + 2j
print(format(z), format(z, ""), format(z, ".2f"), format(z, "10.1f"), format(z, "<16"), format(z, "^12.3"))
print(f"{3.14159 - 2.71828j:.3f}", f"{-1j:.2e}", f"{2j:g}", f"{1e20 + 1j:.3g}", f"{z:+.1f}", f"{z:*>14}")
try:
    format(z, "010")
except ValueError as e:
    print(type(e).__name__, e)
# %%
# Complex numbers in ordinary code: quadratic roots and rotations.
def roots(a, b, c):
    disc = (b * b - 4 * a * c) ** 0.5
    return (-b + disc) / (2 * a), (-b - disc) / (2 * a)

print(roots(1, -3, 2))
print(roots(1, 2, 5))
print(roots(1, 0, 1))
point = 2 + 0j
for _ in range(4):
    point *= 1j
    print(point)
# %%
# Static types: a cell of plain floats that raises a negative number to a fractional power.
base: float = -27.0
exponent: float = 1 / 3
result = base ** exponent
print(result)
print(type(result).__name__)
# %%
# cmath gives complex results where math raises.
import cmath
print(cmath.sqrt(-1), cmath.sqrt(4), cmath.sqrt(-2 + 0j), cmath.sqrt(3 + 4j), cmath.sqrt(complex(-4, -0.0)))
print(cmath.phase(-1), cmath.phase(1j), cmath.phase(complex(-1, -0.0)), cmath.phase(3 + 4j))
print(cmath.polar(1j), cmath.polar(-2), cmath.polar(3 + 4j))
print(cmath.rect(1, 0), cmath.rect(2, cmath.pi / 2), cmath.rect(1, cmath.pi))
print(cmath.exp(0), cmath.exp(1j * cmath.pi), cmath.exp(1 + 1j))
print(cmath.log(1), cmath.log(-1), cmath.log(1j), cmath.log(8, 2), cmath.log(3 + 4j), cmath.log10(100))
print(cmath.pi, cmath.e, cmath.isclose(cmath.exp(1j * cmath.pi), -1), cmath.isnan(complex("nan")), cmath.isinf(1j))
try:
    cmath.log(0)
except ValueError as e:
    print(type(e).__name__, e)
# %%
# Static types: math.sqrt of a negative float stays a ValueError.
import math
side: float = -2.0
try:
    print(math.sqrt(side))
except ValueError as e:
    print(type(e).__name__, e)
print(math.sqrt(2.25))
# %%
# Static types: square roots of a list of floats, some negative.
readings: list[float] = [-4.0, 4.0, 2.25]
print([r ** 0.5 for r in readings], [r ** 2 for r in readings], [abs(r) ** 0.5 for r in readings])
