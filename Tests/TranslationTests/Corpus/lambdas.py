# %%
square = lambda x: x * x
print(square(4), [square(n) for n in range(3)])
add = lambda a, b=1: a + b
print(add(2), add(2, 5))
# %%
pairs = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(pairs, key=lambda pair: pair[1]))
print(max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: p[0]))
numbers = [3, -1, 2]
print(sorted(numbers, key=lambda v: -v))
# %%
print(sorted([3, -1, 2], key=lambda v: -v))
print(max([3, -1, 2], key=lambda v: -v), list(map(lambda v: -v, [3, -1, 2])))
# %%
import threading

def main():
    label = lambda n: f"item-{n}"
    results = []
    lock = threading.Lock()

    def worker(n):
        with lock:
            results.append(label(n))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sorted(results))

main()
