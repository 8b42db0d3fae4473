# %% fresh
import multiprocessing

def cube(n):
    return n * n * n

with multiprocessing.Pool(4) as pool:
    print(pool.map(cube, range(6)))
# %% multiset
import multiprocessing
import time

def slow_cube(n):
    time.sleep(2)
    return n * n * n

with multiprocessing.Pool(3) as pool:
    for value in pool.imap_unordered(slow_cube, [1, 2, 3]):
        print(value)
# %%
import multiprocessing
import time

def slow_square(n):
    time.sleep(n)
    return n * n

def add_one(n):
    return n + 1

with multiprocessing.Pool(2) as pool:
    for value in pool.imap(slow_square, [3, 2, 1]):
        print(value)
    pending = pool.apply_async(add_one, (7,))
    print(pending.get())
# %% multiset
import multiprocessing
import time

def job(label):
    time.sleep(2)
    print("job", label, "done")

processes = [multiprocessing.Process(target=job, args=(n,)) for n in range(3)]
for process in processes:
    process.start()
for process in processes:
    process.join()
print("processes joined")
# %%
import multiprocessing

print(multiprocessing.cpu_count() > 0)
