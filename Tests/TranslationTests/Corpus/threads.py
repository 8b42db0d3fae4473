# %% multiset
import threading
import time

def worker(number):
    time.sleep(1)
    print(f"worker {number} done")

threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("all joined")
# %% multiset
def named_task():
    time.sleep(1)
    print("running in", threading.current_thread().name)

for name in ["alpha", "beta"]:
    threading.Thread(target=named_task, name=name).start()
# %%
def greet(greeting, name="world"):
    time.sleep(0.1)
    print(f"{greeting}, {name}")

t = threading.Thread(target=greet, args=("hello",), kwargs={"name": "threads"})
t.start()
t.join()
print(t.is_alive())
# %%
def slow():
    time.sleep(2)
    print("slow finished")

s = threading.Thread(target=slow)
s.start()
s.join(timeout=0.5)
print("alive after timeout:", s.is_alive())
s.join()
print("alive at the end:", s.is_alive())
# %%
print(threading.current_thread().name)
def report():
    print("inside", threading.current_thread().name)

r = threading.Thread(target=report)
r.start()
r.join()
# %% multiset
def countdown(label, n):
    for i in range(n, 0, -1):
        time.sleep(0.5)
    print(label, "finished")

pair = [threading.Thread(target=countdown, args=("a", 3)), threading.Thread(target=countdown, args=("b", 2))]
for t in pair:
    t.start()
for t in pair:
    t.join()
# %%
start = time.perf_counter()
sleepers = []
for _ in range(5):
    t = threading.Thread(target=time.sleep, args=[1])
    t.start()
    sleepers.append(t)
for t in sleepers:
    t.join()
elapsed = time.perf_counter() - start
print("five one-second sleeps took about", round(elapsed), "second(s)")
