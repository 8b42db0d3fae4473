# %%
print(7 // 2, -7 // 2, 7 // -2)
print(7 % 3, -7 % 3, 7 % -3)
print(2 ** 10, 2 ** 0)
print(7 / 2, -7 / 2)
print(7.5 // 2, -7.5 % 2)
# %%
print(round(2.5), round(3.5), round(-2.5))
print(round(2.675, 2), round(1.005, 2), round(3.14159, 3))
print(round(1234, -2))
print(abs(-5), abs(-2.5))
# %%
print(min(3, 1, 2), max(3, 1, 2), min(1.5, 2))
print(min([4, 2, 8]), max([4, 2, 8]))
print(sum([1, 2, 3]), sum([0.1, 0.2, 0.3]))
print(divmod(17, 5), divmod(-17, 5))
# %%
print(int(3.99), int(-3.99), float(3), int("42"), float("2.5"))
print(str(3.0), str(10), bool(0), bool(3), bool(""), bool("x"))
# %%
total = 0
for i in range(1, 11):
    total += i * i
print(total)
count = 10
count -= 3
count *= 2
print(count)
# %%
a = 10
b = 3
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(a > b, a == b, a != b, 1 < a < 20)
print(a & b, a | b, a ^ b, a << 2, a >> 1, ~a)
