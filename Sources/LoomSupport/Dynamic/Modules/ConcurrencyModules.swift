/// The concurrency modules (time, threading, queue, concurrent.futures, multiprocessing,
/// asyncio), by import name. Each builder runs once, on the module's first import (`Py.importModule`).
let concurrencyModuleBuilders: [String: @Sendable () throws -> PyObject] = [:]
