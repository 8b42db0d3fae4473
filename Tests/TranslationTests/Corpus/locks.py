# %%
import threading
import time

counter = 0
counter_lock = threading.Lock()

def add_many(times):
    global counter
    for _ in range(times):
        with counter_lock:
            counter += 1

workers = [threading.Thread(target=add_many, args=(1000,)) for _ in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("counter:", counter)
# %%
ready = threading.Event()

def waiter():
    print("waiting for the event")
    ready.wait()
    print("event seen")

w = threading.Thread(target=waiter)
w.start()
time.sleep(0.3)
print("setting the event")
ready.set()
w.join()
print(ready.is_set())
# %% multiset
pool_slots = threading.Semaphore(2)

def use_slot(n):
    with pool_slots:
        time.sleep(1)
        print("slot used by", n)

users = [threading.Thread(target=use_slot, args=(n,)) for n in range(4)]
for u in users:
    u.start()
for u in users:
    u.join()
# %%
reentrant = threading.RLock()

def outer_locked():
    with reentrant:
        inner_locked()

def inner_locked():
    with reentrant:
        print("inside both locks")

outer_locked()
# %% multiset
barrier = threading.Barrier(3)

def meet(name):
    time.sleep(1)
    barrier.wait()
    print(name, "passed the barrier")

meeting = [threading.Thread(target=meet, args=(name,)) for name in ["a", "b", "c"]]
for m in meeting:
    m.start()
for m in meeting:
    m.join()
# %%
items = []
condition = threading.Condition()

def consume():
    with condition:
        condition.wait_for(lambda: len(items) > 0)
        print("consumed", items.pop())

def produce():
    time.sleep(0.3)
    with condition:
        items.append(42)
        condition.notify()

consumer = threading.Thread(target=consume)
producer = threading.Thread(target=produce)
consumer.start()
producer.start()
consumer.join()
producer.join()
# %%
lock = threading.Lock()
print(lock.acquire())
print(lock.locked())
lock.release()
print(lock.locked())
limited = threading.BoundedSemaphore(1)
limited.acquire()
limited.release()
print("bounded semaphore released")
