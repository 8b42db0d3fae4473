/// `multiprocessing.Pipe`: two `Connection`s over a pair of queues. Processes are threads here, so
/// an object sent is the object received (CPython pickles a copy), and `recv` waits as a queue's
/// `get` does, shown on the timeline as waiting.
final class PipeEnd: @unchecked Sendable {
    let incoming: PyObject?
    let outgoing: PyObject?
    /// An item `poll` took off the queue to look at, handed out by the next `recv`.
    var pending: PyObject?
    var closed = false

    init(incoming: PyObject?, outgoing: PyObject?) {
        self.incoming = incoming
        self.outgoing = outgoing
    }
}

func makePipeFunction(queueModule: PyObject) throws -> PyObject {
    let queueClass = try queueModule.attribute("Queue")
    let empty = try queueModule.attribute("Empty")
    /// What a closed end leaves in its outgoing queue: the other end's `recv` raises EOFError.
    let closedMarker = try PyObject.makeClass("_PipeClosed") { _ in }()

    func end(_ value: PyObject) throws -> PipeEnd {
        guard let state = (value.heap as? PyInstance)?.payload as? PipeEnd else { throw PyException.typeError("not a Connection") }
        if state.closed { throw pythonError(Py.OSError, "handle is closed") }
        return state
    }
    func receive(_ state: PipeEnd) throws -> PyObject {
        if let pending = state.pending {
            state.pending = nil
            if pending.isIdentical(to: closedMarker) { state.pending = pending; throw pythonError(Py.EOFError) }
            return pending
        }
        guard let incoming = state.incoming else { throw pythonError(Py.OSError, "connection is write-only") }
        let item = try incoming.callMethod("get")
        if item.isIdentical(to: closedMarker) {
            state.pending = item
            throw pythonError(Py.EOFError)
        }
        return item
    }
    func send(_ state: PipeEnd, _ item: PyObject) throws {
        guard let outgoing = state.outgoing else { throw pythonError(Py.OSError, "connection is read-only") }
        _ = try outgoing.callMethod("put", [item])
    }

    let connection = try moduleClass("Connection", module: "multiprocessing.connection") { namespace in
        namespace["send"] = method("send", ["obj"]) { arguments in
            try send(try end(arguments[0]), arguments[1])
            return .none
        }
        namespace["send_bytes"] = method("send_bytes", ["buf"]) { arguments in
            try send(try end(arguments[0]), arguments[1])
            return .none
        }
        namespace["recv"] = method("recv") { arguments in try receive(try end(arguments[0])) }
        namespace["recv_bytes"] = method("recv_bytes") { arguments in try receive(try end(arguments[0])) }
        namespace["poll"] = method("poll", ["timeout"], defaults: [0.0]) { arguments in
            let state = try end(arguments[0])
            if state.pending != nil { return true }
            guard let incoming = state.incoming else { throw pythonError(Py.OSError, "connection is write-only") }
            if try incoming.callMethod("qsize").toInt() > 0 { return true }
            let timeout = arguments[1]
            if !timeout.isNone, try timeout.toDouble() <= 0 { return false }
            do {
                state.pending = try incoming.callMethod("get", [true, timeout])
                return true
            } catch let error as PyException {
                if try error.matches(empty) { return false }
                throw error
            }
        }
        namespace["close"] = method("close") { arguments in
            guard let state = (arguments[0].heap as? PyInstance)?.payload as? PipeEnd, !state.closed else { return .none }
            state.closed = true
            if let outgoing = state.outgoing { _ = try outgoing.callMethod("put", [closedMarker]) }
            return .none
        }
        namespace["closed"] = try property("closed") { value in
            PyObject(((value.heap as? PyInstance)?.payload as? PipeEnd)?.closed ?? true)
        }
        namespace["readable"] = try property("readable") { value in PyObject(try end(value).incoming != nil) }
        namespace["writable"] = try property("writable") { value in PyObject(try end(value).outgoing != nil) }
        namespace["fileno"] = method("fileno") { _ in
            throw OutsideSurface.error("multiprocessing.connection.Connection.fileno", "gives a file descriptor")
        }
        namespace["__enter__"] = method("__enter__") { arguments in arguments[0] }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            _ = try arguments[0].callMethod("close")
            return false
        }
    }

    func make(_ state: PipeEnd) throws -> PyObject {
        let instance = PyInstance(cls: connection.heap as! PyClass)
        instance.payload = state
        return PyObject(instance)
    }
    return moduleFunction("Pipe", ["duplex"], defaults: [true]) { arguments in
        let forward = try queueClass(), backward = try queueClass()
        if try arguments[0].truthy() {
            return .tuple([try make(PipeEnd(incoming: forward, outgoing: backward)), try make(PipeEnd(incoming: backward, outgoing: forward))])
        }
        return .tuple([try make(PipeEnd(incoming: forward, outgoing: nil)), try make(PipeEnd(incoming: nil, outgoing: forward))])
    }
}
