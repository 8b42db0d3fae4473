import Foundation

/// What a generator's body is given: `try generator.yield(value)` suspends it until the consumer
/// resumes it and returns what `send` sent (`None` for `next`).
///
/// A generator's body runs on its own thread, handed control back and forth with the consumer so
/// that exactly one of them runs at a time (Swift has no way to suspend synchronous code). The
/// thread takes the consumer's lane name at each resume, so its prints are traced in the lane
/// that asked for the value; it is no Python thread: no lane of its own, never waited for when a
/// cell ends. A generator dropped before it finished is closed (its `finally` blocks run) and its
/// thread ends; one still suspended when the program exits ends with the process.
public final class PyGeneratorHandle: @unchecked Sendable {
    fileprivate let channel: GeneratorChannel
    fileprivate init(_ channel: GeneratorChannel) { self.channel = channel }

    /// `yield value`: returns the value sent by `send` (None for `next`), or throws what `throw`
    /// threw in (GeneratorExit on `close`).
    @discardableResult
    public func `yield`(_ value: PyObject = .none) throws -> PyObject {
        try channel.yieldFromBody(value)
    }

    /// `yield from iterable`: delegates to a generator (forwarding `send` and `throw`) or iterates
    /// any iterable; returns the delegate's return value.
    @discardableResult
    public func yieldFrom(_ iterable: PyObject) throws -> PyObject {
        if let delegate = iterable.heap as? PyGeneratorObject {
            var sending: PyObject = .none
            var pending: PyException?
            while true {
                let produced: PyObject?
                if let exception = pending {
                    pending = nil
                    produced = try delegate.throwInto(exception)
                } else {
                    produced = try delegate.resume(sending: sending)
                }
                guard let value = produced else { return delegate.returnValue }
                do {
                    sending = try self.yield(value)
                } catch let error as PyException {
                    if error.isInstance(of: PyClass.generatorExit) { try delegate.close(); throw error }
                    pending = error
                }
            }
        }
        if iterable.hasNext, !(iterable.heap is PyNativeIterator), let send = try? iterable.findAttribute("send") {
            var sending: PyObject = .none
            do {
                var produced = try PyObject.nextOf(iterable)
                while let value = produced {
                    sending = try self.yield(value)
                    produced = sending.isNone ? try PyObject.nextOf(iterable) : try send(sending)
                }
            } catch let error as PyException where error.isInstance(of: PyClass.stopIteration) {
                return error.state?.arguments.first ?? .none
            }
            return .none
        }
        let iterator = try iterable.iterate()
        while let value = try iterator.next() { try self.yield(value) }
        return .none
    }

    /// `await awaitable` inside a coroutine: a coroutine is run to its result (its suspensions
    /// reach the event loop); any other object is awaited through `__await__`.
    @discardableResult
    public func await(_ awaitable: PyObject) throws -> PyObject {
        if let coroutine = awaitable.heap as? PyGeneratorObject {
            if coroutine.kind != .coroutine {
                throw PyException.typeError("object generator can't be used in 'await' expression")
            }
            return try yieldFrom(awaitable)
        }
        guard let method = awaitable.pyType.lookup("__await__") else {
            throw PyException.typeError("object \(awaitable.typeName) can't be used in 'await' expression")
        }
        let iterator = try method.callBound(awaitable, [])
        return try yieldFrom(iterator)
    }
}

/// A generator or coroutine object.
final class PyGeneratorObject: PyHeap, @unchecked Sendable {
    enum Kind { case generator, coroutine }
    let kind: Kind
    let name: String
    fileprivate let channel: GeneratorChannel
    var returnValue: PyObject = .none

    /// A generator expression of one `for` clause: each `next()` runs `step` on the consumer's own
    /// thread — no body thread, no hand-off — since nothing in it can suspend but the one `yield`.
    private var step: (() throws -> PyObject?)?
    private var stepping = false
    private var stepStarted = false

    init(name: String, kind: Kind, body: @escaping (PyGeneratorHandle) throws -> PyObject) {
        self.name = name
        self.kind = kind
        channel = GeneratorChannel(body: body)
    }

    init(expressionNamed name: String, step: @escaping () throws -> PyObject?) {
        self.name = name
        kind = .generator
        channel = GeneratorChannel(body: { _ in .none })
        self.step = step
    }

    /// `next`/`send`/`throw` of a stepped generator expression: the value a generator expression's
    /// `yield` receives is discarded, and an exception thrown in ends it where it stands.
    private func resumeStepping(_ step: () throws -> PyObject?, sending value: PyObject, raising exception: PyException?) throws -> PyObject? {
        if stepping { throw PyException.valueError("generator already executing") }
        if !stepStarted && !value.isNone {
            throw PyException.typeError("can't send non-None value to a just-started generator")
        }
        stepStarted = true
        if let exception {
            self.step = nil
            throw exception
        }
        stepping = true
        defer { stepping = false }
        do {
            if let produced = try step() { return produced }
            self.step = nil
            return nil
        } catch {
            self.step = nil
            if PyException.caught(error).isInstance(of: PyClass.stopIteration) {
                throw PyException.make(PyClass.runtimeError, "generator raised StopIteration")
            }
            throw error
        }
    }

    private var isStepped: Bool { step != nil || stepStarted }

    deinit { channel.abandon() }

    override var pyType: PyClass { kind == .generator ? PyClass.generator : PyClass.coroutine }

    /// `send(value)` / `next()`: the next yielded value, or nil when the body returned (its value
    /// kept in `returnValue`).
    func resume(sending value: PyObject) throws -> PyObject? {
        if isStepped {
            guard let step else { return nil }
            return try resumeStepping(step, sending: value, raising: nil)
        }
        if !channel.started && !value.isNone {
            throw PyException.typeError("can't send non-None value to a just-started \(kind == .generator ? "generator" : "coroutine")")
        }
        return try outcome(channel.resume(.send(value)))
    }

    func throwInto(_ exception: PyException) throws -> PyObject? {
        if isStepped {
            guard let step else { throw exception }
            return try resumeStepping(step, sending: .none, raising: exception)
        }
        return try outcome(channel.resume(.raise(exception)))
    }

    private func outcome(_ event: GeneratorChannel.Event) throws -> PyObject? {
        switch event {
        case .yielded(let value): return value
        case .returned(let value):
            returnValue = value
            return nil
        case .raised(let error):
            let exception = PyException.caught(error)
            if exception.isInstance(of: PyClass.stopIteration) {
                throw PyException.make(PyClass.runtimeError, "\(kind == .generator ? "generator" : "coroutine") raised StopIteration")
            }
            throw error
        case .alreadyRunning:
            throw PyException.valueError("\(kind == .generator ? "generator" : "coroutine") already executing")
        case .exhausted:
            if kind == .coroutine { throw PyException.make(PyClass.runtimeError, "cannot reuse already awaited coroutine") }
            return nil
        }
    }

    func close() throws {
        if isStepped { step = nil; stepStarted = true; return }
        guard channel.started && !channel.finished else { channel.markFinished(); return }
        let event = channel.resume(.raise(PyException.make(PyClass.generatorExit, [])))
        switch event {
        case .yielded:
            throw PyException.make(PyClass.runtimeError, "generator ignored GeneratorExit")
        case .raised(let error):
            let exception = PyException.caught(error)
            if exception.isInstance(of: PyClass.generatorExit) || exception.isInstance(of: PyClass.stopIteration) { return }
            throw error
        default:
            return
        }
    }
}

/// The hand-off between a consumer and a generator body's thread.
final class GeneratorChannel: @unchecked Sendable {
    enum Command { case send(PyObject), raise(PyException), abandon }
    enum Event { case yielded(PyObject), returned(PyObject), raised(any Error), alreadyRunning, exhausted }

    private let condition = NSCondition()
    private var body: ((PyGeneratorHandle) throws -> PyObject)?
    private var command: Command?
    private var event: Event?
    private(set) var started = false
    private(set) var finished = false
    private var running = false
    private var laneName = "MainThread"

    init(body: @escaping (PyGeneratorHandle) throws -> PyObject) { self.body = body }

    func markFinished() {
        condition.lock()
        if !started { finished = true; body = nil }
        condition.unlock()
    }

    /// Gives control to the body until it yields, returns or raises.
    func resume(_ command: Command) -> Event {
        condition.lock()
        if running { condition.unlock(); return .alreadyRunning }
        if finished { condition.unlock(); return .exhausted }
        running = true
        laneName = Lane.current
        if !started {
            started = true
            if case .raise(let exception) = command {
                finished = true
                running = false
                body = nil
                condition.unlock()
                return .raised(exception)
            }
            let work = body!
            body = nil
            condition.unlock()
            startThread(work)
            condition.lock()
        } else {
            self.command = command
            condition.broadcast()
        }
        while event == nil { condition.wait() }
        let result = event!
        event = nil
        running = false
        condition.unlock()
        return result
    }

    private func startThread(_ body: @escaping (PyGeneratorHandle) throws -> PyObject) {
        let work = UncheckedSendable(body)
        let thread = Thread { [self] in
            Lane.nameCurrentThread(self.currentLaneName())
            let handle = PyGeneratorHandle(self)
            let outcome: Event
            do {
                outcome = .returned(try work.value(handle))
            } catch {
                outcome = .raised(error)
            }
            self.condition.lock()
            self.finished = true
            self.event = outcome
            self.condition.broadcast()
            self.condition.unlock()
        }
        thread.stackSize = 8 << 20  // as a main thread: many live generators must not exhaust address space
        thread.start()
    }

    private func currentLaneName() -> String {
        condition.lock()
        defer { condition.unlock() }
        return laneName
    }

    /// Called on the body's thread by `yield`.
    func yieldFromBody(_ value: PyObject) throws -> PyObject {
        condition.lock()
        event = .yielded(value)
        condition.broadcast()
        while command == nil { condition.wait() }
        let received = command!
        command = nil
        let lane = laneName
        condition.unlock()
        Lane.nameCurrentThread(lane)
        switch received {
        case .send(let sent): return sent
        case .raise(let exception): throw exception
        case .abandon: throw PyException.make(PyClass.generatorExit, [])
        }
    }

    /// The generator object is gone: a suspended body is closed so its thread ends.
    func abandon() {
        condition.lock()
        guard started && !finished && !running else { condition.unlock(); return }
        command = .abandon
        condition.broadcast()
        condition.unlock()
    }
}

extension PyObject {
    /// `(element for target in iterable if …)`: the iterable's iterator is taken at once, as CPython
    /// takes it; `element` gives a target's value, or nil when an `if` leaves the target out.
    public static func generatorExpression(over iterable: PyObject, _ element: @escaping (PyObject) throws -> PyObject?) throws -> PyObject {
        let iterator = try iterable.iterate()
        return PyObject(PyGeneratorObject(expressionNamed: "<genexpr>") {
            while let item = try iterator.next() {
                if let value = try element(item) { return value }
            }
            return nil
        })
    }

    /// A generator object whose body runs lazily, one step per `next()`.
    public static func generator(_ name: String, _ body: @escaping (PyGeneratorHandle) throws -> PyObject) -> PyObject {
        PyObject(PyGeneratorObject(name: name, kind: .generator, body: body))
    }

    /// `async def name(…)`: calling it returns a coroutine object running `body`.
    public static func coroutineFunction(_ name: String, _ signature: PySignature = PySignature(),
                                         _ body: @escaping ([PyObject], PyGeneratorHandle) throws -> PyObject) -> PyObject {
        let function = PyFunction(name: name, signature: signature) { _ in .none }
        function.kind = .coroutine
        function.coroutineBody = body
        return PyObject(function)
    }

    /// A coroutine object made directly (for modules: `asyncio.sleep` returns one).
    public static func coroutine(_ name: String, _ body: @escaping (PyGeneratorHandle) throws -> PyObject) -> PyObject {
        PyObject(PyGeneratorObject(name: name, kind: .coroutine, body: body))
    }

    /// Whether this is a coroutine object.
    public var isCoroutine: Bool { (heap as? PyGeneratorObject)?.kind == .coroutine }

    /// Drives a coroutine or generator one step for an event loop: `send(value)`.
    public func resumeCoroutine(sending value: PyObject = .none) throws -> PyCoroutineStep {
        guard let coroutine = heap as? PyGeneratorObject else {
            throw PyException.typeError("'\(typeName)' object is not a coroutine")
        }
        if let yielded = try coroutine.resume(sending: value) { return .suspended(yielded) }
        return .finished(coroutine.returnValue)
    }

    /// `coroutine.throw(exception)` for an event loop (a cancelled task gets CancelledError).
    public func throwIntoCoroutine(_ exception: PyException) throws -> PyCoroutineStep {
        guard let coroutine = heap as? PyGeneratorObject else {
            throw PyException.typeError("'\(typeName)' object is not a coroutine")
        }
        if let yielded = try coroutine.throwInto(exception) { return .suspended(yielded) }
        return .finished(coroutine.returnValue)
    }

    /// `coroutine.close()`.
    public func closeCoroutine() throws {
        try (heap as? PyGeneratorObject)?.close()
    }
}

/// One step of a coroutine driven by an event loop.
public enum PyCoroutineStep: @unchecked Sendable {
    /// It awaits the yielded object (for asyncio, a future the loop must wait on; `None` to yield).
    case suspended(PyObject)
    /// It returned this value.
    case finished(PyObject)
}

enum PyCoroutineSupport {
    static func start(_ function: PyFunction, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        let bound = try function.signature.bind(arguments, keywords, name: function.qualname)
        guard let body = function.coroutineBody else { return .none }
        return PyObject(PyGeneratorObject(name: function.name, kind: .coroutine) { handle in try body(bound, handle) })
    }
}

enum GeneratorMethods {
    static func install(_ type: PyClass) {
        type.method("__iter__", arity: 0...0) { this, _ in this }
        type.method("__next__", arity: 0...0) { this, _ in
            guard let generator = this.heap as? PyGeneratorObject else { return .none }
            guard let value = try generator.resume(sending: .none) else {
                throw PyException.stopIteration(generator.returnValue.isNone ? Optional<PyObject>.none : generator.returnValue)
            }
            return value
        }
        type.method("send", arity: 1...1) { this, arguments in
            guard let generator = this.heap as? PyGeneratorObject else { return .none }
            guard let value = try generator.resume(sending: arguments[0]) else {
                throw PyException.stopIteration(generator.returnValue.isNone ? Optional<PyObject>.none : generator.returnValue)
            }
            return value
        }
        type.method("throw", arity: 1...3) { this, arguments in
            guard let generator = this.heap as? PyGeneratorObject else { return .none }
            var raised = arguments[0]
            if arguments.count > 1, !arguments[1].isNone, let _ = raised.heap as? PyClass { raised = try raised.call([arguments[1]]) }
            let exception = try PyException(raising: raised)
            guard let value = try generator.throwInto(exception) else {
                throw PyException.stopIteration(generator.returnValue.isNone ? Optional<PyObject>.none : generator.returnValue)
            }
            return value
        }
        type.method("close", arity: 0...0) { this, _ in
            try (this.heap as? PyGeneratorObject)?.close()
            return .none
        }
    }
}
