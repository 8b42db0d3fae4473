/// # LoomSupport — what a translated note links for what Swift lacks of Python
///
/// A translated note is plain Swift (`import LoomSupport` and `import Foundation`); values keep
/// Swift's types (`int` → `Int`, `float` → `Double`, `str` → `String`, `list` → `[T]`, tuples →
/// tuples, `dict` → `PyDict<K, V>`, `set` → `Set<T>`, `None` → `nil` of an optional). This guide
/// lists, per Python construct, the Swift the translator emits.
///
/// ## Program shape (the run protocol)
/// Each snippet is a cell function at file scope; definitions live at file scope too.
///
///     func cell1() throws { … }
///     func cell2() throws { … }
///     @main struct Note { static func main() { runCells([cell1, cell2]) } }
///
/// `runCells` handles `--from K`, the cell markers, the trace (`LOOM_TRACE_FD`), the time scale
/// (`LOOM_TIME_SCALE`), the output cap (`LOOM_OUTPUT_CAP`), tracebacks of exceptions escaping a
/// cell, and waits for the cell's non-daemon threads before the cell ends.
///
/// ## Printing and formatting
/// | Python | Swift |
/// |---|---|
/// | `print(a, b, sep="-", end="", flush=True)` | `print(a, b, sep: "-", end: "", flush: true)` |
/// | `print(x, file=sys.stderr)` | `print(x, file: .stderr)` |
/// | `print()` | `print()` |
/// | `str(x)`, `repr(x)`, `format(x, ".2f")` | `str(x)`, `repr(x)`, `format(x, ".2f")` |
/// | `f"{x}"`, `f"{x:>8.2f}"`, `f"{x!r}"` | `"\(x)"`, `"\(x, format: ">8.2f")"`, `"\(repr: x)"` |
/// | `f"{x:{w}}"`, `f"{x=}"` | `"\(x, format: "\(w)")"`, `"x=\(repr: x)"` |
/// | `"%s is %d" % (name, age)` | `"%s is %d".percentFormat(name, age)` |
/// | `"%(n)s" % {"n": v}` | `"%(n)s".percentFormat(named: ["n": v])` |
/// | `"{} {:>5}".format(a, b)`, `"{name}".format(name=v)` | `"{} {:>5}".format(a, b)`, `"{name}".format(named: ["name": v])` |
/// | `print((1, "a"))`, `[(1, "a")]` | `print((1, "a"))`, `[PyTuple((1, "a"))]` |
/// | a list or dict of mixed types, `[1, 'a', None]` | `[PyAny]`: `let row: [PyAny] = [1, "a", nil]` |
/// | `s.split()`, `s.split(",", 1)`, `s.strip("x")` | `s.pythonSplit()`, `s.pythonSplit(",", maxsplit: 1)`, `s.strip("x")` |
/// | `s.center(9)`, `ljust`, `rjust`, `zfill`, `title`, `capitalize`, `count`, `s * 3` | same names |
/// | `s.upper()`, `s.lower()`, `s.startswith(p)`, `s.replace(a, b)`, `sep.join(xs)` | `s.uppercased()`, `s.lowercased()`, `s.hasPrefix(p)`, `s.replacingOccurrences(of: a, with: b)`, `xs.joined(separator: sep)` |
///
/// `print` here is an overload of Swift's: for arguments that are all `PythonPrintable` it is
/// more specific than `Swift.print(_: Any...)`, so overload resolution picks it with no
/// qualification (checked by compiling real programs). It prints `str()` of each argument,
/// writes unbuffered with one `write(2)`, and traces each line. Values that are not
/// `PythonPrintable` (a translated class that does not conform) fall back to `Swift.print`:
/// the translator makes its classes conform (`var pythonRepr: String`).
/// Interpolation follows the same rule: `"\(flag)"` shows `True`, `"\(maybe)"` shows `None`,
/// `"\(1e16)"` shows `1e+16`, `"\(["a"])"` shows `['a']`.
///
/// ## Numbers
/// | Python | Swift |
/// |---|---|
/// | `a // b`, `a % b`, `divmod(a, b)` (int or float) | `try floorDiv(a, b)`, `try mod(a, b)`, `try divmod(a, b)` |
/// | `a / b` (`b` not a literal) / `a / 2` | `try divide(a, b)` / `Double(a) / 2` |
/// | `n % 3 == 0` (a literal divisor) | `n.isMultiple(of: 3)` |
/// | `a ** b` (ints, b ≥ 0) / floats | `pow(a, b)` / `pow(a, b)` (Foundation) |
/// | `round(x)` | `Int(x.rounded(.toNearestOrEven))` |
/// | `round(x, 2)`, `round(n, -2)` | `round(x, 2)`, `round(n, -2)` |
/// | `abs`, `min`, `max` | Swift's `abs`, `min`, `max` |
/// | `sum(xs)`, `sum(xs, start)` | `sum(xs)`, `sum(xs, start: s)` |
/// | a value that is an int in one place and a float in another | `PyNumber` |
///
/// ## time, os, sys
/// | Python | Swift |
/// |---|---|
/// | `time.sleep(s)` | `sleep(s)` (traced, scaled; `Int`, `Double` or `PyNumber`) |
/// | `time.perf_counter()`, `time.monotonic()`, `time.time()` | `perfCounter()`, `monotonic()`, `time()` |
/// | `os.getpid()`, `os.cpu_count()` | `OS.getpid()`, `OS.cpuCount()` |
/// | `sys.exit(n)` / `sys.exit("msg")` | `throw SystemExit(n)` / `throw SystemExit("msg")` |
/// | `raise ValueError("m")` | `throw PythonError("ValueError", "m")` (or `.valueError("m")`) |
/// | `except ValueError as e:` | `catch let e as PythonError where e.type == "ValueError"` |
/// | `print(e)`, `repr(e)` | `print(e)`, `repr(e)` (`bad value`, `ValueError('bad value')`) |
/// | `int("42")`, `float(" 1e3 ")`, `int(3.9)` | `try int("42")`, `try float(" 1e3 ")`, `try int(3.9)` |
/// | `d[k]` (read), `del d[k]` | `try d.lookup(k)`, `try d.delete(k)` (`KeyError: 'k'` when missing) |
/// | `del xs[i]`, `del xs[-1]` | `xs.remove(at: i)`, `xs.removeLast()` |
/// | `xs[i]` inside a `try` that catches `IndexError` | `try xs.item(i)` (elsewhere `xs[i]`) |
/// | `def f(a, *args, b=1)`, `f(1, 2, 3)`, `f(1, *xs)` | `func f(_ a: Int, _ args: Int..., b: Int = 1)`, `f(1, 2, 3)`; `_ args: [Int]` and `f(1, xs)` when a call spreads |
/// | `print(args)` inside it | `print(PyTuple(args))` (`(2, 3)`) |
/// | `def worker(n):` inside `def main():` | a local `func worker(_ n: Int)` inside `func main()`, capturing its variables |
/// | `square = lambda x: x * x` | `func square(_ x: Int) -> Int { return x * x }` |
/// | `for … else:` / `while … else:` | `var completed = true`; each `break` sets it to `false` first; `if completed { … }` |
/// | `d.get(k, 0)`, `d.pop(k)`, `d.setdefault(k, [])`, `d.update(e)`, `k in d` | same on `PyDict` (`try d.pop(k)`), `d.contains(k)` |
///
/// ## threading and queue
/// | Python | Swift |
/// |---|---|
/// | `threading.Thread(target=f, args=[x])` | `PythonThread(target: "f") { f(x) }` |
/// | `Thread(name="n", daemon=True)` | `PythonThread(name: "n", daemon: true) { … }` |
/// | `t.start()`, `t.join(timeout)`, `t.is_alive()` | `t.start()`, `t.join(timeout: s)`, `t.isAlive` |
/// | `class Worker(threading.Thread)` with `__init__` and `run` | `final class Worker: PythonThread, PythonPrintable, @unchecked Sendable` with `init(…) { self.n = n; super.init(name:daemon:) }` and `override func run()` |
/// | `threading.Timer(2, f).start()`, `timer.cancel()` | `PythonTimer(2) { f() }.start()`, `timer.cancel()` |
/// | `threading.current_thread().name` | `PythonThread.currentName` |
/// | `threading.active_count()`, `get_native_id()` | `PythonThread.activeCount`, `Lane.nativeThreadID` |
/// | `Lock()`, `RLock()`, `with lock:` | `Lock()`, `RLock()`, `lock.withLock { … }` |
/// | `lock.acquire(timeout=1)`, `lock.release()` | `lock.acquire(timeout: 1)`, `lock.release()` |
/// | `with cv: cv.wait()`, `cv.wait_for(p)`, `cv.notify_all()` | `cv.withLock { cv.wait() }`, `cv.wait(for: p)`, `cv.notifyAll()` |
/// | `Semaphore(2)`, `BoundedSemaphore(2)`, `Event()`, `Barrier(3)` | same names; `barrier.wait()` throws |
/// | `queue.Queue(maxsize)`: `put`, `get(timeout=)`, `get_nowait`, `task_done`, `join` | `Queue<T>(maxsize:)`: `try put`, `try get(timeout:)`, `try getNowait()`, `taskDone()`, `join()` |
///
/// ## concurrent.futures and multiprocessing
/// | Python | Swift |
/// |---|---|
/// | `with ThreadPoolExecutor() as ex:` | `do { let ex = ThreadPoolExecutor(); defer { ex.shutdown() } … }` |
/// | `ex.submit(f, x)` | `ex.submit { f(x) }` → `Future<T>` |
/// | `f.result(timeout)`, `f.done()`, `f.exception()`, `f.cancel()` | `try f.result(timeout:)`, `f.done`, `try f.exception()`, `f.cancel()` |
/// | `ex.map(f, xs)` | `ex.map(xs) { f($0) }` (lazy, in order) |
/// | `as_completed(fs)`, `wait(fs, return_when=FIRST_COMPLETED)` | `asCompleted(fs)`, `wait(fs, returnWhen: .firstCompleted)` |
/// | `with ProcessPoolExecutor() as ex:` | as `ThreadPoolExecutor`, with `ProcessPoolExecutor()` (threads named `ForkProcess-N`) |
/// | `multiprocessing.Process(target=f)` | `PythonProcess { f() }` (a thread named `Process-N`) |
/// | `with Pool(4) as p: p.map(f, xs)` | `let p = ProcessPool(processes: 4); defer { p.terminate() }; try p.map(xs) { f($0) }` |
/// | `p.imap`, `p.imap_unordered`, `p.apply_async(f, (x,)).get()` | `p.imap`, `p.imapUnordered`, `try p.applyAsync { f(x) }.result()` |
///
/// ## random and logging
/// | Python | Swift |
/// |---|---|
/// | `random.seed(1)`, `random.random()`, `random.randint(a, b)` | `PythonRandom.seed(1)`, `PythonRandom.random()`, `PythonRandom.randint(a, b)` |
/// | `random.choice(xs)`, `random.shuffle(xs)`, `random.sample(xs, k)` | `PythonRandom.choice(xs)`, `PythonRandom.shuffle(&xs)`, `PythonRandom.sample(xs, k)` |
/// | `random.uniform(a, b)`, `random.randrange(…)`, `random.gauss(m, s)` | same names on `PythonRandom` |
/// | `random.Random(42)` | `PythonRandom(seed: 42)` |
/// | `logging.basicConfig(level=logging.INFO, format=…)` | `Logging.basicConfig(format: …, level: .info)` |
/// | `logging.info("x %s", y)`, `logging.getLogger("a").warning(…)` | `Logging.info("x %s", y)`, `Logging.getLogger("a").warning(…)` |
///
/// ## asyncio
/// | Python | Swift |
/// |---|---|
/// | `async def f(): …` | `func f() async throws { … }` |
/// | `asyncio.run(main())` | `try Asyncio.run { try await main() }` |
/// | `await asyncio.sleep(1)`, `await asyncio.sleep(0)` | `try await Asyncio.sleep(1)`, `try await Asyncio.sleep(0)` (yields) |
/// | `asyncio.gather(f(1), f(2))` | `try await Asyncio.gather({ try await f(1) }, { try await f(2) })` |
/// | `a, b = await asyncio.gather(f(), g())` (different types) | `let a = Asyncio.createTask { try await f() }; let b = Asyncio.createTask { try await g() }; let (x, y) = (try await a.value, try await b.value)` |
/// | `asyncio.create_task(f())`, `await task` | `Asyncio.createTask { try await f() }`, `try await task.value` |
/// | `asyncio.wait_for(f(), 2)` | `try await Asyncio.waitFor(2) { try await f() }` |
/// | `async with asyncio.TaskGroup() as tg: tg.create_task(f())` | `try await Asyncio.taskGroup { tg in tg.createTask { try await f() } }` |
/// | `for c in asyncio.as_completed(aws): await c` | `for try await r in Asyncio.asCompleted([{ … }])` |
/// | `asyncio.Event/Lock/Semaphore/Queue` | `Asyncio.Event/Lock/Semaphore/Queue` (`try await q.get()`) |
/// | `async with lock:` | `try await lock.withLock { … }` |
/// | `await asyncio.to_thread(f, x)`, `await loop.run_in_executor(None, f, x)` | `try await Asyncio.toThread { f(x) }`, `try await Asyncio.runInExecutor(nil) { f(x) }` |
///
/// Use `Asyncio.createTask`/`gather`, not `async let` or Swift's `Task {}`: those would not be
/// named `Task-N` or traced. Every coroutine runs on one event-loop thread (named `MainThread`,
/// tasks traced as `Task-N`), so a blocking `time.sleep` inside a coroutine holds up the others,
/// as in CPython.
///
/// ## Where CPython's behaviour could not be kept
/// - Ints are 64-bit (`Int`), not arbitrary precision.
/// - Division by zero raises `ZeroDivisionError` with CPython's message; a list index out of
///   range raises `IndexError` only inside a `try` (of the same function or cell) that catches
///   it; elsewhere it stops the program, and Loom resumes at the next cell.
/// - An exception raised inside a `for` over `ex.map(…)`, `asCompleted(…)` or `pool.imap(…)`
///   cannot unwind a Swift loop: the traceback is printed and the program stops (Loom resumes
///   at the next cell). Invalid format specs stop the program the same way.
/// - Sets print sorted (CPython's order for small ints; string sets are salted in CPython).
/// - Thread pools are not killed by `terminate()`: a running call finishes first.
/// - `multiprocessing` runs on threads of one process: `OS.getpid()` is the same in every
///   "process", and module state is shared rather than copied.
/// - Only stdout prints are traced as `print` events; stderr (logging, tracebacks) is not.
/// - A cell ends once the non-daemon threads it started have ended (a script's end does the
///   same); pool workers are daemons and idle ones never hold a cell open.
public enum LoomSupportVersion {
    /// Changes whenever the library's behaviour does, so a compiled copy can be keyed on it.
    public static let version = "3"
}
