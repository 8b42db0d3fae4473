# %%
import threading
import time

def main():
    results = []
    lock = threading.Lock()
    prefix = "job"

    def worker(n):
        time.sleep(0.1)
        with lock:
            results.append(f"{prefix} {n}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sorted(results))

if __name__ == "__main__":
    main()
# %%
def outer(factor):
    def scale(value):
        return value * factor
    return [scale(v) for v in range(4)]

print(outer(3))
print(outer(-1))
# %%
from concurrent.futures import ThreadPoolExecutor

def run_jobs(names):
    greeting = "hello"

    def job(name):
        time.sleep(0.05)
        return f"{greeting} {name}"

    with ThreadPoolExecutor(max_workers=2) as executor:
        for line in executor.map(job, names):
            print(line)

run_jobs(["ann", "bob", "cy"])
# %%
def counter_demo():
    counts = {}

    def bump(key):
        counts[key] = counts.get(key, 0) + 1

    for word in ["a", "b", "a"]:
        bump(word)
    print(counts)

counter_demo()
# %%
def make_counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    return increment()

print(make_counter())
