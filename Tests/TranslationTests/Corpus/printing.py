# %%
print(42)
print(-7, 0, 10**6)
print(3.0, 1.5, 0.1 + 0.2, 1e16, 1e-7, 2.5e-5, 123456789.125)
print(1 / 3, 2 / 3, 10 / 4, 7 / 7)
# %%
print(True, False)
print(None)
print("text", 'single', "quote's")
# %%
print([1, 2, 3])
print(["a", "b's", 'c"d'])
print([1.5, 2.0])
print([[1, 2], [3]])
print([])
# %%
print({"a": 1, "b": 2})
print({1: "one", 2: "two"})
print({3, 1, 2})
# %%
print((1, "a"))
print([(1, 2), (3, 4)])
# %%
print("a", "b", "c", sep="-")
print("no newline", end="")
print(" then this")
print("x", 1, 2.5, True, sep=", ", end="!\n")
print()
print("flushed", flush=True)
# %%
values = [3, 1, 2]
print("values:", values, "count:", len(values))
print(str(12) + "3", repr("hi"), repr(1.0))
# %%
flag = True
print(flag, None, 1e16)
print("three", [True, False], {"k": 1.5})
print("four", flag, 2.5, "items")
