/// One snippet twice: as a note writes it in Python, and as the dynamic lowering would carry it
/// (written here by hand over the same `PyObject` API). Its output must be CPython's, line for
/// line, once addresses and thread idents are masked.
struct ConcurrencyCase {
    var name: String
    var python: String
    var swift: String
}

/// `time`, `threading` and `queue`: messages, reprs, exception texts, and orders that do not
/// depend on timing (or depend only on sleeps at least 0.2 s apart).
let threadingCases: [ConcurrencyCase] = [
    ConcurrencyCase(name: "thread reprs and names", python: """
        import threading
        def worker(n):
            print('working', n, threading.current_thread().name)
        t = threading.Thread(target=worker, args=(1,))
        print(t)
        print(t.name, t.daemon, t.ident, t.is_alive())
        t.start(); t.join()
        print(t)
        print(t.is_alive(), t.ident == t.native_id, type(t.ident).__name__)
        n = threading.Thread(target=worker, args=(2,), name='named', daemon=True)
        print(n)
        n.start(); n.join()
        print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
        print(threading.Thread(target=len).name.startswith('Thread-'))
        """, swift: """
        let threading = try imp("threading")
        let worker = def("worker", ["n"]) { a in
            try pr("working", a[0], try threading.current_thread().name); return .none
        }
        let t = try kw(threading.Thread, [("target", worker), ("args", tup(1))])
        try pr(t)
        try pr(try t.name, try t.daemon, try t.ident, try t.is_alive())
        _ = try t.start(); _ = try t.join()
        try pr(t)
        try pr(try t.is_alive(), PyObject(try t.ident == t.native_id), try Py.type(try t.ident).attribute("__name__"))
        let n = try kw(threading.Thread, [("target", worker), ("args", tup(2)), ("name", "named"), ("daemon", true)])
        try pr(n)
        _ = try n.start(); _ = try n.join()
        try pr(try threading.current_thread().name, PyObject(try threading.main_thread().isIdentical(to: threading.current_thread())))
        try pr(try kw(threading.Thread, [("target", Py.len)]).name.callMethod("startswith", ["Thread-"]))
        """),
    ConcurrencyCase(name: "thread errors", python: """
        import threading
        t = threading.Thread(target=print)
        try: t.join()
        except RuntimeError as e: print('RuntimeError:', e)
        t.start(); t.join()
        try: t.start()
        except RuntimeError as e: print('RuntimeError:', e)
        try: t.daemon = True
        except RuntimeError as e: print('RuntimeError:', e)
        def join_self():
            try: threading.current_thread().join()
            except RuntimeError as e: print('RuntimeError:', e)
        s = threading.Thread(target=join_self); s.start(); s.join()
        try: threading.current_thread().join()
        except RuntimeError as e: print('RuntimeError:', e)
        try: threading.Thread(group=1)
        except AssertionError as e: print('AssertionError:', e)
        """, swift: """
        let threading = try imp("threading")
        let t = try kw(threading.Thread, [("target", Py.print)])
        try catching { _ = try t.join() }
        _ = try t.start(); _ = try t.join()
        try catching { _ = try t.start() }
        try catching { try t.setAttribute("daemon", true) }
        let joinSelf = def("join_self") { _ in try catching { _ = try threading.current_thread().join() }; return .none }
        let s = try kw(threading.Thread, [("target", joinSelf)]); _ = try s.start(); _ = try s.join()
        try catching { _ = try threading.current_thread().join() }
        try catching { _ = try kw(threading.Thread, [("group", 1)]) }
        """),
    ConcurrencyCase(name: "thread subclass with run, args and kwargs", python: """
        import threading
        class Counter(threading.Thread):
            def __init__(self, n):
                super().__init__()
                self.n = n
                self.total = 0
            def run(self):
                for i in range(self.n):
                    self.total += i
        workers = [Counter(n) for n in (3, 5, 10)]
        for w in workers: w.start()
        for w in workers: w.join()
        print([w.total for w in workers], [type(w).__name__ for w in workers])
        print(repr(workers[0]).split(',')[1].strip().split()[0])
        class Keep(threading.Thread):
            def run(self):
                self.result = self._target(*self._args, **self._kwargs)
        k = Keep(target=lambda a, b=0: a * 10 + b, args=(4,), kwargs={'b': 2})
        k.start(); k.join(); print(k.result)
        """, swift: """
        let threading = try imp("threading")
        var counter: PyObject = .none
        counter = try PyObject.makeClass("Counter", bases: [threading.Thread]) { ns in
            ns["__init__"] = def("__init__", ["self", "n"]) { a in
                _ = try Py.superOf(counter, a[0]).callMethod("__init__", [])
                try a[0].setAttribute("n", a[1]); try a[0].setAttribute("total", 0); return .none
            }
            ns["run"] = def("run", ["self"]) { a in
                let it = try Py.range(try a[0].n).iterate()
                while let i = try it.next() { try a[0].setAttribute("total", try a[0].total + i) }
                return .none
            }
        }
        let workers = try [3, 5, 10].map { try counter(PyObject($0)) }
        for w in workers { _ = try w.start() }
        for w in workers { _ = try w.join() }
        try pr(.list(try workers.map { try $0.total }), .list(try workers.map { try Py.type($0).attribute("__name__") }))
        try pr(PyObject(String(try workers[0].repr().split(separator: ",")[1].trimmingCharacters(in: .whitespaces).split(separator: " ")[0])))
        let keep = try PyObject.makeClass("Keep", bases: [threading.Thread]) { ns in
            ns["run"] = def("run", ["self"]) { a in
                try a[0].setAttribute("result", try a[0].attribute("_target").call(try a[0].attribute("_args").unpackedArguments(),
                                                                                 keywords: try a[0].attribute("_kwargs").unpackedKeywords()))
                return .none
            }
        }
        let f = def("<lambda>", ["a", "b"], defaults: [0]) { a in try a[0] * 10 + a[1] }
        let k = try kw(keep, [("target", f), ("args", tup(4)), ("kwargs", ["b": 2])])
        _ = try k.start(); _ = try k.join(); try pr(try k.result)
        """),
    ConcurrencyCase(name: "locks", python: """
        import threading
        lock = threading.Lock()
        print(repr(lock).split(' object')[0], lock.locked())
        print(lock.acquire(), lock.acquire(False), lock.acquire(timeout=0.05), lock.locked())
        print(repr(lock).split(' object')[0])
        lock.release()
        try: lock.release()
        except RuntimeError as e: print('RuntimeError:', e)
        try: lock.acquire(False, 1)
        except ValueError as e: print('ValueError:', e)
        try: lock.acquire(timeout=-2)
        except ValueError as e: print('ValueError:', e)
        with lock: print('inside', lock.locked())
        print('after', lock.locked())
        r = threading.RLock()
        print(r.acquire(), r.acquire(), repr(r).split(' owner')[0], repr(r).split('count=')[1].split()[0])
        r.release(); r.release()
        print(repr(r).split(' at')[0])
        try: r.release()
        except RuntimeError as e: print('RuntimeError:', e)
        """, swift: """
        let threading = try imp("threading")
        let lock = try threading.Lock()
        try pr(PyObject(String(try lock.repr().components(separatedBy: " object")[0])), try lock.locked())
        try pr(try lock.acquire(), try lock.acquire(false), try kw(lock.acquire, [("timeout", 0.05)]), try lock.locked())
        try pr(PyObject(String(try lock.repr().components(separatedBy: " object")[0])))
        _ = try lock.release()
        try catching { _ = try lock.release() }
        try catching { _ = try lock.acquire(false, 1) }
        try catching { _ = try kw(lock.acquire, [("timeout", -2)]) }
        _ = try lock.__enter__(); try pr("inside", try lock.locked()); _ = try lock.__exit__(PyObject.none, PyObject.none, PyObject.none)
        try pr("after", try lock.locked())
        let r = try threading.RLock()
        let a1 = try r.acquire(), a2 = try r.acquire()
        try pr(a1, a2, PyObject(try r.repr().components(separatedBy: " owner")[0]),
               PyObject(String(try r.repr().components(separatedBy: "count=")[1].split(separator: " ")[0])))
        _ = try r.release(); _ = try r.release()
        try pr(PyObject(try r.repr().components(separatedBy: " at")[0]))
        try catching { _ = try r.release() }
        """),
    ConcurrencyCase(name: "condition, semaphores, event", python: """
        import threading
        c = threading.Condition()
        print(repr(c).split(' object')[0].replace('<Condition(<', ''))
        try: c.wait()
        except RuntimeError as e: print('RuntimeError:', e)
        try: c.notify()
        except RuntimeError as e: print('RuntimeError:', e)
        with c: print(c.wait(0.05), c.wait_for(lambda: 42, 0.05))
        items = []
        def consume():
            with c:
                c.wait_for(lambda: items)
                print('got', items.pop())
        t = threading.Thread(target=consume); t.start()
        with c:
            items.append('apple'); c.notify_all()
        t.join()
        s = threading.Semaphore(2)
        print(repr(s).split(': ')[1], s.acquire(), s.acquire(), s.acquire(blocking=False), repr(s).split(': ')[1])
        s.release(2); print(s._value)
        for args in [(-1,)]:
            try: threading.Semaphore(*args)
            except ValueError as e: print('ValueError:', e)
        try: s.release(0)
        except ValueError as e: print('ValueError:', e)
        try: s.acquire(False, 1)
        except ValueError as e: print('ValueError:', e)
        b = threading.BoundedSemaphore(1)
        print(repr(b).split(': ')[1]); b.acquire(); print(repr(b).split(': ')[1]); b.release()
        try: b.release()
        except ValueError as e: print('ValueError:', e)
        with b: print('bounded', repr(b).split(': ')[1])
        e = threading.Event()
        print(repr(e).split(': ')[1], e.is_set(), e.wait(0.05))
        threading.Timer(0.05, e.set).start()
        print(e.wait(5), repr(e).split(': ')[1]); e.clear(); print(e.is_set())
        """, swift: """
        let threading = try imp("threading")
        let c = try threading.Condition()
        try pr(PyObject(try c.repr().components(separatedBy: " object")[0].replacingOccurrences(of: "<Condition(<", with: "")))
        try catching { _ = try c.wait() }
        try catching { _ = try c.notify() }
        _ = try c.__enter__()
        try pr(try c.wait(0.05), try c.wait_for(def("<lambda>") { _ in 42 }, 0.05))
        _ = try c.__exit__(PyObject.none, PyObject.none, PyObject.none)
        let items: PyObject = []
        let consume = def("consume") { _ in
            _ = try c.__enter__()
            _ = try c.wait_for(def("<lambda>") { _ in items })
            try pr("got", try items.pop())
            _ = try c.__exit__(PyObject.none, PyObject.none, PyObject.none)
            return .none
        }
        let t = try kw(threading.Thread, [("target", consume)]); _ = try t.start()
        _ = try c.__enter__(); _ = try items.append("apple"); _ = try c.notify_all(); _ = try c.__exit__(PyObject.none, PyObject.none, PyObject.none)
        _ = try t.join()
        let sem = try threading.Semaphore(2)
        func value(_ x: PyObject) throws -> PyObject { PyObject(try x.repr().components(separatedBy: ": ")[1]) }
        let before = try value(sem)
        try pr(before, try sem.acquire(), try sem.acquire(), try kw(sem.acquire, [("blocking", false)]), try value(sem))
        _ = try sem.release(2); try pr(try sem._value)
        try catching { _ = try threading.Semaphore(-1) }
        try catching { _ = try sem.release(0) }
        try catching { _ = try sem.acquire(false, 1) }
        let b = try threading.BoundedSemaphore(1)
        try pr(try value(b)); _ = try b.acquire(); try pr(try value(b)); _ = try b.release()
        try catching { _ = try b.release() }
        _ = try b.__enter__(); try pr("bounded", try value(b)); _ = try b.__exit__(PyObject.none, PyObject.none, PyObject.none)
        let e = try threading.Event()
        try pr(try value(e), try e.is_set(), try e.wait(0.05))
        _ = try threading.Timer(0.05, try e.attribute("set")).start()
        let waited = try e.wait(5)
        try pr(waited, try value(e)); _ = try e.clear(); try pr(try e.is_set())
        """),
    ConcurrencyCase(name: "barrier, local, timer cancel, enumerate", python: """
        import threading, time
        order = []
        b = threading.Barrier(3, action=lambda: order.append('action'))
        print(b.parties, b.n_waiting, b.broken, repr(b).split(': ')[1])
        def arrive(i):
            order.append(b.wait() in range(3))
        ts = [threading.Thread(target=arrive, args=(i,)) for i in range(3)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(order)
        b.abort(); print(b.broken, repr(b).split(': ')[1])
        try: b.wait()
        except threading.BrokenBarrierError as e: print('BrokenBarrierError:', repr(e))
        try: threading.Barrier(2).wait(timeout=0.05)
        except threading.BrokenBarrierError: print('timed out')
        data = threading.local()
        data.x = 'main'
        def show(v):
            print(hasattr(data, 'x')); data.x = v; print(data.x)
        t = threading.Thread(target=show, args=('thread',)); t.start(); t.join()
        print(data.x)
        fired = []
        tm = threading.Timer(0.2, fired.append, args=('fired',)); tm.start(); tm.cancel(); tm.join()
        tm2 = threading.Timer(0.01, fired.append, args=('second',)); tm2.start(); tm2.join()
        print(fired, tm.name.startswith('Thread-'), type(tm).__name__, isinstance(tm, threading.Thread))
        gate = threading.Event()
        w = threading.Thread(target=gate.wait, name='waiter'); w.start()
        print(sorted(t.name for t in threading.enumerate()), threading.active_count())
        gate.set(); w.join()
        print([t.name for t in threading.enumerate()], threading.active_count())
        print(threading.get_ident() == threading.main_thread().ident, threading.get_native_id() > 0)
        """, swift: """
        let threading = try imp("threading")
        let order: PyObject = []
        let b = try kw(threading.Barrier, [3], [("action", def("<lambda>") { _ in try order.append("action") })])
        try pr(try b.parties, try b.n_waiting, try b.broken, PyObject(try b.repr().components(separatedBy: ": ")[1]))
        let arrive = def("arrive", ["i"]) { _ in _ = try order.append(try Py.range(3).contains(try b.wait()) ? true : false); return .none }
        let ts = try (0..<3).map { try kw(threading.Thread, [("target", arrive), ("args", tup(PyObject($0)))]) }
        for t in ts { _ = try t.start() }
        for t in ts { _ = try t.join() }
        try pr(order)
        _ = try b.abort(); try pr(try b.broken, PyObject(try b.repr().components(separatedBy: ": ")[1]))
        do { _ = try b.wait() } catch { let e = PyException.caught(error); try pr("BrokenBarrierError:", PyObject(try e.value.repr())) }
        do { _ = try kw(try threading.Barrier(2).attribute("wait"), [("timeout", 0.05)]) } catch { try pr("timed out") }
        let data = try threading.local()
        try data.setAttribute("x", "main")
        let show = def("show", ["v"]) { a in
            try pr(try Py.hasattr(data, "x")); try data.setAttribute("x", a[0]); try pr(try data.x); return .none
        }
        let t = try kw(threading.Thread, [("target", show), ("args", tup("thread"))]); _ = try t.start(); _ = try t.join()
        try pr(try data.x)
        let fired: PyObject = []
        let tm = try kw(threading.Timer, [0.2, try fired.attribute("append")], [("args", tup("fired"))])
        _ = try tm.start(); _ = try tm.cancel(); _ = try tm.join()
        let tm2 = try kw(threading.Timer, [0.01, try fired.attribute("append")], [("args", tup("second"))])
        _ = try tm2.start(); _ = try tm2.join()
        try pr(fired, try tm.name.callMethod("startswith", ["Thread-"]), try Py.type(tm).attribute("__name__"), try Py.isinstance(tm, threading.Thread))
        let gate = try threading.Event()
        let w = try kw(threading.Thread, [("target", try gate.attribute("wait")), ("name", "waiter")]); _ = try w.start()
        let names = PyObject.list(try threading.enumerate().unpackedArguments().map { try $0.name })
        try pr(try sorted(names), try threading.active_count())
        _ = try gate.set(); _ = try w.join()
        try pr(.list(try threading.enumerate().unpackedArguments().map { try $0.name }), try threading.active_count())
        try pr(PyObject(try threading.get_ident() == threading.main_thread().ident), PyObject(try threading.get_native_id() > 0))
        """),
    ConcurrencyCase(name: "queues", python: """
        import queue, threading
        for cls in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
            q = cls()
            for item in [(2, 'b'), (1, 'a'), (2, 'a'), (1, 'b'), (3, 'c'), (0, 'z'), (1, 'a')]: q.put(item)
            print(cls.__name__, q.qsize(), [q.get() for _ in range(q.qsize())], q.empty())
        print(queue.Empty, queue.Full, isinstance(queue.LifoQueue(), queue.Queue))
        q = queue.Queue(maxsize=2)
        q.put(1); q.put_nowait(2); print(q.full(), q.maxsize)
        try: q.put(3, timeout=0.05)
        except queue.Full as e: print('Full', repr(e))
        try: q.put_nowait(3)
        except queue.Full: print('Full again')
        print(q.get(), q.get_nowait())
        try: q.get_nowait()
        except queue.Empty as e: print('Empty', repr(e), type(e).__module__)
        try: q.get(timeout=-1)
        except ValueError as e: print('ValueError:', e)
        try: q.get(block=False, timeout=-1)
        except queue.Empty: print('non-blocking ignores timeout')
        try: q.task_done(); q.task_done(); q.task_done()
        except ValueError as e: print('ValueError:', e)
        p = queue.PriorityQueue()
        p.put(1)
        try: p.put('a')
        except TypeError as e: print('TypeError:', e)
        jobs = queue.Queue()
        done = []
        def worker():
            while True:
                item = jobs.get()
                if item is None:
                    jobs.task_done(); break
                done.append(item * 2); jobs.task_done()
        t = threading.Thread(target=worker); t.start()
        for i in range(5): jobs.put(i)
        jobs.put(None); jobs.join(); t.join()
        print(done, jobs.unfinished_tasks)
        sq = queue.SimpleQueue(); sq.put('x'); sq.put('y')
        print(sq.qsize(), sq.get(), sq.get_nowait(), sq.empty())
        try: sq.get(timeout=0.01)
        except queue.Empty: print('simple empty')
        """, swift: """
        let queue = try imp("queue"), threading = try imp("threading")
        for cls in [try queue.Queue, try queue.LifoQueue, try queue.PriorityQueue] {
            let q = try cls()
            for item in [tup(2, "b"), tup(1, "a"), tup(2, "a"), tup(1, "b"), tup(3, "c"), tup(0, "z"), tup(1, "a")] { _ = try q.put(item) }
            let size = try q.qsize()
            let got = PyObject.list(try (0..<size.toInt()).map { _ in try q.get() })
            try pr(try cls.attribute("__name__"), size, got, try q.empty())
        }
        try pr(try queue.Empty, try queue.Full, try Py.isinstance(try queue.LifoQueue(), try queue.Queue))
        let q = try kw(queue.Queue, [("maxsize", 2)])
        _ = try q.put(1); _ = try q.put_nowait(2); try pr(try q.full(), try q.maxsize)
        do { _ = try kw(q.put, [3], [("timeout", 0.05)]) } catch { try pr("Full", PyObject(try PyException.caught(error).value.repr())) }
        do { _ = try q.put_nowait(3) } catch { try pr("Full again") }
        let g1 = try q.get(), g2 = try q.get_nowait()
        try pr(g1, g2)
        do { _ = try q.get_nowait() } catch {
            let e = PyException.caught(error).value
            try pr("Empty", PyObject(try e.repr()), try Py.type(e).attribute("__module__"))
        }
        try catching { _ = try kw(q.get, [("timeout", -1)]) }
        do { _ = try kw(q.get, [("block", false), ("timeout", -1)]) } catch { try pr("non-blocking ignores timeout") }
        try catching { _ = try q.task_done(); _ = try q.task_done(); _ = try q.task_done() }
        let p = try queue.PriorityQueue()
        _ = try p.put(1)
        try catching { _ = try p.put("a") }
        let jobs = try queue.Queue()
        let done: PyObject = []
        let worker = def("worker") { _ in
            while true {
                let item = try jobs.get()
                if item.isIdentical(to: .none) { _ = try jobs.task_done(); break }
                _ = try done.append(try item * 2); _ = try jobs.task_done()
            }
            return .none
        }
        let t = try kw(threading.Thread, [("target", worker)]); _ = try t.start()
        for i in 0..<5 { _ = try jobs.put(PyObject(i)) }
        _ = try jobs.put(PyObject.none); _ = try jobs.join(); _ = try t.join()
        try pr(done, try jobs.unfinished_tasks)
        let sq = try queue.SimpleQueue(); _ = try sq.put("x"); _ = try sq.put("y")
        let size = try sq.qsize(), x = try sq.get(), y = try sq.get_nowait()
        try pr(size, x, y, try sq.empty())
        do { _ = try kw(sq.get, [("timeout", 0.01)]) } catch { try pr("simple empty") }
        """),
    ConcurrencyCase(name: "time", python: """
        import time
        print(time.gmtime(0)); print(time.gmtime(1_000_000_000.7))
        t = time.gmtime(1_700_000_000)
        print(t.tm_year, t[1], t[-1], len(t), list(t)[:3], t == time.gmtime(1_700_000_000), tuple(t)[6:])
        print(time.strftime('%Y-%m-%d %H:%M:%S %a %b %j', t), time.asctime(t), time.strftime('%%', t))
        print(time.asctime(time.gmtime(86400 * 40)))
        print(time.ctime(1_700_000_000) == time.asctime(time.localtime(1_700_000_000)))
        print(time.mktime(time.localtime(1_700_000_000)))
        print(type(time.time_ns()).__name__, type(time.perf_counter_ns()).__name__, type(time.monotonic()).__name__)
        start = time.perf_counter(); time.sleep(0.2); print(time.perf_counter() - start >= 0.19)
        for bad in [-1, 'a']:
            try: time.sleep(bad)
            except (ValueError, TypeError) as e: print(type(e).__name__ + ':', e)
        print(time.struct_time((2024, 1, 2, 3, 4, 5, 1, 2, 0)))
        print(time.process_time() >= 0, time.thread_time() >= 0, time.time() > 1.6e9)
        """, swift: """
        let time = try imp("time")
        try pr(try time.gmtime(0)); try pr(try time.gmtime(1_000_000_000.7))
        let t = try time.gmtime(1_700_000_000)
        try pr(try t.tm_year, try t.item(1), try t.item(-1), try Py.len(t), try Py.list(t).item(.slice(nil, 3)),
               PyObject(try t == time.gmtime(1_700_000_000)), try Py.tuple(t).item(.slice(6, nil)))
        try pr(try time.strftime("%Y-%m-%d %H:%M:%S %a %b %j", t), try time.asctime(t), try time.strftime("%%", t))
        try pr(try time.asctime(try time.gmtime(86400 * 40)))
        try pr(PyObject(try time.ctime(1_700_000_000) == time.asctime(try time.localtime(1_700_000_000))))
        try pr(try time.mktime(try time.localtime(1_700_000_000)))
        try pr(try Py.type(try time.time_ns()).attribute("__name__"), try Py.type(try time.perf_counter_ns()).attribute("__name__"),
               try Py.type(try time.monotonic()).attribute("__name__"))
        let start = try time.perf_counter(); _ = try time.sleep(0.2); try pr(PyObject(try time.perf_counter() - start >= 0.19))
        for bad: PyObject in [-1, "a"] { try catching { _ = try time.sleep(bad) } }
        try pr(try time.struct_time(tup(2024, 1, 2, 3, 4, 5, 1, 2, 0)))
        try pr(PyObject(try time.process_time() >= 0), PyObject(try time.thread_time() >= 0), PyObject(try time.time() > 1.6e9))
        """),
]
