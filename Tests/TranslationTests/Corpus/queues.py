# %%
import queue
import threading
import time

jobs = queue.Queue()

def producer(count):
    for i in range(count):
        time.sleep(0.1)
        jobs.put(i)
    jobs.put(-1)

def consumer():
    while True:
        item = jobs.get()
        if item < 0:
            break
        print("got", item)

p = threading.Thread(target=producer, args=(4,))
c = threading.Thread(target=consumer)
p.start()
c.start()
p.join()
c.join()
# %%
tasks = queue.Queue()
for word in ["alpha", "beta", "gamma"]:
    tasks.put(word)
print(tasks.qsize(), tasks.empty())

def work():
    while True:
        word = tasks.get()
        print("processed", word.upper())
        tasks.task_done()

threading.Thread(target=work, daemon=True).start()
tasks.join()
print("all tasks done")
# %%
empty = queue.Queue()
try:
    empty.get(timeout=0.2)
except queue.Empty:
    print("nothing arrived")
# %%
import queue

jobs = queue.Queue()
for job in [4, 8, 15]:
    jobs.put(job)
while not jobs.empty():
    job = jobs.get()
    print("did", job)
