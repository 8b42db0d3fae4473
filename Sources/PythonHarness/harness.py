# Loom's CPython harness: runs a note's Python cells, in note order, in one session, speaking the
# run protocol the translated Swift programs speak (cell markers, output cap, time scale, trace).
#
#     python3 -X utf8 -u harness.py CELLS.json [--from K]
#
# CELLS.json: [{"index": 1, "source": "...", "firstLine": 14, "file": "threading.md"}, ...]
# The trace goes to the descriptor in LOOM_TRACE_FD, or to the file LOOM_TRACE_PATH names.
#
# Tracing patches the standard library where a lane sleeps, blocks or prints; every patch keeps
# the real behaviour and only scales time and records. Choices a reader should know:
# - A cell ends once every non-daemon thread, and every process (multiprocessing or subprocess),
#   that the note's code started has ended, as a script does at exit. The idle workers of an executor that was never shut
#   down are not waited for: they serve later cells, as in a notebook.
# - With --from K, cells before K are not run, but their imports, functions and classes are
#   defined, so a resumed run finds the names it needs.
# - Under LOOM_TIME_SCALE, the clocks the note reads and the trace's times run 1/SCALE as fast
#   only while a sleep or timeout is within its requested span (see _Dilation), so the
#   interpreter's own overhead is not magnified; forked child processes share that account.
# - Waits inside waits (a Future's condition, an Event's lock) and the executors' and pools'
#   own bookkeeping are not traced; only locks the note's code creates are traced locks.

import ast
import asyncio
import asyncio.base_events
import asyncio.selector_events
import builtins
import collections.abc
import functools
import concurrent.futures
import concurrent.futures._base
import concurrent.futures.thread
import json
import linecache
import mmap
import multiprocessing
import multiprocessing.pool
import multiprocessing.process
import os
import queue
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
import types
import _thread

# ---------------------------------------------------------------------------------------------
# Settings from the environment Loom sets.


def _read_time_scale():
    try:
        scale = float(os.environ.get("LOOM_TIME_SCALE", "1"))
    except ValueError:
        return 1.0
    return scale if 0 < scale <= 1 else 1.0


def _read_output_cap():
    try:
        cap = int(os.environ["LOOM_OUTPUT_CAP"])
    except (KeyError, ValueError):
        return None
    return cap if cap >= 0 else None


def _open_trace():
    if "LOOM_TRACE_FD" in os.environ:
        try:
            return int(os.environ["LOOM_TRACE_FD"])
        except ValueError:
            return None
    path = os.environ.get("LOOM_TRACE_PATH")
    if path:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND | os.O_CLOEXEC, 0o644)
    return None


SCALE = _read_time_scale()
OUTPUT_CAP = _read_output_cap()
CELL_MARKERS = os.environ.get("LOOM_CELL_MARKERS") == "1"
TRACE_FD = _open_trace()
# Keeps every trace line under the 4 KiB a pipe writes atomically; stdout keeps the whole text.
TRACE_TEXT_BYTES = 3000

_real_sleep = time.sleep
_real_monotonic = time.monotonic
_real_perf_counter = time.perf_counter
_real_time = time.time
_real_monotonic_ns = time.monotonic_ns
_real_perf_counter_ns = time.perf_counter_ns
_real_time_ns = time.time_ns
_real_print = builtins.print

# ---------------------------------------------------------------------------------------------
# Cell state shared by every lane: which cell runs, since when, and its output budget.

_state_lock = _thread.allocate_lock()
_cell = 0
_cell_start = 0.0
_written = {1: 0, 2: 0}
_dropped = {1: 0, 2: 0}


def _cell_seconds():
    return _now() - _cell_start


def _write_fd(fd, data):
    view = memoryview(data)
    while view:
        try:
            count = os.write(fd, view)
        except InterruptedError:
            continue
        except OSError:
            return
        view = view[count:]


def _json_text(text):
    encoded = text.encode("utf-8", "replace")
    if len(encoded) > TRACE_TEXT_BYTES:
        text = encoded[:TRACE_TEXT_BYTES].decode("utf-8", "ignore")
    return json.dumps(text, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8")


def _emit(kind, lane=None, duration=None, text=None, tid=None, exception=None, t=None):
    if TRACE_FD is None:
        return
    seconds = _cell_seconds() if t is None else t
    line = '{"cell":%d,"kind":"%s"' % (_cell, kind)
    if lane is not None:
        line += ',"lane":' + _json_text(lane)
    line += ',"t":%.6f' % max(0.0, seconds)
    if duration is not None:
        line += ',"duration":%.6f' % max(0.0, duration)
    if text is not None:
        line += ',"text":' + _json_text(text)
    if tid is not None:
        line += ',"tid":%d' % tid
    if exception is not None:
        line += ',"exception":' + _json_text(exception)
    _write_fd(TRACE_FD, (line + "}\n").encode("utf-8", "replace"))


def _lane():
    """The lane the calling code runs in: the running asyncio task's name, else the thread's,
    else, in the main thread of a forked child process, the process's (`Process-1`)."""
    if asyncio.events._get_running_loop() is not None:
        task = asyncio.current_task()
        if task is not None:
            return task.get_name()
    thread = threading.current_thread()
    if _in_child_process and thread is threading.main_thread():
        return multiprocessing.current_process().name
    return thread.name


_in_child_process = False


def _after_fork_in_child():
    # A lock another thread held at the fork stays held forever in the child: start afresh.
    global _state_lock, _in_child_process
    _in_child_process = True
    _state_lock = _thread.allocate_lock()
    _dilation.reset_lock()


# ---------------------------------------------------------------------------------------------
# Output: one write(2) per print call, capped per cell per stream.


class _CellStream:
    """sys.stdout / sys.stderr: unbuffered, within the cell's output cap."""

    def __init__(self, original, fd):
        self._original = original
        self._fd = fd

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        data = text.encode("utf-8", self._original.errors or "strict")
        with _state_lock:
            if OUTPUT_CAP is not None and _written[self._fd] + len(data) > OUTPUT_CAP:
                _dropped[self._fd] += len(data)
                return len(text)
            _written[self._fd] += len(data)
        _write_fd(self._fd, data)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def fileno(self):
        return self._fd

    def isatty(self):
        return os.isatty(self._fd)

    def writable(self):
        return True

    def readable(self):
        return False

    @property
    def closed(self):
        return False

    def __getattr__(self, name):
        return getattr(self._original, name)


_stdout = _CellStream(sys.__stdout__, 1)
_stderr = _CellStream(sys.__stderr__, 2)


def _write_uncapped(fd, text):
    _write_fd(fd, text.encode("utf-8", "backslashreplace"))


def _print(*args, sep=" ", end="\n", file=None, flush=False):
    if file is None:
        file = sys.stdout
    if file is None:
        return None
    if not isinstance(file, _CellStream) or not (sep is None or isinstance(sep, str)) \
            or not (end is None or isinstance(end, str)):
        return _real_print(*args, sep=sep, end=end, file=file, flush=flush)
    text = (" " if sep is None else sep).join(map(str, args)) + ("\n" if end is None else end)
    file.write(text)
    if file is _stdout and TRACE_FD is not None:
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        if lines:
            lane = _lane()
            for line in lines:
                _emit("print", lane=lane, text=line)
    return None


# ---------------------------------------------------------------------------------------------
# Time: sleeps and timeouts last SCALE x their time. The clocks the note reads (and the trace's
# times) run 1/SCALE as fast while some sleep or timeout is within its requested span, and at the
# real rate otherwise: a scaled run then prints the durations a real one prints, instead of
# magnifying the interpreter's own overhead and each sleep's wake-up latency 1/SCALE times.


class _Dilation:
    """Real seconds covered by the requested spans of the sleeps and timeouts in progress."""

    def __init__(self):
        self._lock = _thread.allocate_lock()
        self._ends = {}
        self._next_token = 0
        self._covered = 0.0
        self._open_since = None
        self._latest_end = 0.0

    def _advance(self, now):
        if self._open_since is not None:
            until = min(now, self._latest_end)
            self._covered += until - self._open_since
            self._open_since = now if until >= now else None

    def _reconsider(self, now):
        self._latest_end = max(self._ends.values(), default=0.0)
        if self._latest_end <= now:
            self._open_since = None
        elif self._open_since is None:
            self._open_since = now

    def reset_lock(self):
        self._lock = _thread.allocate_lock()

    def begin(self, real_seconds):
        with self._lock:
            now = _real_monotonic()
            self._advance(now)
            self._next_token += 1
            self._ends[self._next_token] = now + real_seconds
            self._reconsider(now)
            return self._next_token

    def end(self, token):
        with self._lock:
            now = _real_monotonic()
            self._advance(now)
            self._ends.pop(token, None)
            self._reconsider(now)

    def now(self):
        with self._lock:
            now = _real_monotonic()
            self._advance(now)
            return now + (1 / SCALE - 1) * self._covered


class _SharedDilation:
    """The same account in memory shared with forked child processes, so that a child's sleeps
    dilate its parent's clocks too (a parent joining a sleeping child sees the child's seconds)."""

    _HEADER = struct.Struct("3d")  # covered, open since (-1: closed), latest end
    _SLOTS = struct.Struct("256d")  # requested ends of the spans in progress; 0: free

    def __init__(self, local):
        # The fork context's semaphore is unlinked at once: no resource tracker process is started.
        self._lock = multiprocessing.get_context("fork").Lock()
        self._memory = mmap.mmap(-1, self._HEADER.size + self._SLOTS.size)
        with local._lock:
            now = _real_monotonic()
            local._advance(now)
            ends = [end for end in local._ends.values() if end > now][:256]
            self._SLOTS.pack_into(self._memory, self._HEADER.size, *(ends + [0.0] * (256 - len(ends))))
            since = -1.0 if local._open_since is None else local._open_since
            self._HEADER.pack_into(self._memory, 0, local._covered, since, local._latest_end)

    def _locked(self):
        # A child killed while it held the lock must not freeze the parent's clocks for good.
        return self._lock.acquire(timeout=0.1)

    def _advance(self, now):
        covered, since, latest = self._HEADER.unpack_from(self._memory, 0)
        if since >= 0:
            until = min(now, latest)
            covered += until - since
            since = now if until >= now else -1.0
        return covered, since, latest

    def _settle(self, now, covered, since, latest):
        if latest <= now:
            since = -1.0
        elif since < 0:
            since = now
        self._HEADER.pack_into(self._memory, 0, covered, since, latest)

    def _set_slot(self, index, end):
        struct.pack_into("d", self._memory, self._HEADER.size + 8 * index, end)

    def reset_lock(self):
        pass

    def begin(self, real_seconds):
        locked = self._locked()
        try:
            now = _real_monotonic()
            covered, since, _ = self._advance(now)
            slots = self._SLOTS.unpack_from(self._memory, self._HEADER.size)
            index = slots.index(0.0) if 0.0 in slots else None
            latest = max(slots)
            if index is not None:
                self._set_slot(index, now + real_seconds)
                latest = max(latest, now + real_seconds)
            self._settle(now, covered, since, latest)
            return index
        finally:
            if locked:
                self._lock.release()

    def end(self, index):
        if index is None:
            return
        locked = self._locked()
        try:
            now = _real_monotonic()
            covered, since, _ = self._advance(now)
            self._set_slot(index, 0.0)
            self._settle(now, covered, since, max(self._SLOTS.unpack_from(self._memory, self._HEADER.size)))
        finally:
            if locked:
                self._lock.release()

    def now(self):
        locked = self._locked()
        try:
            now = _real_monotonic()
            covered, since, latest = self._advance(now)
            self._HEADER.pack_into(self._memory, 0, covered, since, latest)
            return now + (1 / SCALE - 1) * covered
        finally:
            if locked:
                self._lock.release()


_dilation = _Dilation()
_now = _dilation.now if SCALE != 1 else _real_monotonic


def _share_dilation_before_fork():
    global _dilation, _now
    if SCALE == 1 or isinstance(_dilation, _SharedDilation):
        return
    try:
        shared = _SharedDilation(_dilation)
    except (OSError, ImportError):
        # No shared semaphores here: each process keeps its own account.
        return
    _dilation = shared
    _now = shared.now


class _Dilated:
    """A blocking call that lasts at most `real_seconds` (None: no bound, nothing dilated)."""

    def __init__(self, real_seconds):
        self._seconds = real_seconds if SCALE != 1 and isinstance(real_seconds, (int, float)) \
            and real_seconds > 0 else None

    def __enter__(self):
        if self._seconds is not None:
            self._account = _dilation
            self._token = self._account.begin(self._seconds)

    def __exit__(self, *exc):
        if self._seconds is not None:
            self._account.end(self._token)


def _scaled(seconds):
    if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and seconds > 0:
        return seconds * SCALE
    return seconds


_clock_base = _real_monotonic()
_perf_base = _real_perf_counter()
_time_base = _real_time()


def _monotonic():
    return _now()


def _perf_counter():
    return _perf_base + (_now() - _clock_base)


def _time():
    return _time_base + (_now() - _clock_base)


def _monotonic_ns():
    return int(_monotonic() * 1e9)


def _perf_counter_ns():
    return int(_perf_counter() * 1e9)


def _time_ns():
    return int(_time() * 1e9)


def _sleep(seconds):
    if isinstance(seconds, (int, float)) and seconds >= 0:
        _emit("sleep", lane=_lane(), duration=float(seconds))
        scaled = _scaled(seconds)
        with _Dilated(scaled):
            return _real_sleep(scaled)
    return _real_sleep(seconds)


# ---------------------------------------------------------------------------------------------
# Blocking waits: traced only where they block; a wait inside a traced wait (a Future's
# condition, an Event's lock) is the outer wait's business, so it passes through untouched.

_local = threading.local()


def _inside():
    return getattr(_local, "depth", 0) > 0


class _Untraced:
    """Runs a block as if inside a traced wait: nested waits neither trace nor rescale."""

    def __enter__(self):
        _local.depth = getattr(_local, "depth", 0) + 1

    def __exit__(self, *exc):
        _local.depth -= 1


def _traced_wait(what, timeout, call, also_on=()):
    """Blocks in `call(real_timeout)` with the Python `timeout` scaled, and traces the wait."""
    label = getattr(_local, "label", None) or what
    lane = _lane()
    start = _now()
    real_timeout = _scaled(timeout)
    with _Untraced(), _Dilated(real_timeout):
        try:
            result = call(real_timeout)
        except also_on:
            _emit("wait", lane=lane, duration=_now() - start, text=label)
            raise
    _emit("wait", lane=lane, duration=_now() - start, text=label)
    return result


def _valid_timeout(timeout):
    return timeout is None or (isinstance(timeout, (int, float)) and timeout >= 0)


# threading.Lock / RLock: only locks the note's own code creates are traced; the standard
# library's internal locks stay the fast C ones.

_session = {}


def _created_by_note():
    return sys._getframe(2).f_globals is _session


class _TracedLock:
    def __init__(self, lock):
        self._lock = lock

    def acquire(self, blocking=True, timeout=-1):
        if _inside() or not blocking or not (timeout == -1 or _valid_timeout(timeout)):
            return self._lock.acquire(blocking, timeout)
        if self._lock.acquire(False):
            return True
        return _traced_wait("lock", timeout, lambda real: self._lock.acquire(True, real))

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self._lock.release()

    def release(self):
        self._lock.release()

    def __repr__(self):
        return repr(self._lock)

    def __getattr__(self, name):
        return getattr(self._lock, name)


class _TracedPlainLock(_TracedLock):
    pass


class _TracedRLock(_TracedLock):
    pass


# Printed types read as CPython's own: `<class '_thread.lock'>`, `<class '_thread.RLock'>`.
for _traced_type, _name in ((_TracedPlainLock, "lock"), (_TracedRLock, "RLock")):
    _traced_type.__name__ = _traced_type.__qualname__ = _name
    _traced_type.__module__ = "_thread"

_real_Lock = threading.Lock
_real_RLock = threading.RLock


def _lock_factory():
    lock = _real_Lock()
    return _TracedPlainLock(lock) if _created_by_note() else lock


def _rlock_factory(*args, **kwargs):
    lock = _real_RLock(*args, **kwargs)
    return _TracedRLock(lock) if _created_by_note() else lock


def _is_machinery(thread):
    """The helper threads of multiprocessing's pools and queues: not lanes of the note."""
    target_module = getattr(getattr(thread, "_target", None), "__module__", None) or ""
    return type(thread).__module__ == "concurrent.futures.process" or target_module.startswith("multiprocessing.")


def _patch_method(owner, name, make):
    original = getattr(owner, name)
    setattr(owner, name, _posing_as(original, make(original)))


def _posing_as(original, replacement):
    """The replacement keeps the original's name, module and docs, as reprs and thread names
    (`Thread-1 (sleep)`) show them."""
    return functools.update_wrapper(replacement, original)


def _thread_excepthook(args):
    """threading's own pure-Python hook: its traceback quotes the cell's lines from linecache,
    where the C hook reads source files (and a cell has none)."""
    if args.exc_type == SystemExit:
        return
    stderr = sys.stderr if sys.stderr is not None else getattr(args.thread, "_stderr", None)
    if stderr is None:
        return
    name = args.thread.name if args.thread is not None else threading.get_ident()
    print(f"Exception in thread {name}:", file=stderr, flush=True)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=stderr)
    stderr.flush()


def _patch_threading():
    threading.excepthook = _thread_excepthook
    threading.Lock = _posing_as(_real_Lock, _lock_factory)
    threading.RLock = _posing_as(_real_RLock, _rlock_factory)

    def join(original):
        def join(self, timeout=None):
            if _inside() or not _valid_timeout(timeout) or not self.is_alive() \
                    or self is threading.current_thread() or _is_machinery(self):
                return original(self, timeout)
            return _traced_wait("join " + self.name, timeout, lambda real: original(self, real))
        return join

    def bootstrap(original):
        def _bootstrap_inner(self):
            if _is_machinery(self):
                with _Untraced():
                    return original(self)
            _emit("start", lane=self.name, tid=threading.get_native_id())
            try:
                original(self)
            finally:
                _emit("end", lane=self.name)
        return _bootstrap_inner

    def start(original):
        def start(self):
            with _state_lock:
                _started_threads.append(self)
            # Waiting for the new thread to run is bookkeeping, not a wait of the note's code.
            with _Untraced():
                return original(self)
        return start

    def condition_wait(original):
        def wait(self, timeout=None):
            if _inside() or not _valid_timeout(timeout) or timeout == 0:
                return original(self, timeout)
            return _traced_wait("condition", timeout, lambda real: original(self, real))
        return wait

    def condition_wait_for(original):
        # CPython's own loop, on the scaled clock, so each wait's timeout is scaled once.
        def wait_for(self, predicate, timeout=None):
            if _inside():
                return original(self, predicate, timeout)
            endtime = None
            waittime = timeout
            result = predicate()
            while not result:
                if waittime is not None:
                    if endtime is None:
                        endtime = _monotonic() + waittime
                    else:
                        waittime = endtime - _monotonic()
                        if waittime <= 0:
                            break
                self.wait(waittime)
                result = predicate()
            return result
        return wait_for

    def event_wait(original):
        def wait(self, timeout=None):
            if _inside() or self.is_set() or not _valid_timeout(timeout) or timeout == 0:
                return original(self, timeout)
            return _traced_wait("event", timeout, lambda real: original(self, real))
        return wait

    def semaphore_acquire(original):
        def acquire(self, blocking=True, timeout=None):
            if _inside() or not blocking or not _valid_timeout(timeout) or timeout == 0:
                return original(self, blocking, timeout)
            if original(self, False):
                return True
            return _traced_wait("semaphore", timeout, lambda real: original(self, True, real))
        return acquire

    def barrier_wait(original):
        def wait(self, timeout=None):
            if _inside() or not _valid_timeout(timeout):
                return original(self, timeout)
            lane = _lane()
            start = _now()
            real_timeout = _scaled(timeout)
            with _Untraced(), _Dilated(real_timeout):
                try:
                    index = original(self, real_timeout)
                except threading.BrokenBarrierError:
                    _emit("wait", lane=lane, duration=_now() - start, text="barrier")
                    raise
            # The last party to arrive releases the others without waiting.
            if index != self.parties - 1:
                _emit("wait", lane=lane, duration=_now() - start, text="barrier")
            return index
        return wait

    def timer_run(original):
        # Traced as the sleep it is, as the translated programs trace threading.Timer.
        def run(self):
            _emit("sleep", lane=self.name, duration=float(self.interval))
            real_interval = _scaled(self.interval)
            with _Untraced(), _Dilated(real_interval):
                self.finished.wait(real_interval)
            if not self.finished.is_set():
                self.function(*self.args, **self.kwargs)
            self.finished.set()
        return run

    _patch_method(threading.Thread, "join", join)
    _patch_method(threading.Thread, "_bootstrap_inner", bootstrap)
    _patch_method(threading.Thread, "start", start)
    _patch_method(threading.Condition, "wait", condition_wait)
    _patch_method(threading.Condition, "wait_for", condition_wait_for)
    _patch_method(threading.Event, "wait", event_wait)
    _patch_method(threading.Semaphore, "acquire", semaphore_acquire)
    # `__enter__ = acquire` was bound to the original in the class body.
    threading.Semaphore.__enter__ = threading.Semaphore.acquire
    _patch_method(threading.Barrier, "wait", barrier_wait)
    _patch_method(threading.Timer, "run", timer_run)


def _patch_queue():
    def get(original):
        def get(self, block=True, timeout=None):
            if _inside() or not block or not _valid_timeout(timeout):
                return original(self, block, timeout)
            try:
                return original(self, False)
            except queue.Empty:
                pass
            return _traced_wait("queue", timeout, lambda real: original(self, True, real), also_on=queue.Empty)
        return get

    def put(original):
        def put(self, item, block=True, timeout=None):
            if _inside() or not block or not _valid_timeout(timeout):
                return original(self, item, block, timeout)
            try:
                return original(self, item, False)
            except queue.Full:
                pass
            return _traced_wait("queue", timeout, lambda real: original(self, item, True, real), also_on=queue.Full)
        return put

    def join(original):
        def join(self):
            if _inside() or self.unfinished_tasks == 0:
                return original(self)
            return _traced_wait("queue", None, lambda real: original(self))
        return join

    _patch_method(queue.Queue, "get", get)
    _patch_method(queue.Queue, "put", put)
    _patch_method(queue.Queue, "join", join)


class _TracedWorkQueue:
    """A ThreadPoolExecutor's work queue (a SimpleQueue, whose C methods cannot be patched)."""

    def __init__(self, work_queue):
        self._queue = work_queue

    def get(self, block=True, timeout=None):
        if not block or _inside() or not _valid_timeout(timeout):
            return self._queue.get(block, timeout)
        try:
            return self._queue.get(False)
        except queue.Empty:
            pass
        return _traced_wait("queue", timeout, lambda real: self._queue.get(True, real), also_on=queue.Empty)

    def __getattr__(self, name):
        return getattr(self._queue, name)


def _patch_futures():
    base = concurrent.futures._base

    def result(original):
        def result(self, timeout=None):
            if _inside() or self.done() or not _valid_timeout(timeout):
                return original(self, timeout)
            return _traced_wait("result", timeout, lambda real: original(self, real), also_on=TimeoutError)
        return result

    def labelled_as_result(original):
        # as_completed and wait block on an internal Event: a reader sees a wait for results.
        def generator(*args, **kwargs):
            iterator = original(*args, **kwargs)
            while True:
                _local.label = "result"
                try:
                    future = next(iterator)
                except StopIteration:
                    return
                finally:
                    _local.label = None
                yield future
        return generator

    def labelled_call(original):
        def call(*args, **kwargs):
            _local.label = "result"
            try:
                return original(*args, **kwargs)
            finally:
                _local.label = None
        return call

    def untraced(original):
        # Starting workers and joining idle ones is the executor's bookkeeping.
        def call(self, *args, **kwargs):
            with _Untraced():
                return original(self, *args, **kwargs)
        return call

    def pool_init(original):
        # An idle worker blocks on the pool's work queue: traced as a wait for `queue`, as the
        # translated pools trace theirs, so a timeline shows idle workers waiting, not working.
        def __init__(self, *args, **kwargs):
            original(self, *args, **kwargs)
            self._work_queue = _TracedWorkQueue(self._work_queue)
        return __init__

    _patch_method(concurrent.futures.thread.ThreadPoolExecutor, "__init__", pool_init)
    _patch_method(base.Future, "result", result)
    _patch_method(base.Future, "exception", result)
    as_completed = _posing_as(base.as_completed, labelled_as_result(base.as_completed))
    wait = _posing_as(base.wait, labelled_call(base.wait))
    base.as_completed = concurrent.futures.as_completed = as_completed
    base.wait = concurrent.futures.wait = wait
    _patch_method(concurrent.futures.thread.ThreadPoolExecutor, "shutdown", untraced)
    _patch_method(concurrent.futures.thread.ThreadPoolExecutor, "submit", untraced)


# ---------------------------------------------------------------------------------------------
# asyncio: the loop's clock is the scaled clock and its selector sleeps SCALE x as long, so
# sleeps, call_later, wait_for and timeouts all scale alike; tasks are lanes named Task-N.


class _ScaledSelector:
    def __init__(self, selector):
        self._selector = selector

    def select(self, timeout=None):
        real_timeout = _scaled(timeout)
        with _Dilated(real_timeout):
            return self._selector.select(real_timeout)

    def __getattr__(self, name):
        return getattr(self._selector, name)


class _TracedCoroutine(collections.abc.Coroutine):
    """A task's coroutine, announcing the task's lane when it first runs and when it ends."""

    def __init__(self, coroutine):
        self._coroutine = coroutine
        self._lane = None

    def _step(self, step, *args):
        if self._lane is None:
            self._lane = _lane()
            _emit("start", lane=self._lane, tid=threading.get_native_id())
        try:
            return step(*args)
        except BaseException:
            _emit("end", lane=self._lane)
            raise

    def send(self, value):
        return self._step(self._coroutine.send, value)

    def throw(self, *args):
        return self._step(self._coroutine.throw, *args)

    def close(self):
        return self._coroutine.close()

    def __await__(self):
        return self._coroutine.__await__()

    def __getattr__(self, name):
        return getattr(self._coroutine, name)

    def __repr__(self):
        return repr(self._coroutine)


def _patch_asyncio():
    if SCALE != 1:
        def selector_init(original):
            def __init__(self, *args, **kwargs):
                original(self, *args, **kwargs)
                self._selector = _ScaledSelector(self._selector)
            return __init__
        _patch_method(asyncio.selector_events.BaseSelectorEventLoop, "__init__", selector_init)

    def create_task(original):
        def create_task(self, coro, *args, **kwargs):
            # asyncio's own housekeeping at shutdown (async generators, the default executor)
            # is not a lane of the note.
            if isinstance(coro, types.CoroutineType) \
                    and not coro.cr_frame.f_globals.get("__name__", "").startswith("asyncio."):
                coro = _TracedCoroutine(coro)
            return original(self, coro, *args, **kwargs)
        return create_task

    _patch_method(asyncio.base_events.BaseEventLoop, "create_task", create_task)

    real_sleep = asyncio.sleep

    async def sleep(delay, result=None):
        if isinstance(delay, (int, float)):
            _emit("sleep", lane=_lane(), duration=max(0.0, float(delay)))
        return await real_sleep(delay, result)

    asyncio.sleep = asyncio.tasks.sleep = _posing_as(real_sleep, sleep)

    real_run = asyncio.run

    def run(main, **kwargs):
        # Timed by hand: the waits of the tasks inside are the tasks' own, still traced.
        lane = _lane()
        start = _now()
        try:
            return real_run(main, **kwargs)
        finally:
            _emit("wait", lane=lane, duration=_now() - start, text="task")

    asyncio.run = asyncio.runners.run = _posing_as(real_run, run)

    real_gather = asyncio.gather

    def gather(*aws, **kwargs):
        lane = _lane()
        start = _now()
        outer = real_gather(*aws, **kwargs)
        outer.add_done_callback(lambda _: _emit("wait", lane=lane, duration=_now() - start, text="gather"))
        return outer

    asyncio.gather = _posing_as(real_gather, gather)


def _patch_multiprocessing():
    def bootstrap(original):
        # Runs in the child process: the process is a lane, as a thread is.
        def _bootstrap(self, *args, **kwargs):
            _emit("start", lane=self.name, tid=threading.get_native_id())
            try:
                return original(self, *args, **kwargs)
            finally:
                _emit("end", lane=self.name)
        return _bootstrap

    def join(original):
        def join(self, timeout=None):
            try:
                alive = self.is_alive()
            except Exception:
                alive = False
            if _inside() or not alive or not _valid_timeout(timeout):
                return original(self, timeout)
            return _traced_wait("join " + self.name, timeout, lambda real: original(self, real))
        return join

    def result(original):
        def get(self, timeout=None):
            if _inside() or self.ready() or not _valid_timeout(timeout):
                return original(self, timeout)
            return _traced_wait("result", timeout, lambda real: original(self, real))
        return get

    def start(original):
        def start(self):
            if sys._getframe(1).f_globals is _session:
                with _state_lock:
                    _started_processes.append(self)
            return original(self)
        return start

    _patch_method(multiprocessing.process.BaseProcess, "start", start)
    _patch_method(multiprocessing.process.BaseProcess, "_bootstrap", bootstrap)
    _patch_method(multiprocessing.process.BaseProcess, "join", join)
    _patch_method(multiprocessing.pool.ApplyResult, "get", result)

    def untraced(original):
        # Stopping a pool's workers is its bookkeeping, not a wait of the note's code.
        def terminate(self):
            with _Untraced():
                return original(self)
        return terminate

    _patch_method(multiprocessing.pool.Pool, "terminate", untraced)


def _patch_subprocess():
    def init(original):
        # A program the note's code starts is waited for at the cell's end, as a process it forks is.
        def __init__(self, *args, **kwargs):
            original(self, *args, **kwargs)
            if sys._getframe(1).f_globals is _session:
                with _state_lock:
                    _started_programs.append(self)
        return __init__

    _patch_method(subprocess.Popen, "__init__", init)


def _install():
    builtins.print = _posing_as(_real_print, _print)
    sys.stdout = _stdout
    sys.stderr = _stderr
    time.sleep = _posing_as(_real_sleep, _sleep)
    if SCALE != 1:
        for name, clock in (("monotonic", _monotonic), ("perf_counter", _perf_counter), ("time", _time),
                            ("monotonic_ns", _monotonic_ns), ("perf_counter_ns", _perf_counter_ns),
                            ("time_ns", _time_ns)):
            setattr(time, name, _posing_as(getattr(time, name), clock))
    _patch_threading()
    _patch_queue()
    _patch_futures()
    _patch_asyncio()
    _patch_multiprocessing()
    _patch_subprocess()
    os.register_at_fork(before=_share_dilation_before_fork, after_in_child=_after_fork_in_child)


# ---------------------------------------------------------------------------------------------
# Cells.

_started_threads = []
# Processes the note's own code started (pools' workers end when their pool does).
_started_processes = []
# Programs the note's own code started with subprocess.
_started_programs = []


def _is_pool_worker(thread):
    return getattr(thread, "_target", None) is concurrent.futures.thread._worker


def _manages_a_process_pool(thread):
    """A ProcessPoolExecutor's managing thread: alive until the executor is shut down."""
    return type(thread).__module__ == "concurrent.futures.process"


def _wait_for_started_threads():
    """As a script does at exit: every non-daemon thread and child process started so far ends
    before the cell does."""
    while True:
        with _state_lock:
            waiting = [t for t in _started_threads
                       if not t.daemon and not _is_pool_worker(t) and not _manages_a_process_pool(t)]
            waiting += [p for p in _started_processes if not p.daemon]
            programs = list(_started_programs)
            _started_threads.clear()
            _started_processes.clear()
            _started_programs.clear()
        if not waiting and not programs:
            return
        with _Untraced():
            for worker in waiting:
                worker.join()
            for program in programs:
                program.wait()


def _compiled(cell):
    filename = "%s:%d" % (cell["file"], cell["firstLine"])
    source = cell["source"]
    # Tracebacks then quote the cell's lines, as they quote a script's.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return compile(source, filename, "exec")


def _exception_line(error):
    return traceback.format_exception_only(type(error), error)[-1].rstrip("\n")


def _execute(code):
    """Runs a compiled cell; returns (failure text or None, exit code when it raised SystemExit)."""
    try:
        exec(code, _session)
    except SystemExit as error:
        status = error.code
        if status is None:
            return None, 0
        if isinstance(status, int):
            return (None if status == 0 else "SystemExit: %d" % status), status
        _write_uncapped(2, "%s\n" % status)
        return "SystemExit: %s" % status, 1
    except BaseException as error:
        # The harness's own frame is not the note's: the traceback starts in the cell.
        lines = traceback.format_exception(type(error), error, error.__traceback__.tb_next)
        _write_uncapped(2, "".join(lines))
        return _exception_line(error), None
    return None, None


def _run_cell(cell):
    """Runs one cell; returns the exit code when it raised SystemExit, else None."""
    global _cell, _cell_start
    with _state_lock:
        _cell = cell["index"]
        _cell_start = _now()
        _written.update({1: 0, 2: 0})
        _dropped.update({1: 0, 2: 0})
    if CELL_MARKERS:
        marker = "\x1eloom-cell %d\n" % _cell
        _write_uncapped(1, marker)
        _write_uncapped(2, marker)
    _emit("cell-begin", t=0.0)
    main = threading.current_thread().name
    _emit("start", lane=main, tid=threading.get_native_id())
    exit_code = None
    try:
        code = _compiled(cell)
    except (SyntaxError, ValueError) as error:
        # As CPython reports a script that does not compile: no traceback, just the place.
        _write_uncapped(2, "".join(traceback.format_exception_only(type(error), error)))
        failure = _exception_line(error)
    else:
        failure, exit_code = _execute(code)
    _wait_for_started_threads()
    _emit("end", lane=main)
    for fd in (1, 2):
        if _dropped[fd]:
            _write_uncapped(fd, "[output truncated: %d bytes dropped]\n" % _dropped[fd])
    if failure is None:
        _emit("cell-end", text="ok")
    else:
        _emit("cell-end", text="error", exception=failure)
    return exit_code


_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _define_only(cell):
    """For --from K: the imports, functions and classes of a cell that is skipped."""
    filename = "%s:%d" % (cell["file"], cell["firstLine"])
    try:
        tree = ast.parse(cell["source"], filename)
    except SyntaxError:
        return
    tree.body = [node for node in tree.body if isinstance(node, _DEFINITIONS)]
    try:
        exec(compile(tree, filename, "exec"), _session)
    except Exception:
        pass


def main(arguments):
    if not arguments:
        _write_uncapped(2, "usage: harness.py CELLS.json [--from K]\n")
        return 2
    with open(arguments[0], encoding="utf-8") as file:
        cells = json.load(file)
    first = 1
    if "--from" in arguments:
        position = arguments.index("--from")
        if position + 1 < len(arguments):
            first = max(1, int(arguments[position + 1]))
    # As code typed into `python3` reads it: `__name__` is "__main__", there is no `__file__`, and
    # sys.argv is [''] (the translated programs see the same).
    main_module = types.ModuleType("__main__")
    main_module.__dict__.update({"__builtins__": builtins})
    global _session
    _session = main_module.__dict__
    sys.modules["__main__"] = main_module
    sys.argv = [""]
    # A script starts with SIGTERM's default action, unblocked; a parent that ignores or blocks
    # it (children inherit both) must not keep Pool.terminate() from stopping the workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
    _install()
    for cell in cells:
        if cell["index"] < first:
            _define_only(cell)
            continue
        exit_code = _run_cell(cell)
        if exit_code is not None:
            return exit_code
    return 0


_harness = sys.modules[__name__]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
