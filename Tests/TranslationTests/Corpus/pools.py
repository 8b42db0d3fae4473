# %%
import concurrent.futures
import time

def square(n):
    time.sleep(1)
    return n * n

with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
    futures = [executor.submit(square, n) for n in range(6)]
    print([f.result() for f in futures])
# %%
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
    for value in executor.map(square, [1, 2, 3, 4]):
        print(value)
# %%
def wait_for(seconds):
    time.sleep(seconds)
    return f"waited {seconds}"

with concurrent.futures.ThreadPoolExecutor() as executor:
    futures = [executor.submit(wait_for, s) for s in [3, 1, 2]]
    for f in concurrent.futures.as_completed(futures):
        print(f.result())
# %%
from concurrent.futures import ThreadPoolExecutor, as_completed, wait

def fail(n):
    if n == 2:
        raise ValueError(f"no {n}")
    return n

with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(fail, n) for n in range(4)]
    done, not_done = wait(futures)
    print(len(done), len(not_done))
    for f in futures:
        try:
            print(f.result())
        except ValueError as e:
            print("error:", e)
# %%
executor = ThreadPoolExecutor(max_workers=2)
first = executor.submit(wait_for, 0.5)
print(first.done())
print(first.result())
print(first.done())
executor.shutdown()
# %%
with concurrent.futures.ProcessPoolExecutor() as executor:
    results = list(executor.map(square, range(5)))
print(results)
# %%
with ThreadPoolExecutor(max_workers=5) as pool:
    futures = [pool.submit(time.sleep, 1) for _ in range(5)]
print("five sleeps on five workers")
# %%
with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(wait_for, 1) for _ in range(4)]
    print([f.result() for f in futures])
