# %%
import asyncio

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    print("started")
    await say_after(0.5, "hello")
    await say_after(0.3, "world")
    print("finished")

asyncio.run(main())
# %%
async def fetch(n):
    await asyncio.sleep(0.2 * n)
    return n * 10

async def gather_all():
    results = await asyncio.gather(fetch(3), fetch(1), fetch(2))
    print(results)

asyncio.run(gather_all())
# %%
async def tasks_at_once():
    first = asyncio.create_task(fetch(2))
    second = asyncio.create_task(fetch(1))
    print(await first, await second)

asyncio.run(tasks_at_once())
# %%
async def many():
    values = await asyncio.gather(*[fetch(n) for n in range(5)])
    print(values, sum(values))

asyncio.run(many())
# %%
async def slow():
    await asyncio.sleep(5)
    return "never"

async def with_timeout():
    try:
        await asyncio.wait_for(slow(), timeout=0.5)
    except TimeoutError:
        print("timed out")

asyncio.run(with_timeout())
# %%
async def grouped():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(say_after(0.4, "group one"))
        tg.create_task(say_after(0.2, "group two"))
    print("group done")

asyncio.run(grouped())
# %%
async def waiter(event):
    print("waiting")
    await event.wait()
    print("event received")

async def setter():
    event = asyncio.Event()
    waiting = asyncio.create_task(waiter(event))
    await asyncio.sleep(0.3)
    event.set()
    await waiting

asyncio.run(setter())
# %%
async def producer(queue):
    for i in range(3):
        await queue.put(i)
        await asyncio.sleep(0.1)

async def consumer(queue):
    for _ in range(3):
        item = await queue.get()
        print("consumed", item)

async def pipeline():
    queue = asyncio.Queue()
    await asyncio.gather(producer(queue), consumer(queue))

asyncio.run(pipeline())
# %% multiset
async def limited(semaphore, n):
    async with semaphore:
        await asyncio.sleep(0.3)
        print("limited", n)

async def bounded():
    semaphore = asyncio.Semaphore(2)
    await asyncio.gather(*[limited(semaphore, n) for n in range(4)])

asyncio.run(bounded())
# %%
async def ordered():
    for coro in asyncio.as_completed([fetch(3), fetch(1), fetch(2)]):
        print(await coro)

asyncio.run(ordered())
