# %%
from decimal import Decimal

# Floats cannot hold 0.1 exactly; Decimal built from a string can.
print(0.1 + 0.2)
print(Decimal("0.1") + Decimal("0.2"))
print(Decimal(0.1))
print(repr(Decimal("1.10")), str(Decimal("1.10")))
print(type(Decimal("1")), type(Decimal("1")).__name__)
# %%
from decimal import Decimal

prices = [Decimal("19.99"), Decimal("5.01"), Decimal("0.10")]
total = sum(prices)
print(total, repr(total))
print(total * 3, total / 4)
print(Decimal("2.50") * Decimal("4"), Decimal("1.30") + Decimal("1.20"))
print(Decimal("10") - Decimal("0.001"))
# %%
from decimal import Decimal

for text in ["100", "1E+2", "1e2", "0.0000001", "0.000001", "1.23E-8", "-0", "123.4500", "  42  ", "1_000.5"]:
    d = Decimal(text)
    print(repr(d), str(d), d.as_tuple())
# %%
from decimal import Decimal

for text in ["NaN", "-Infinity", "inf", "sNaN", "nan123"]:
    d = Decimal(text)
    print(repr(d), d.is_nan(), d.is_infinite(), d.is_finite(), d.is_snan(), d.is_qnan())
print(Decimal("Infinity") > 10 ** 100, Decimal("-inf") < -1)
print(Decimal("NaN") == Decimal("NaN"), Decimal("NaN") != 1)
# %%
from decimal import Decimal, getcontext

print(getcontext().prec, getcontext().rounding)
print(Decimal(1) / Decimal(7))
print(Decimal(2) / Decimal(3))
print(Decimal(1) / Decimal("0.1"), Decimal(100) / Decimal("4.0"), Decimal("1.00") / 4)
print(Decimal(22) / 7 * 7)
# %%
from decimal import Decimal, getcontext

getcontext().prec = 6
print(Decimal(1) / Decimal(7))
print(Decimal("123456789") + 0)
print(Decimal("3.14159265") * 1)
print(+Decimal("2.7182818"), -Decimal("2.7182818"))
getcontext().prec = 28
print(Decimal(1) / Decimal(7))
# %%
from decimal import Decimal, localcontext

with localcontext() as ctx:
    ctx.prec = 3
    print(Decimal(10) / 3, ctx.prec)
print(Decimal(10) / 3)
with localcontext(prec=50) as wide:
    print(Decimal(1) / 7)
    print(wide.prec)
print(Decimal(2).sqrt())
# %%
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN, ROUND_UP, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_05UP

cents = Decimal("0.01")
for amount in ["2.675", "2.665", "-2.675", "1.005", "0.125", "-0.125", "7.999", "3.001"]:
    d = Decimal(amount)
    row = [str(d.quantize(cents, rounding=mode)) for mode in
           [ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN, ROUND_UP, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_05UP]]
    print(amount.rjust(7), " ".join(row))
print(ROUND_HALF_UP, ROUND_05UP)
# %%
from decimal import Decimal

print(Decimal("3.14159").quantize(Decimal("0.001")))
print(Decimal("2.5").quantize(Decimal("1")), Decimal("3.5").quantize(Decimal("1")))
print(Decimal("1").quantize(Decimal("0.0000")))
print(Decimal(1).quantize(Decimal("1E+2")), Decimal("1E+2").quantize(Decimal(1)))
print(Decimal("123.456").quantize(Decimal("1E+1")))
print(Decimal("-0.004").quantize(Decimal("0.01")))
# %%
from decimal import Decimal, ROUND_HALF_UP

def money(value):
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

subtotal = money("47.955") + money("12.345")
tax = money(subtotal * Decimal("0.0825"))
print(subtotal, tax, subtotal + tax)
split = money((subtotal + tax) / 3)
print(split, split * 3, subtotal + tax - split * 3)
# %%
from decimal import Decimal

principal = Decimal("1000.00")
rate = Decimal("0.05")
for year in range(1, 6):
    balance = principal * (1 + rate) ** year
    print(year, balance, balance.quantize(Decimal("0.01")))
print(Decimal("1.05") ** 10, Decimal(2) ** 100, Decimal("1.5") ** -3)
# %%
from decimal import Decimal

print(Decimal(-7) // 2, Decimal(-7) % 2, divmod(Decimal(-7), 2))
print(-7 // 2, -7 % 2, divmod(-7, 2))
print(Decimal("7.5") // Decimal("2"), Decimal("7.5") % Decimal("2"))
print(divmod(Decimal("-7.5"), 2), Decimal(-6) % 3)
print(Decimal(10) % Decimal("0.3"), 10 % Decimal(3), 10 // Decimal(3))
# %%
from decimal import Decimal, DivisionByZero, InvalidOperation
import traceback

for a, b in [(1, 0), (0, 0), (-5, 0)]:
    try:
        print(Decimal(a) / b)
    except ZeroDivisionError as e:
        print(type(e).__name__, e, isinstance(e, ArithmeticError))
    except InvalidOperation as e:
        print(traceback.format_exception_only(type(e), e)[-1].strip())
try:
    Decimal(1) / 0
except DivisionByZero as e:
    print(traceback.format_exception_only(type(e), e)[-1].strip())
try:
    Decimal(5) % 0
except InvalidOperation as e:
    print(traceback.format_exception_only(type(e), e)[-1].strip())
# %%
from decimal import Decimal, InvalidOperation

for bad in ["abc", "1.2.3", "", "1e", "--1", "1 000"]:
    try:
        Decimal(bad)
    except InvalidOperation as e:
        print(repr(bad), type(e).__name__, e)
try:
    Decimal(-1).sqrt()
except InvalidOperation as e:
    print("sqrt", e)
try:
    Decimal("Infinity") - Decimal("Infinity")
except InvalidOperation as e:
    print("inf - inf", e)
# %%
from decimal import Decimal

for other in [1.5, "2", [1]]:
    try:
        print(Decimal(1) + other)
    except TypeError as e:
        print(e)
try:
    print(2.5 * Decimal(2))
except TypeError as e:
    print(e)
print(Decimal(1) + True, 3 * Decimal("1.5"), 1 - Decimal("0.25"))
# %%
from decimal import Decimal

print(Decimal("1.0") == 1, Decimal("0.5") == 0.5, Decimal("0.1") == 0.1)
print(Decimal("1.5") < 2, Decimal("2.5") > 2.4, Decimal(3) >= Decimal("3.000"))
print(sorted([Decimal("1.5"), 2, Decimal("0.3"), 1, Decimal("-1")]))
print(max(Decimal("1.10"), Decimal("1.1")), min([Decimal("2"), Decimal("-0.5")]))
print(Decimal("1.10") == Decimal("1.1"), Decimal("1.10").compare(Decimal("1.2")))
# %%
from decimal import Decimal

print(hash(Decimal(5)) == hash(5), hash(Decimal("0.5")) == hash(0.5), hash(Decimal("1.10")) == hash(Decimal("1.1")))
print(hash(Decimal("1.1")), hash(Decimal("-2.5")), hash(Decimal("1e30")))
prices = {Decimal("1.50"): "a", Decimal(2): "b"}
print(prices[Decimal("1.5")], prices[2], len({Decimal("1"), Decimal("1.0"), 1, 1.0}))
# %%
from decimal import Decimal

for text in ["2", "16", "0.25", "100", "1.00", "10", "0.0", "12345678901234567890"]:
    print(text, Decimal(text).sqrt())
print(Decimal(1).exp(), Decimal(10).ln(), Decimal(1000).log10(), Decimal(2).log10())
print(Decimal("0.5").exp(), Decimal("-1").exp(), Decimal("2.5").ln())
# %%
from decimal import Decimal

d = Decimal("-12.3456")
print(int(d), float(d), round(d), round(d, 2), round(d, -1))
print(round(Decimal("2.5")), round(Decimal("3.5")), round(Decimal("-2.5")), round(Decimal("2.675"), 2))
import math
print(math.floor(d), math.ceil(d), math.trunc(d), int(Decimal("1E+3")))
print(float(Decimal("0.1")), float(Decimal("1e-5")), float(Decimal("NaN")), float(Decimal("-Infinity")))
# %%
from decimal import Decimal

for text in ["123.4500", "1E+3", "-0.0", "120.00", "0.0E-5", "1.23456789E+10"]:
    d = Decimal(text)
    print(text, d.normalize(), d.to_integral_value(), d.adjusted(), d.to_eng_string())
print(Decimal("2.5").to_integral_value(), Decimal("3.5").to_integral_value(), Decimal("-2.7").to_integral())
# %%
from decimal import Decimal

d = Decimal("1234567.891")
print(format(d, ".2f"), format(d, ",.2f"), f"{d:,.2f}", f"{d:>15,.1f}|")
print(f"{Decimal('0.5'):.0f}", f"{Decimal('1.5'):.0f}", f"{Decimal('2.5'):.0f}")
print(f"{Decimal('0.075'):.1%}", f"{Decimal('1E+5'):f}", f"{Decimal('-0.001'):.2f}")
print(f"{Decimal('1234.5678'):e}", f"{Decimal('1234.5678'):.3e}", f"{Decimal('1234.5678'):.3g}")
print(f"{Decimal('12.5'):08.2f}", f"{Decimal('12.5'):+.1f}", f"{Decimal('12.5'):*^11}", f"{Decimal('1.10')}")
# %%
from decimal import Decimal, getcontext, ROUND_HALF_UP

ctx = getcontext()
ctx.rounding = ROUND_HALF_UP
print(Decimal("2.5").quantize(Decimal("1")), f"{Decimal('2.5'):.0f}", round(Decimal("2.45"), 1))
print(Decimal(1) / 3 * 3)
ctx.rounding = "ROUND_HALF_EVEN"
print(Decimal("2.5").quantize(Decimal("1")), ctx.rounding)
try:
    ctx.rounding = "nearest"
except TypeError as e:
    print("TypeError", str(e).splitlines()[0])
# %%
from decimal import Decimal, getcontext, Inexact, Rounded, DivisionByZero

ctx = getcontext()
ctx.clear_flags()
print(Decimal(1) / 4, ctx.flags[Inexact], ctx.flags[Rounded])
print(Decimal(1) / 3, ctx.flags[Inexact], ctx.flags[Rounded])
ctx.traps[DivisionByZero] = False
print(Decimal(1) / 0, Decimal(-1) / 0)
ctx.traps[DivisionByZero] = True
ctx.clear_flags()
print(ctx)
# %%
from decimal import Decimal, Context, ROUND_DOWN, setcontext, getcontext, DefaultContext

money_context = Context(prec=10, rounding=ROUND_DOWN)
print(money_context)
print(money_context.divide(Decimal(2), Decimal(3)))
print(money_context.create_decimal("3.14159265358979"))
saved = getcontext().copy()
setcontext(money_context)
print(Decimal(2) / 3, getcontext().prec)
setcontext(saved)
print(Decimal(2) / 3, DefaultContext.prec)
# %%
from decimal import Decimal

print(Decimal(3.14), Decimal(-0.0), Decimal(2.5), Decimal(1e20))
print(Decimal.from_float(0.5), Decimal(10 ** 30), Decimal(-42))
print(Decimal((0, (1, 4, 1), -2)), Decimal((1, (5,), 3)), Decimal((0, (), "F")))
print(Decimal("0.1").as_integer_ratio(), Decimal("-2.50").as_integer_ratio())
print(Decimal("-1.5").copy_abs(), Decimal("1.5").copy_negate(), Decimal("2").copy_sign(Decimal("-1")))
# %%
from decimal import Decimal

print(Decimal(0) == 0, Decimal("-0") == 0, bool(Decimal("0.00")), bool(Decimal("0.01")))
print(Decimal("-0"), Decimal("0") * -1, Decimal("-0") + Decimal("0"), -Decimal("0"))
print(Decimal("0.00") + Decimal("0.0"), Decimal(0) * Decimal("1.50"))
print(Decimal("1e-10") + Decimal("1e10"))
print(Decimal("1e100") + Decimal("1e-100"))
# %%
from decimal import Decimal

def mean(values):
    return sum(values, Decimal(0)) / len(values)

scores = [Decimal("88.5"), Decimal("92.25"), Decimal("79"), Decimal("95.125")]
print(mean(scores), mean(scores).quantize(Decimal("0.1")))
print(sum(scores) / Decimal(len(scores)))
print(max(scores) - min(scores), abs(Decimal("-3.50")))
# %%
from fractions import Fraction

half = Fraction(1, 2)
print(half, repr(half), type(half))
print(Fraction(6, 4), Fraction(-6, 4), Fraction(6, -4), Fraction(0, 5), Fraction(5))
print(Fraction(3, 4).numerator, Fraction(6, 8).denominator, Fraction(-6, 8).numerator)
print(Fraction(), str(Fraction(10, 5)), repr(Fraction(10, 5)))
# %%
from fractions import Fraction

for text in ["3/4", " -3/4 ", "1.25", "-.5", "1e-3", "2.5E2", "7", "1_000/3", "+0.125"]:
    print(repr(text), repr(Fraction(text)))
for bad in ["abc", "3/ 4", "1/2/3", ""]:
    try:
        Fraction(bad)
    except ValueError as e:
        print(e)
# %%
from fractions import Fraction
from decimal import Decimal

print(Fraction(0.5), Fraction(0.1), Fraction(1.1))
print(Fraction(Decimal("1.1")), Fraction(Decimal("-0.125")), Fraction(Decimal("1E+3")))
print(Fraction.from_float(0.25), Fraction.from_decimal(Decimal("3.14")))
print(Fraction(Fraction(1, 2), Fraction(1, 3)), Fraction(3, Fraction(1, 2)))
for bad in [float("inf"), float("nan"), Decimal("NaN")]:
    try:
        Fraction(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
# %%
from fractions import Fraction

a, b = Fraction(1, 3), Fraction(1, 6)
print(a + b, a - b, a * b, a / b)
print(a + 1, 1 - a, 2 * a, 1 / a, a / 2)
print(a ** 2, a ** -2, (-a) ** 3, Fraction(4) ** Fraction(1, 2), 2 ** Fraction(2), 2 ** Fraction(-1))
print(Fraction(7, 2) // Fraction(1, 3), Fraction(-7, 2) % Fraction(1, 3), divmod(Fraction(-7, 2), 2))
print(sum([Fraction(1, 3)] * 3), sum(Fraction(1, n) for n in range(1, 6)))
# %%
from fractions import Fraction

third = Fraction(1, 3)
print(third + 0.5, 0.5 - third, third * 1.5, 1.5 // third)
print(third ** 0.5, 2 ** Fraction(1, 2))
print(type(third + 1).__name__, type(third + 1.0).__name__)
print(third == 1 / 3, Fraction(1, 2) == 0.5, Fraction(1, 10) == 0.1, Fraction(0.1) == 0.1)
print(third < 0.34, third > Fraction(1, 4), 1 > third, Fraction(1, 2) < float("inf"), Fraction(1, 2) > float("nan"))
# %%
from fractions import Fraction

for bad_op in [lambda: Fraction(1, 0), lambda: Fraction(1, 2) / 0, lambda: 1 / Fraction(0), lambda: Fraction(0) ** -1,
               lambda: Fraction(3, 2) / Fraction(0), lambda: Fraction(1, 2) // 0, lambda: Fraction(1, 2) % 0]:
    try:
        bad_op()
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
for bad_op in [lambda: Fraction(1.5, 2), lambda: Fraction([1]), lambda: Fraction(1, 2) + "a", lambda: Fraction(1, 2) < "a"]:
    try:
        bad_op()
    except TypeError as e:
        print("TypeError:", e)
# %%
from fractions import Fraction
import math

x = Fraction(-7, 2)
print(math.floor(x), math.ceil(x), math.trunc(x), int(x), float(x), abs(x), -x, +x)
print(round(Fraction(5, 2)), round(Fraction(7, 2)), round(Fraction(-5, 2)), round(Fraction(1, 3)))
print(round(Fraction(1234, 1000), 2), round(Fraction(1, 8), 2), round(Fraction(12345), -2), round(Fraction(3, 8), 2))
print(float(Fraction(1, 3)), float(Fraction(2 ** 70, 3 ** 40)), bool(Fraction(0)), bool(Fraction(1, 9)))
# %%
from fractions import Fraction
import math

print(Fraction(math.pi).limit_denominator(1000), Fraction(math.pi).limit_denominator(10))
print(Fraction("3.141592653589793").limit_denominator(100), Fraction(5).limit_denominator(2))
print(Fraction(0.1).limit_denominator(), Fraction(1, 3).as_integer_ratio(), (0.75).as_integer_ratio())
try:
    Fraction(1, 3).limit_denominator(0)
except ValueError as e:
    print(e)
# %%
from fractions import Fraction

print(hash(Fraction(1, 2)) == hash(0.5), hash(Fraction(4, 2)) == hash(2), hash(Fraction(1, 3)))
print(hash(Fraction(-1, 3)), hash(Fraction(10 ** 20, 3)), hash(Fraction(-5)))
lookup = {Fraction(1, 2): "half", 3: "three"}
print(lookup[0.5], lookup[Fraction(6, 2)], {Fraction(2, 4), 0.5, Fraction(1, 2)})
# %%
from fractions import Fraction
from decimal import Decimal

print(Decimal("0.5") == Fraction(1, 2), Fraction(1, 2) == Decimal("0.5"), Decimal("0.3") < Fraction(1, 3))
print(Fraction(1, 3) < Decimal("0.34"), sorted([Fraction(1, 3), Decimal("0.3"), 0.35]))
for op in [lambda: Fraction(1, 2) + Decimal(1), lambda: Decimal(1) + Fraction(1, 2)]:
    try:
        op()
    except TypeError as e:
        print(e)
# %%
from fractions import Fraction

# Egyptian fractions: split a ratio into distinct unit fractions.
def egyptian(r):
    parts = []
    while r > 0:
        unit = Fraction(1, -(-r.denominator // r.numerator))
        parts.append(unit)
        r -= unit
    return parts

print(egyptian(Fraction(4, 13)))
print(" + ".join(str(p) for p in egyptian(Fraction(7, 15))))
print(sum(egyptian(Fraction(5, 121))) == Fraction(5, 121))
# %%
from fractions import Fraction

# Harmonic numbers stay exact; floats drift.
h = Fraction(0)
f = 0.0
for n in range(1, 21):
    h += Fraction(1, n)
    f += 1 / n
print(h)
print(float(h), f, float(h) == f)
print(f"{float(h):.15f}", h.numerator.bit_length(), h.denominator % 7)
# %%
from decimal import Decimal
from fractions import Fraction

# The same third three ways.
print(1 / 3, Decimal(1) / 3, Fraction(1, 3))
print(1 / 3 * 3, Decimal(1) / 3 * 3, Fraction(1, 3) * 3)
print(Fraction(Decimal(1) / 3), Decimal(Fraction(1, 3).numerator) / Fraction(1, 3).denominator)
print(Fraction(1, 3) == Decimal(1) / 3, float(Fraction(1, 3)) == 1 / 3)
# %%
import statistics
from decimal import Decimal
from fractions import Fraction

# statistics keeps the data's type: exact Fractions, Decimals rounded in the context.
bills = [Decimal("19.99"), Decimal("5.01"), Decimal("0.10"), Decimal("12.50")]
print(repr(statistics.mean(bills)), repr(statistics.median(bills)))
print(repr(statistics.stdev(bills)), repr(statistics.pstdev([Decimal(1), Decimal(2), Decimal(3)])))
shares = [Fraction(1, 2), Fraction(1, 3), Fraction(3, 4)]
print(statistics.mean(shares), statistics.variance(shares), statistics.median(shares))
print(repr(statistics.mean([Fraction(1, 3), 1])), statistics.stdev(shares))
