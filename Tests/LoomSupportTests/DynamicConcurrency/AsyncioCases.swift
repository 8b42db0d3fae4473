/// `asyncio`: the order in which tasks run and print (CPython's scheduling, round by round),
/// results, cancellation, timeouts, queues and locks, messages and reprs.
let asyncioCases: [ConcurrencyCase] = [
    ConcurrencyCase(name: "scheduling order", python: """
        import asyncio
        async def ticker(name, n):
            for i in range(n):
                print(name, i)
                await asyncio.sleep(0)
            return name * n
        async def main():
            print('main starts')
            t = asyncio.create_task(ticker('t', 2))
            print('task created', t.get_name(), t.done())
            results = await asyncio.gather(ticker('a', 3), ticker('b', 2), t)
            print(results, t.done(), t.result())
            print(asyncio.current_task().get_name(), len(asyncio.all_tasks()))
            return 'finished'
        print(asyncio.run(main()))
        async def nested():
            async def inner(x):
                await asyncio.sleep(0.01)
                return x + 1
            return [await inner(i) for i in range(3)]
        print(asyncio.run(nested()))
        """, swift: """
        let asyncio = try imp("asyncio")
        let ticker = adef("ticker", ["name", "n"]) { a, co in
            let it = try Py.range(a[1]).iterate()
            while let i = try it.next() { try pr(a[0], i); _ = try co.await(try asyncio.sleep(0)) }
            return try a[0] * a[1]
        }
        let main = adef("main") { _, co in
            try pr("main starts")
            let t = try asyncio.create_task(try ticker("t", 2))
            try pr("task created", try t.get_name(), try t.done())
            let results = try co.await(try asyncio.gather(try ticker("a", 3), try ticker("b", 2), t))
            try pr(results, try t.done(), try t.result())
            try pr(try asyncio.current_task().get_name(), try Py.len(try asyncio.all_tasks()))
            return "finished"
        }
        try pr(try asyncio.run(try main()))
        let inner = adef("inner", ["x"]) { a, co in _ = try co.await(try asyncio.sleep(0.01)); return try a[0] + 1 }
        let nested = adef("nested") { _, co in .list(try (0..<3).map { try co.await(try inner(PyObject($0))) }) }
        try pr(try asyncio.run(try nested()))
        """),
    ConcurrencyCase(name: "sleeps order output by time", python: """
        import asyncio, time
        async def say(what, delay):
            await asyncio.sleep(delay)
            print(what)
            return delay
        async def main():
            start = time.perf_counter()
            tasks = [asyncio.create_task(say(w, d), name=w) for w, d in [('slow', 0.6), ('fast', 0.2), ('mid', 0.4)]]
            print([t.get_name() for t in tasks])
            for coro in asyncio.as_completed(tasks):
                print('completed', await coro)
            done, pending = await asyncio.wait([asyncio.create_task(say('w1', 0.4)), asyncio.create_task(say('w2', 0.05))],
                                               return_when=asyncio.FIRST_COMPLETED)
            print(len(done), len(pending), [d.result() for d in done])
            await asyncio.wait(pending)
            print(await asyncio.gather(say('g1', 0.3), say('g2', 0.1)), time.perf_counter() - start < 2.5)
        asyncio.run(main())
        """, swift: """
        let asyncio = try imp("asyncio"), time = try imp("time")
        let say = adef("say", ["what", "delay"]) { a, co in
            _ = try co.await(try asyncio.sleep(a[1])); try pr(a[0]); return a[1]
        }
        let main = adef("main") { _, co in
            let start = try time.perf_counter()
            let tasks = try [("slow", 0.6), ("fast", 0.2), ("mid", 0.4)].map { w, d in
                try kw(asyncio.create_task, [try say(PyObject(w), PyObject(d))], [("name", PyObject(w))])
            }
            try pr(.list(try tasks.map { try $0.get_name() }))
            let it = try asyncio.as_completed(PyObject.list(tasks)).iterate()
            while let c = try it.next() { try pr("completed", try co.await(c)) }
            let pair = try kw(asyncio.wait, [.list([try asyncio.create_task(try say("w1", 0.4)), try asyncio.create_task(try say("w2", 0.05))])],
                              [("return_when", try asyncio.FIRST_COMPLETED)])
            let (done, pending) = try co.await(pair).unpack2()
            try pr(try Py.len(done), try Py.len(pending), .list(try done.unpackedArguments().map { try $0.result() }))
            _ = try co.await(try asyncio.wait(pending))
            let gathered = try co.await(try asyncio.gather(try say("g1", 0.3), try say("g2", 0.1)))
            try pr(gathered, PyObject(try time.perf_counter() - start < 2.5))
            return .none
        }
        _ = try asyncio.run(try main())
        """),
    ConcurrencyCase(name: "cancellation, timeouts, exceptions", python: """
        import asyncio
        async def forever(log):
            try:
                while True:
                    await asyncio.sleep(0.05)
            except asyncio.CancelledError:
                log.append('cancelled inside')
                raise
        async def fail(msg, delay=0):
            await asyncio.sleep(delay)
            raise ValueError(msg)
        async def main():
            log = []
            t = asyncio.create_task(forever(log))
            await asyncio.sleep(0.1)
            print(t.cancel(), t.cancelled())
            try: await t
            except asyncio.CancelledError: print('caught CancelledError', t.cancelled(), t.done(), log)
            print(t.cancel())
            try: await asyncio.wait_for(forever(log), timeout=0.1)
            except asyncio.TimeoutError as e: print('TimeoutError', repr(e), log)
            print(await asyncio.wait_for(asyncio.sleep(0.01, result='in time'), timeout=1))
            print(await asyncio.gather(fail('x'), asyncio.sleep(0.01, 'ok'), return_exceptions=True))
            try: await asyncio.gather(fail('first', 0.01), fail('second', 0.2))
            except ValueError as e: print('ValueError:', e)
            try:
                async with asyncio.timeout(0.05):
                    await asyncio.sleep(1)
            except TimeoutError: print('timeout block expired')
            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(fail('in group', 0.01))
                    tg.create_task(forever(log))
            except* ValueError as eg:
                print('group:', [str(e) for e in eg.exceptions], log[-1])
            async with asyncio.TaskGroup() as tg:
                a = tg.create_task(asyncio.sleep(0.02, 'A'))
                b = tg.create_task(asyncio.sleep(0.01, 'B'))
            print(a.result(), b.result())
            f = asyncio.get_running_loop().create_future()
            print(f.done(), repr(f))
            try: f.result()
            except asyncio.InvalidStateError as e: print('InvalidStateError:', e)
            f.set_result(5); print(repr(f), await f)
            shielded = asyncio.shield(asyncio.sleep(0.01, 'shielded'))
            print(await shielded)
        asyncio.run(main())
        try: asyncio.get_running_loop()
        except RuntimeError as e: print('RuntimeError:', e)
        try: asyncio.run(1)
        except ValueError as e: print('ValueError:', e)
        async def idle(): pass
        c = idle(); print(asyncio.iscoroutine(c), asyncio.iscoroutinefunction(idle), asyncio.iscoroutine(idle)); asyncio.run(c)
        async def outer(): asyncio.run(idle())
        co = outer()
        try: asyncio.run(co)
        except RuntimeError as e: print('RuntimeError:', e)
        print(issubclass(asyncio.CancelledError, Exception), asyncio.TimeoutError is TimeoutError)
        """, swift: """
        let asyncio = try imp("asyncio")
        let forever = adef("forever", ["log"]) { a, co in
            do {
                while true { _ = try co.await(try asyncio.sleep(0.05)) }
            } catch {
                let e = PyException.caught(error)
                if try e.matches(try asyncio.CancelledError) { _ = try a[0].append("cancelled inside") }
                throw e
            }
        }
        let fail = adef("fail", ["msg", "delay"]) { a, co in
            _ = try co.await(try asyncio.sleep(a[1]))
            throw try PyException(raising: try Py.ValueError(a[0]))
        }
        func failing(_ message: String, _ delay: Double = 0) throws -> PyObject { try fail(PyObject(message), PyObject(delay)) }
        let main = adef("main") { _, co in
            let log: PyObject = []
            let t = try asyncio.create_task(try forever(log))
            _ = try co.await(try asyncio.sleep(0.1))
            let cancelled = try t.cancel()
            try pr(cancelled, try t.cancelled())
            do { _ = try co.await(t) } catch { try pr("caught CancelledError", try t.cancelled(), try t.done(), log) }
            try pr(try t.cancel())
            do { _ = try co.await(try kw(asyncio.wait_for, [try forever(log)], [("timeout", 0.1)])) } catch {
                try pr("TimeoutError", PyObject(try PyException.caught(error).value.repr()), log)
            }
            try pr(try co.await(try kw(asyncio.wait_for, [try kw(asyncio.sleep, [0.01], [("result", "in time")])], [("timeout", 1)])))
            try pr(try co.await(try kw(asyncio.gather, [try failing("x"), try asyncio.sleep(0.01, "ok")], [("return_exceptions", true)])))
            do { _ = try co.await(try asyncio.gather(try failing("first", 0.01), try failing("second", 0.2))) } catch {
                try pr("ValueError:", PyException.caught(error).value)
            }
            do {
                let block = try asyncio.timeout(0.05)
                _ = try co.await(try block.__aenter__())
                do { _ = try co.await(try asyncio.sleep(1)) } catch {
                    let e = PyException.caught(error)
                    if try co.await(try block.__aexit__(try Py.type(e.value), e.value, PyObject.none)).truthy() == false { throw e }
                }
            } catch { if try PyException.caught(error).matches(Py.TimeoutError) { try pr("timeout block expired") } else { throw error } }
            do {
                let tg = try asyncio.TaskGroup()
                _ = try co.await(try tg.__aenter__())
                _ = try tg.create_task(try failing("in group", 0.01))
                _ = try tg.create_task(try forever(log))
                _ = try co.await(try tg.__aexit__(PyObject.none, PyObject.none, PyObject.none))
            } catch {
                let eg = PyException.caught(error).value
                let messages = PyObject.list(try eg.exceptions.unpackedArguments().map { PyObject(try $0.str()) })
                try pr("group:", messages, try log.item(-1))
            }
            let tg = try asyncio.TaskGroup()
            _ = try co.await(try tg.__aenter__())
            let a = try tg.create_task(try asyncio.sleep(0.02, "A"))
            let b = try tg.create_task(try asyncio.sleep(0.01, "B"))
            _ = try co.await(try tg.__aexit__(PyObject.none, PyObject.none, PyObject.none))
            try pr(try a.result(), try b.result())
            let f = try asyncio.get_running_loop().create_future()
            try pr(try f.done(), PyObject(try f.repr()))
            try catching { _ = try f.result() }
            _ = try f.set_result(5)
            let shown = PyObject(try f.repr())
            try pr(shown, try co.await(f))
            let shielded = try asyncio.shield(try asyncio.sleep(0.01, "shielded"))
            try pr(try co.await(shielded))
            return .none
        }
        _ = try asyncio.run(try main())
        try catching { _ = try asyncio.get_running_loop() }
        try catching { _ = try asyncio.run(1) }
        let idle = adef("idle") { _, _ in .none }
        let c = try idle()
        try pr(try asyncio.iscoroutine(c), try asyncio.iscoroutinefunction(idle), try asyncio.iscoroutine(idle)); _ = try asyncio.run(c)
        let outer = adef("outer") { _, _ in _ = try asyncio.run(try idle()); return .none }
        try catching { _ = try asyncio.run(try outer()) }
        try pr(try Py.issubclass(try asyncio.CancelledError, Py.Exception), PyObject(try asyncio.TimeoutError.isIdentical(to: Py.TimeoutError)))
        """),
    ConcurrencyCase(name: "asyncio queues, events, locks, semaphores, executors", python: """
        import asyncio, threading
        async def producer(q, n):
            for i in range(n):
                await q.put(i)
                print('put', i)
            await q.put(None)
        async def consumer(q, name):
            got = []
            while (item := await q.get()) is not None:
                got.append(item)
                q.task_done()
                await asyncio.sleep(0)
            q.task_done()
            return name, got
        async def main():
            q = asyncio.Queue(maxsize=2)
            print(q, q.maxsize, q.empty())
            results = await asyncio.gather(producer(q, 5), consumer(q, 'c'))
            print(results[1], q.qsize())
            try: q.get_nowait()
            except asyncio.QueueEmpty as e: print('QueueEmpty', repr(e))
            q.put_nowait(1); q.put_nowait(2)
            try: q.put_nowait(3)
            except asyncio.QueueFull: print('QueueFull', str(q))
            q.task_done(); q.task_done()
            try: q.task_done()
            except ValueError as e: print('ValueError:', e)
            p = asyncio.PriorityQueue()
            for item in [3, 1, 2]: p.put_nowait(item)
            print([p.get_nowait() for _ in range(3)])
            event = asyncio.Event()
            async def waiter(n):
                await event.wait()
                print('woke', n)
            waiters = [asyncio.create_task(waiter(n)) for n in range(3)]
            await asyncio.sleep(0)
            print('setting', event.is_set(), repr(event).split('[')[1]); event.set()
            await asyncio.gather(*waiters)
            lock = asyncio.Lock()
            order = []
            async def guarded(n):
                async with lock:
                    order.append(('in', n))
                    await asyncio.sleep(0.01)
                    order.append(('out', n))
            await asyncio.gather(*(guarded(n) for n in range(3)))
            print(order, lock.locked(), repr(lock).split('[')[1])
            try: lock.release()
            except RuntimeError as e: print('RuntimeError:', e)
            sem = asyncio.Semaphore(2)
            active = []
            async def limited(n):
                async with sem:
                    active.append(n)
                    print('running', n, len(active))
                    await asyncio.sleep(0.05)
                    active.remove(n)
            await asyncio.gather(*(limited(n) for n in range(4)))
            print(repr(sem).split('[')[1])
            bounded = asyncio.BoundedSemaphore(1)
            try: bounded.release()
            except ValueError as e: print('ValueError:', e)
            loop = asyncio.get_running_loop()
            print(await loop.run_in_executor(None, lambda x: x * 3, 14))
            print(await asyncio.to_thread(lambda a, b=1: a + b, 1, b=41), threading.current_thread().name)
        asyncio.run(main())
        """, swift: """
        let asyncio = try imp("asyncio"), threading = try imp("threading")
        let producer = adef("producer", ["q", "n"]) { a, co in
            let it = try Py.range(a[1]).iterate()
            while let i = try it.next() { _ = try co.await(try a[0].put(i)); try pr("put", i) }
            _ = try co.await(try a[0].put(PyObject.none))
            return .none
        }
        let consumer = adef("consumer", ["q", "name"]) { a, co in
            let got: PyObject = []
            while true {
                let item = try co.await(try a[0].get())
                if item.isIdentical(to: .none) { break }
                _ = try got.append(item); _ = try a[0].task_done(); _ = try co.await(try asyncio.sleep(0))
            }
            _ = try a[0].task_done()
            return tup(a[1], got)
        }
        let main = adef("main") { _, co in
            let q = try kw(asyncio.Queue, [("maxsize", 2)])
            try pr(q, try q.maxsize, try q.empty())
            let results = try co.await(try asyncio.gather(try producer(q, 5), try consumer(q, "c")))
            try pr(try results.item(1), try q.qsize())
            do { _ = try q.get_nowait() } catch { try pr("QueueEmpty", PyObject(try PyException.caught(error).value.repr())) }
            _ = try q.put_nowait(1); _ = try q.put_nowait(2)
            do { _ = try q.put_nowait(3) } catch { try pr("QueueFull", PyObject(try q.str())) }
            _ = try q.task_done(); _ = try q.task_done()
            try catching { _ = try q.task_done() }
            let p = try asyncio.PriorityQueue()
            for item: PyObject in [3, 1, 2] { _ = try p.put_nowait(item) }
            try pr(.list(try (0..<3).map { _ in try p.get_nowait() }))
            let event = try asyncio.Event()
            let waiter = adef("waiter", ["n"]) { a, co in _ = try co.await(try event.wait()); try pr("woke", a[0]); return .none }
            let waiters = try (0..<3).map { try asyncio.create_task(try waiter(PyObject($0))) }
            _ = try co.await(try asyncio.sleep(0))
            try pr("setting", try event.is_set(), PyObject(try event.repr().components(separatedBy: "[")[1])); _ = try event.set()
            _ = try co.await(try asyncio.gather.call(waiters))
            let lock = try asyncio.Lock()
            let order: PyObject = []
            let guarded = adef("guarded", ["n"]) { a, co in
                _ = try co.await(try lock.__aenter__())
                _ = try order.append(tup("in", a[0]))
                _ = try co.await(try asyncio.sleep(0.01))
                _ = try order.append(tup("out", a[0]))
                _ = try co.await(try lock.__aexit__(PyObject.none, PyObject.none, PyObject.none))
                return .none
            }
            _ = try co.await(try asyncio.gather.call(try (0..<3).map { try guarded(PyObject($0)) }))
            try pr(order, try lock.locked(), PyObject(try lock.repr().components(separatedBy: "[")[1]))
            try catching { _ = try lock.release() }
            let sem = try asyncio.Semaphore(2)
            let active: PyObject = []
            let limited = adef("limited", ["n"]) { a, co in
                _ = try co.await(try sem.__aenter__())
                _ = try active.append(a[0])
                try pr("running", a[0], try Py.len(active))
                _ = try co.await(try asyncio.sleep(0.05))
                _ = try active.remove(a[0])
                _ = try co.await(try sem.__aexit__(PyObject.none, PyObject.none, PyObject.none))
                return .none
            }
            _ = try co.await(try asyncio.gather.call(try (0..<4).map { try limited(PyObject($0)) }))
            try pr(PyObject(try sem.repr().components(separatedBy: "[")[1]))
            let bounded = try asyncio.BoundedSemaphore(1)
            try catching { _ = try bounded.release() }
            let loop = try asyncio.get_running_loop()
            try pr(try co.await(try loop.run_in_executor(PyObject.none, def("<lambda>", ["x"]) { a in try a[0] * 3 }, 14)))
            let added = try co.await(try kw(asyncio.to_thread, [def("<lambda>", ["a", "b"], defaults: [1]) { a in try a[0] + a[1] }, 1], [("b", 41)]))
            try pr(added, try threading.current_thread().name)
            return .none
        }
        _ = try asyncio.run(try main())
        """),
    ConcurrencyCase(name: "event loop objects and conditions", python: """
        import asyncio
        async def work(n):
            await asyncio.sleep(0.01)
            return n * 2
        loop = asyncio.new_event_loop()
        print(loop.is_running(), loop.is_closed())
        print(loop.run_until_complete(work(21)))
        calls = []
        loop.call_soon(calls.append, 'soon')
        loop.call_later(0.02, calls.append, 'later')
        loop.call_later(0.02, loop.stop)
        loop.run_forever()
        print(calls)
        task = loop.create_task(work(5))
        print(loop.run_until_complete(task), task.done(), task.get_name().startswith('Task-'))
        loop.close(); print(loop.is_closed())
        try: loop.run_until_complete(work(1))
        except RuntimeError as e: print('RuntimeError:', e)
        async def main():
            cond = asyncio.Condition()
            ready = []
            async def waiter(n):
                async with cond:
                    await cond.wait_for(lambda: ready)
                    print('waiter', n, 'sees', ready)
            tasks = [asyncio.create_task(waiter(n)) for n in range(2)]
            await asyncio.sleep(0.01)
            async with cond:
                ready.append('go'); cond.notify_all()
            await asyncio.gather(*tasks)
            try: cond.notify()
            except RuntimeError as e: print('RuntimeError:', e)
            t = asyncio.create_task(work(1))
            t.set_name('renamed'); print(t.get_name(), await t)
            print(await asyncio.wait_for(work(4), None))
        asyncio.run(main())
        async def lingering():
            try: await asyncio.sleep(10)
            except asyncio.CancelledError:
                print('lingering cancelled at shutdown'); raise
        async def short():
            asyncio.create_task(lingering())
            await asyncio.sleep(0)
            print('short returns')
        asyncio.run(short())
        """, swift: """
        let asyncio = try imp("asyncio")
        let work = adef("work", ["n"]) { a, co in _ = try co.await(try asyncio.sleep(0.01)); return try a[0] * 2 }
        let loop = try asyncio.new_event_loop()
        try pr(try loop.is_running(), try loop.is_closed())
        try pr(try loop.run_until_complete(try work(21)))
        let calls: PyObject = []
        _ = try loop.call_soon(try calls.attribute("append"), "soon")
        _ = try loop.call_later(0.02, try calls.attribute("append"), "later")
        _ = try loop.call_later(0.02, try loop.attribute("stop"))
        _ = try loop.run_forever()
        try pr(calls)
        let task = try loop.create_task(try work(5))
        let value = try loop.run_until_complete(task)
        try pr(value, try task.done(), try task.get_name().callMethod("startswith", ["Task-"]))
        _ = try loop.close(); try pr(try loop.is_closed())
        try catching { _ = try loop.run_until_complete(try work(1)) }
        let main = adef("main") { _, co in
            let cond = try asyncio.Condition()
            let ready: PyObject = []
            let waiter = adef("waiter", ["n"]) { a, co in
                _ = try co.await(try cond.__aenter__())
                _ = try co.await(try cond.wait_for(def("<lambda>") { _ in ready }))
                try pr("waiter", a[0], "sees", ready)
                _ = try co.await(try cond.__aexit__(PyObject.none, PyObject.none, PyObject.none))
                return .none
            }
            let tasks = try (0..<2).map { try asyncio.create_task(try waiter(PyObject($0))) }
            _ = try co.await(try asyncio.sleep(0.01))
            _ = try co.await(try cond.__aenter__())
            _ = try ready.append("go"); _ = try cond.notify_all()
            _ = try co.await(try cond.__aexit__(PyObject.none, PyObject.none, PyObject.none))
            _ = try co.await(try asyncio.gather.call(tasks))
            try catching { _ = try cond.notify() }
            let t = try asyncio.create_task(try work(1))
            _ = try t.set_name("renamed")
            try pr(try t.get_name(), try co.await(t))
            try pr(try co.await(try asyncio.wait_for(try work(4), PyObject.none)))
            return .none
        }
        _ = try asyncio.run(try main())
        let lingering = adef("lingering") { _, co in
            do { _ = try co.await(try asyncio.sleep(10)) } catch {
                let e = PyException.caught(error)
                if try e.matches(try asyncio.CancelledError) { try pr("lingering cancelled at shutdown") }
                throw e
            }
            return .none
        }
        let short = adef("short") { _, co in
            _ = try asyncio.create_task(try lingering())
            _ = try co.await(try asyncio.sleep(0))
            try pr("short returns")
            return .none
        }
        _ = try asyncio.run(try short())
        """),
]
