/// `concurrent.futures` and `multiprocessing`: results, orders, worker names, reprs and errors.
let poolCases: [ConcurrencyCase] = [
    ConcurrencyCase(name: "thread pool results, names and errors", python: """
        import concurrent.futures as cf, threading, time
        def square(n):
            return n * n, threading.current_thread().name[-1]
        with cf.ThreadPoolExecutor(max_workers=2) as ex:
            print(ex._max_workers, sorted(f.result()[0] for f in [ex.submit(square, n) for n in range(5)]))
            print(list(ex.map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
        print(threading.current_thread().name)
        def boom(n):
            raise ValueError(f'bad {n}')
        with cf.ThreadPoolExecutor() as ex:
            f = ex.submit(boom, 3)
            try: f.result()
            except ValueError as e: print('ValueError:', e)
            print(repr(f.exception()), f.done(), f.cancelled(), f.running(), repr(f).split('state=')[1])
            it = ex.map(boom, [1, 2])
            try: next(it)
            except ValueError as e: print('from map:', e)
        try: ex.submit(print)
        except RuntimeError as e: print('RuntimeError:', e)
        try: cf.ThreadPoolExecutor(max_workers=0)
        except ValueError as e: print('ValueError:', e)
        print(cf.ThreadPoolExecutor()._max_workers == min(32, __import__('os').cpu_count() + 4))
        named = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix='crawler')
        print(named.submit(lambda: threading.current_thread().name).result()); named.shutdown()
        print(cf.TimeoutError is TimeoutError, cf.CancelledError.__module__, cf.FIRST_COMPLETED, cf.ALL_COMPLETED)
        """, swift: """
        let cf = try imp("concurrent.futures"), threading = try imp("threading")
        let square = def("square", ["n"]) { a in
            tup(try a[0] * a[0], try threading.current_thread().name.item(-1))
        }
        let ex = try kw(cf.ThreadPoolExecutor, [("max_workers", 2)])
        _ = try ex.__enter__()
        let fs = try (0..<5).map { try ex.submit(square, PyObject($0)) }
        try pr(try ex._max_workers, try sorted(.list(try fs.map { try $0.result().item(0) })))
        let add = def("<lambda>", ["a", "b"]) { a in try a[0] + a[1] }
        var sums: [PyObject] = []
        let mapped = try ex.map(add, [1, 2, 3], [10, 20]).iterate()
        while let value = try mapped.next() { sums.append(value) }
        try pr(.list(sums))
        _ = try ex.__exit__(PyObject.none, PyObject.none, PyObject.none)
        try pr(try threading.current_thread().name)
        let boom = def("boom", ["n"]) { a in throw try PyException(raising: try Py.ValueError(PyObject("bad \\(try a[0].str())"))) }
        let ex2 = try cf.ThreadPoolExecutor()
        _ = try ex2.__enter__()
        let f = try ex2.submit(boom, 3)
        try catching { _ = try f.result() }
        try pr(PyObject(try f.exception().repr()), try f.done(), try f.cancelled(), try f.running(),
               PyObject(try f.repr().components(separatedBy: "state=")[1]))
        let it = try ex2.map(boom, [1, 2])
        do { _ = try Py.next(it) } catch { try pr("from map:", PyException.caught(error).value) }
        _ = try ex2.__exit__(PyObject.none, PyObject.none, PyObject.none)
        try catching { _ = try ex2.submit(Py.print) }
        try catching { _ = try kw(cf.ThreadPoolExecutor, [("max_workers", 0)]) }
        try pr(PyObject(try cf.ThreadPoolExecutor()._max_workers == PyObject(min(32, OS.cpuCount() + 4))))
        let named = try kw(cf.ThreadPoolExecutor, [("max_workers", 1), ("thread_name_prefix", "crawler")])
        try pr(try named.submit(def("<lambda>") { _ in try threading.current_thread().name }).result()); _ = try named.shutdown()
        try pr(PyObject(try cf.TimeoutError.isIdentical(to: Py.TimeoutError)), try cf.CancelledError.attribute("__module__"),
               try cf.FIRST_COMPLETED, try cf.ALL_COMPLETED)
        """),
    ConcurrencyCase(name: "futures: as_completed, wait, callbacks, cancel, timeouts", python: """
        import concurrent.futures as cf, time
        def nap(s):
            time.sleep(s)
            return s
        with cf.ThreadPoolExecutor(max_workers=3) as ex:
            fs = [ex.submit(nap, s) for s in (0.6, 0.2, 0.4)]
            print([f.result() for f in cf.as_completed(fs)])
            fs = [ex.submit(nap, s) for s in (0.6, 0.05)]
            done, pending = cf.wait(fs, return_when=cf.FIRST_COMPLETED)
            print(len(done), len(pending), [f.result() for f in done])
            done, pending = cf.wait(fs)
            print(len(done), len(pending))
            slow = ex.submit(nap, 0.5)
            try: slow.result(timeout=0.05)
            except TimeoutError: print('result timed out')
            try:
                for f in cf.as_completed([ex.submit(nap, 0.5), ex.submit(nap, 0.5)], timeout=0.05): pass
            except TimeoutError as e: print('TimeoutError:', e)
            calls = []
            f = ex.submit(nap, 0.05)
            f.add_done_callback(lambda fut: calls.append(('first', fut.result())))
            f.add_done_callback(lambda fut: calls.append(('second', fut is f)))
            f.result(); time.sleep(0.1)
            print(calls)
            f.add_done_callback(lambda fut: calls.append('at once'))
            print(calls[-1])
            print(list(ex.map(nap, [0.3, 0.1, 0.2])))
        with cf.ThreadPoolExecutor(max_workers=1) as one:
            first = one.submit(nap, 0.3)
            time.sleep(0.05)
            queued = one.submit(nap, 0.1)
            print(queued.cancel(), queued.cancelled(), queued.done(), repr(queued).split('state=')[1], first.cancel())
            try: queued.result()
            except cf.CancelledError as e: print('CancelledError', repr(e))
        f = cf.Future(); print(repr(f).split('state=')[1])
        f.set_result([1]); print(repr(f).split('state=')[1], f.result())
        """, swift: """
        let cf = try imp("concurrent.futures"), time = try imp("time")
        let nap = def("nap", ["s"]) { a in _ = try time.sleep(a[0]); return a[0] }
        let ex = try kw(cf.ThreadPoolExecutor, [("max_workers", 3)])
        var fs = try [0.6, 0.2, 0.4].map { try ex.submit(nap, PyObject($0)) }
        var order: [PyObject] = []
        let completed = try cf.as_completed(PyObject.list(fs)).iterate()
        while let f = try completed.next() { order.append(try f.result()) }
        try pr(.list(order))
        fs = try [0.6, 0.05].map { try ex.submit(nap, PyObject($0)) }
        var (done, pending) = try kw(cf.wait, [.list(fs)], [("return_when", try cf.FIRST_COMPLETED)]).unpack2()
        try pr(try Py.len(done), try Py.len(pending), .list(try done.unpackedArguments().map { try $0.result() }))
        (done, pending) = try cf.wait(PyObject.list(fs)).unpack2()
        try pr(try Py.len(done), try Py.len(pending))
        let slow = try ex.submit(nap, 0.5)
        do { _ = try kw(slow.result, [("timeout", 0.05)]) } catch { try pr("result timed out") }
        do {
            let late = try kw(cf.as_completed, [.list([try ex.submit(nap, 0.5), try ex.submit(nap, 0.5)])], [("timeout", 0.05)]).iterate()
            while try late.next() != nil {}
        } catch { try pr("TimeoutError:", PyException.caught(error).value) }
        let calls: PyObject = []
        let f = try ex.submit(nap, 0.05)
        _ = try f.add_done_callback(def("<lambda>", ["fut"]) { a in try calls.append(tup("first", try a[0].result())) })
        _ = try f.add_done_callback(def("<lambda>", ["fut"]) { a in try calls.append(tup("second", PyObject(a[0].isIdentical(to: f)))) })
        _ = try f.result(); _ = try time.sleep(0.1)
        try pr(calls)
        _ = try f.add_done_callback(def("<lambda>", ["fut"]) { _ in try calls.append("at once") })
        try pr(try calls.item(-1))
        var naps: [PyObject] = []
        let mapped = try ex.map(nap, [0.3, 0.1, 0.2]).iterate()
        while let value = try mapped.next() { naps.append(value) }
        try pr(.list(naps))
        _ = try ex.shutdown()
        let one = try kw(cf.ThreadPoolExecutor, [("max_workers", 1)])
        let first = try one.submit(nap, 0.3)
        _ = try time.sleep(0.05)
        let queued = try one.submit(nap, 0.1)
        try pr(try queued.cancel(), try queued.cancelled(), try queued.done(), PyObject(try queued.repr().components(separatedBy: "state=")[1]),
               try first.cancel())
        do { _ = try queued.result() } catch { try pr("CancelledError", PyObject(try PyException.caught(error).value.repr())) }
        _ = try one.shutdown()
        let future = try cf.Future(); try pr(PyObject(try future.repr().components(separatedBy: "state=")[1]))
        _ = try future.set_result([1]); try pr(PyObject(try future.repr().components(separatedBy: "state=")[1]), try future.result())
        """),
    ConcurrencyCase(name: "multiprocessing", python: """
        import multiprocessing as mp, os
        def square(n):
            return n * n
        def add(a, b):
            return a + b
        if __name__ == '__main__':
            print(mp.current_process().name, mp.cpu_count() == os.cpu_count(), mp.parent_process())
            with mp.Pool(2) as pool:
                print(pool.map(square, range(6)), pool.starmap(add, [(1, 2), (3, 4)]), pool.apply(add, (5, 6)))
                r = pool.apply_async(square, (7,))
                print(r.get(timeout=5), r.ready(), r.successful())
                print(sorted(pool.imap_unordered(square, [1, 2, 3])), list(pool.imap(square, [4, 5])))
                print(repr(pool).split()[1])
            p = mp.Pool(1); p.close()
            try: p.map(square, [1])
            except ValueError as e: print('ValueError:', e)
            p.join()
            q = mp.Pool(1)
            try: q.join()
            except ValueError as e: print('ValueError:', e)
            q.terminate()
            try: mp.Pool(0)
            except ValueError as e: print('ValueError:', e)
            results = mp.Queue()
            def produce(n):
                results.put(n * 10)
            procs = [mp.Process(target=produce, args=(n,)) for n in range(3)]
            print([p.is_alive() for p in procs], [p.exitcode for p in procs], procs[0].name.startswith('Process-'))
            for p in procs: p.start()
            for p in procs: p.join()
            print(sorted(results.get() for _ in range(3)), [p.exitcode for p in procs], [p.is_alive() for p in procs])
            counter = mp.Value('i', 0)
            arr = mp.Array('d', [1.0, 2.0, 3.0])
            def bump():
                with counter.get_lock():
                    counter.value += 1
                arr[0] = arr[0] + 1
            workers = [mp.Process(target=bump) for _ in range(4)]
            for w in workers: w.start()
            for w in workers: w.join()
            print(counter.value, arr[:], len(arr), counter, mp.Value('d', 2))
            try: counter.value = 1.5
            except TypeError as e: print('TypeError:', e)
            with mp.Manager() as manager:
                shared = manager.list([1, 2])
                shared.append(3)
                table = manager.dict(a=1)
                ns = manager.Namespace(total=5, name='x')
                print(list(shared), dict(table), ns)
        """, swift: """
        let mp = try imp("multiprocessing")
        let square = def("square", ["n"]) { a in try a[0] * a[0] }
        let add = def("add", ["a", "b"]) { a in try a[0] + a[1] }
        try pr(try mp.current_process().name, PyObject(try mp.cpu_count() == PyObject(OS.cpuCount())), try mp.parent_process())
        let pool = try mp.Pool(2)
        _ = try pool.__enter__()
        try pr(try pool.map(square, try Py.range(6)), try pool.starmap(add, [tup(1, 2), tup(3, 4)]), try pool.apply(add, tup(5, 6)))
        let r = try pool.apply_async(square, tup(7))
        let got = try kw(r.get, [("timeout", 5)])
        try pr(got, try r.ready(), try r.successful())
        var unordered: [PyObject] = []
        let u = try pool.imap_unordered(square, [1, 2, 3]).iterate()
        while let value = try u.next() { unordered.append(value) }
        var ordered: [PyObject] = []
        let o = try pool.imap(square, [4, 5]).iterate()
        while let value = try o.next() { ordered.append(value) }
        try pr(try sorted(.list(unordered)), .list(ordered))
        try pr(PyObject(String(try pool.repr().split(separator: " ")[1])))
        _ = try pool.__exit__(PyObject.none, PyObject.none, PyObject.none)
        let p = try mp.Pool(1); _ = try p.close()
        try catching { _ = try p.map(square, [1]) }
        _ = try p.join()
        let q = try mp.Pool(1)
        try catching { _ = try q.join() }
        _ = try q.terminate()
        try catching { _ = try mp.Pool(0) }
        let results = try mp.Queue()
        let produce = def("produce", ["n"]) { a in try results.put(try a[0] * 10) }
        let procs = try (0..<3).map { try kw(mp.Process, [("target", produce), ("args", tup(PyObject($0)))]) }
        try pr(.list(try procs.map { try $0.is_alive() }), .list(try procs.map { try $0.exitcode }),
               try procs[0].name.callMethod("startswith", ["Process-"]))
        for p in procs { _ = try p.start() }
        for p in procs { _ = try p.join() }
        let collected = PyObject.list(try (0..<3).map { _ in try results.get() })
        try pr(try sorted(collected), .list(try procs.map { try $0.exitcode }), .list(try procs.map { try $0.is_alive() }))
        let counter = try mp.Value("i", 0)
        let arr = try mp.Array("d", [1.0, 2.0, 3.0])
        let bump = def("bump") { _ in
            let lock = try counter.get_lock()
            _ = try lock.__enter__()
            try counter.setAttribute("value", try counter.value + 1)
            _ = try lock.__exit__(PyObject.none, PyObject.none, PyObject.none)
            try arr.setItem(0, try arr.item(0) + 1)
            return .none
        }
        let workers = try (0..<4).map { _ in try kw(mp.Process, [("target", bump)]) }
        for w in workers { _ = try w.start() }
        for w in workers { _ = try w.join() }
        try pr(try counter.value, try arr.item(.slice(nil, nil)), try Py.len(arr), counter, try mp.Value("d", 2))
        try catching { try counter.setAttribute("value", 1.5) }
        let manager = try mp.Manager()
        _ = try manager.__enter__()
        let shared = try manager.list([1, 2])
        _ = try shared.append(3)
        let table = try kw(manager.dict, [("a", 1)])
        let ns = try kw(manager.Namespace, [("total", 5), ("name", "x")])
        try pr(try Py.list(shared), try Py.dict(table), ns)
        _ = try manager.__exit__(PyObject.none, PyObject.none, PyObject.none)
        """),
    ConcurrencyCase(name: "process pool executor and exceptions in threads", python: """
        import concurrent.futures as cf, threading, multiprocessing as mp
        def cube(n):
            return n ** 3
        def whoami(_):
            return mp.current_process().name.startswith('ForkProcess-')
        with cf.ProcessPoolExecutor(max_workers=2) as ex:
            print(list(ex.map(cube, range(5))), ex.submit(cube, 7).result(), all(ex.map(whoami, range(4))))
        try: cf.ProcessPoolExecutor(max_workers=0)
        except ValueError as e: print('ValueError:', e)
        def explode():
            raise ValueError('thread exploded')
        t = threading.Thread(target=explode, name='exploder'); t.start(); t.join()
        print('main goes on', t.is_alive())
        """, swift: """
        let cf = try imp("concurrent.futures"), threading = try imp("threading"), mp = try imp("multiprocessing")
        let cube = def("cube", ["n"]) { a in try a[0] ** 3 }
        let whoami = def("whoami", ["_"]) { _ in try mp.current_process().name.callMethod("startswith", ["ForkProcess-"]) }
        let ex = try kw(cf.ProcessPoolExecutor, [("max_workers", 2)])
        _ = try ex.__enter__()
        try pr(try Py.list(try ex.map(cube, try Py.range(5))), try ex.submit(cube, 7).result(), try Py.all(try ex.map(whoami, try Py.range(4))))
        _ = try ex.__exit__(PyObject.none, PyObject.none, PyObject.none)
        try catching { _ = try kw(cf.ProcessPoolExecutor, [("max_workers", 0)]) }
        let explode = def("explode") { _ in throw try PyException(raising: try Py.ValueError("thread exploded")) }
        let t = try kw(threading.Thread, [("target", explode), ("name", "exploder")]); _ = try t.start(); _ = try t.join()
        try pr("main goes on", try t.is_alive())
        """),
]
