/// The concurrency modules (time, threading, queue, concurrent.futures, multiprocessing,
/// asyncio), by import name. Each builder runs once, on the module's first import (`Py.importModule`).
/// They live in `Concurrency/`, one file per module, each wrapping the static library's
/// implementation so dynamic code sleeps, waits and is traced exactly as static code is.
let concurrencyModuleBuilders: [String: @Sendable () throws -> PyObject] = [
    "time": { try makeTimeModule() },
    "threading": { try makeThreadingModule() },
    "queue": { try makeQueueModule() },
    "concurrent.futures": { try makeFuturesModule() },
    "concurrent": { PyObject.module("concurrent", [("futures", try Py.importModule("concurrent.futures"))]) },
    "multiprocessing": { try makeMultiprocessingModule() },
    "asyncio": { try makeAsyncioModule() },
]
