# %%
for n in range(2, 20):
    for x in range(2, n):
        if n % x == 0:
            break
    else:
        print(n, "is prime")
# %%
def find(items, target):
    for index, item in enumerate(items):
        if item == target:
            print("found", target, "at", index)
            break
    else:
        print(target, "not found")

find([3, 5, 7], 5)
find([3, 5, 7], 4)
find([], 1)
# %%
count = 0
while count < 3:
    count += 1
else:
    print("while finished", count)

attempts = 0
while attempts < 10:
    attempts += 1
    if attempts == 2:
        break
else:
    print("never printed")
print("attempts", attempts)
# %%
import queue

jobs = queue.Queue()
for size in [4, 8, 15]:
    jobs.put(size)
while not jobs.empty():
    job = jobs.get()
    if job > 10:
        print("too big:", job)
        break
    print("did", job)
else:
    print("all jobs done")
