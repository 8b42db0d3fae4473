# %%
import multiprocessing
import time

def cube(n):
    return n * n * n

with multiprocessing.Pool(4) as pool:
    print(pool.map(cube, range(6)))
# %% multiset
def slow_cube(n):
    time.sleep(0.3)
    return n * n * n

with multiprocessing.Pool(3) as pool:
    for value in pool.imap_unordered(slow_cube, [1, 2, 3]):
        print(value)
# %%
with multiprocessing.Pool(2) as pool:
    for value in pool.imap(slow_cube, [3, 2, 1]):
        print(value)
    pending = pool.apply_async(cube, (7,))
    print(pending.get())
# %% multiset
def job(label):
    time.sleep(0.5)
    print("job", label, "done")

processes = [multiprocessing.Process(target=job, args=(n,)) for n in range(3)]
for process in processes:
    process.start()
for process in processes:
    process.join()
print("processes joined")
# %%
print(multiprocessing.cpu_count() > 0)
