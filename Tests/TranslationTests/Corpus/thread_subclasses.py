# %%
import threading
import time

class Worker(threading.Thread):
    def __init__(self, n, delay=0.2):
        super().__init__()
        self.n = n
        self.delay = delay
        self.result = 0

    def run(self):
        time.sleep(self.delay * self.n)
        self.result = self.n * self.n
        print(f"job {self.n} done")

workers = [Worker(i) for i in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([w.result for w in workers])
print(workers[0].is_alive(), workers[0].daemon)
# %%
from threading import Thread

class Ticker(Thread):
    def __init__(self, label, count):
        super().__init__(name=f"ticker-{label}")
        self.label = label
        self.count = count

    def run(self):
        for i in range(self.count):
            print(self.label, i, threading.current_thread().name)

    def describe(self):
        return f"{self.name} counts to {self.count}"

t = Ticker("a", 2)
print(t.describe())
t.start()
t.join()
print(t.name, t.is_alive())
# %%
class Plain(Thread):
    def run(self):
        print("plain run in", threading.current_thread().name == self.name)

p = Plain()
p.start()
p.join()
# %%
class Background(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.ticks = 0

    def run(self):
        self.ticks += 1
        print("background tick")

b = Background()
print(b.daemon)
b.start()
b.join()
print(b.ticks)
# %%
class Counter(threading.Thread):
    total = 0

    def run(self):
        Counter.total += 1
