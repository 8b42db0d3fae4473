# %%
import threading
import time

results = {}
lock = threading.Lock()

def worker(name, delay):
    time.sleep(delay)
    with lock:
        results[name] = delay * 10

threads = [threading.Thread(target=worker, args=(f"t{i}", 0.1 * i)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
# %%
class BankAccount:
    def __init__(self):
        self.balance = 0
        self.lock = threading.Lock()
    def deposit(self, amount):
        with self.lock:
            self.balance += amount

account = BankAccount()
workers = [threading.Thread(target=account.deposit, args=(10,)) for _ in range(5)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(account.balance)
# %%
from concurrent.futures import ThreadPoolExecutor

def square(n):
    time.sleep(0.05)
    return n * n

with ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(square, range(6))))
    future = pool.submit(pow, 2, 8)
    print(future.result())
# %%
import queue

q = queue.Queue()
def producer():
    for item in ["a", "b", None]:
        q.put(item)

def consumer(out):
    while True:
        item = q.get()
        if item is None:
            break
        out.append(item.upper())

collected = []
p = threading.Thread(target=producer)
c = threading.Thread(target=consumer, args=(collected,))
p.start()
c.start()
p.join()
c.join()
print(collected)
# %%
t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
# %%
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} done"

async def main():
    results = await asyncio.gather(fetch("a", 0.1), fetch("b", 0.05))
    print(results)
    task = asyncio.create_task(fetch("c", 0.01))
    print(await task)

asyncio.run(main())
