# %%
price = 1234.5678
print(f"{price:.2f}")
print(f"{price:,.2f}")
print(f"{price:10.1f}|")
print(f"{price:e}")
print(f"{price:.3g}")
# %%
n = 42
print(f"{n:5d}|{n:<5d}|{n:^5d}|{n:>5}|")
print(f"{n:05d} {n:+d} {n:x} {n:o} {n:b} {n:#x}")
print(f"{1234567:,}")
# %%
name = "loom"
print(f"{name!r} {name:>8} {name:*^10} {name:.2}")
print(f"{name.upper()} has {len(name)} letters")
# %%
ratio = 0.256
print(f"{ratio:.1%}")
print(f"{ratio * 100:.0f} percent")
width = 8
print(f"{n:{width}d}|")
# %%
print("%s is %d years" % ("Ada", 36))
print("%.3f|%5.1f|%-6d|%05d" % (3.14159, 2.25, 7, 42))
print("%r and %s" % ("x", "x"))
print("%x %o %e" % (255, 8, 12345.678))
# %%
print("{} + {} = {}".format(1, 2, 3))
print("{0} {1} {0}".format("a", "b"))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{:.2f}".format(2.675))
print("{name} is {age}".format(name="Bo", age=3))
# %%
x = 5
y = 2.5
print(f"{x} and {y} and {x * y} and {x / 2} and {x // 2}")
print(f"{True} {None} {[1, 2]} {x!r}")
