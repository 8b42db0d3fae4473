/// The standard-library modules other than concurrency ones (typing, abc, dataclasses, enum,
/// functools, collections, itertools, re, json, datetime, math …), by import name. Each builder
/// runs once, on the module's first import (`Py.importModule`).
let generalModuleBuilders: [String: @Sendable () throws -> PyObject] = [:]
