import Foundation

/// The builtins namespace: `Py.len`, `Py.ValueError`, `Py.print` … each a `PyObject`.
public enum Py {
    public static let object = PyObject(PyClass.object)
    public static let type = PyObject(PyClass.type)
    public static let int = PyObject(PyClass.int)
    public static let bool = PyObject(PyClass.bool)
    public static let float = PyObject(PyClass.float)
    public static let complex = PyObject(PyClass.complex)
    public static let str = PyObject(PyClass.str)
    public static let bytes = PyObject(PyClass.bytes)
    public static let bytearray = PyObject(PyClass.bytearray)
    public static let list = PyObject(PyClass.list)
    public static let tuple = PyObject(PyClass.tuple)
    public static let dict = PyObject(PyClass.dict)
    public static let set = PyObject(PyClass.set)
    public static let frozenset = PyObject(PyClass.frozenset)
    public static let slice = PyObject(PyClass.slice)
    public static let range = PyObject(PyClass.range)
    public static let property = PyObject(PyClass.property)
    public static let classmethod = PyObject(PyClass.classmethod)
    public static let staticmethod = PyObject(PyClass.staticmethod)
    public static let `super` = PyObject(PyClass.superType)
    public static let NotImplemented = PyObject.notImplemented
    public static let Ellipsis = PyObject.ellipsis
    public static let None = PyObject.none

    public static let print = PyObject.builtin("print") { arguments, keywords in
        var args = BuiltinArguments("print", arguments, keywords)
        let sep = args.take("sep") ?? .none, end = args.take("end") ?? .none
        let file = args.take("file") ?? .none
        _ = args.take("flush")
        try args.rejectKeywords()
        let separator = sep.isNone ? " " : try textArgument(sep, "sep")
        let terminator = end.isNone ? "\n" : try textArgument(end, "end")
        let text = try arguments.prefix(arguments.count).map { try $0.str() }.joined(separator: separator) + terminator
        try PyStreams.write(text, to: file)
        return .none
    }

    private static func textArgument(_ value: PyObject, _ name: String) throws -> String {
        guard case .str(let text) = value.storage else {
            throw PyException.typeError("\(name) must be None or a string, not \(value.typeName)")
        }
        return text
    }

    public static let len = PyObject.builtin("len") { arguments, keywords in
        try BuiltinArguments("len", arguments, keywords).requireCount(1...1)
        return PyObject(try arguments[0].length())
    }

    public static let repr = PyObject.builtin("repr") { arguments, keywords in
        try BuiltinArguments("repr", arguments, keywords).requireCount(1...1)
        return PyObject(try arguments[0].repr())
    }

    public static let ascii = PyObject.builtin("ascii") { arguments, keywords in
        try BuiltinArguments("ascii", arguments, keywords).requireCount(1...1)
        return PyObject(asciiEscaped(try arguments[0].repr()))
    }

    static func asciiEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 128 { out.unicodeScalars.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            if scalar.value < 0x100 { out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
            else if scalar.value < 0x10000 { out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
            else { out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex }
        }
        return out
    }

    public static let isinstance = PyObject.builtin("isinstance") { arguments, keywords in
        try BuiltinArguments("isinstance", arguments, keywords).requireCount(2...2)
        return PyObject(try isInstance(arguments[0], arguments[1]))
    }

    static func isInstance(_ value: PyObject, _ classes: PyObject) throws -> Bool {
        if let type = classes.heap as? PyClass {
            if let meta = type.metaclass, meta.isHeapType, let hook = meta.overrides("__instancecheck__") {
                return try hook.callBound(classes, [value]).truthy()
            }
            if value.pyType.isSubclass(of: type) { return true }
            // `isinstance` also asks `__class__`, which a mock with a spec answers with the spec's class.
            if let instance = value.heap as? PyInstance, instance.cls.isHeapType, instance.cls.lookup("__class__")?.heap is PyProperty,
               let claimed = try value.attribute("__class__").heap as? PyClass, claimed.isSubclass(of: type) {
                return true
            }
            if type.pyType.isSubclass(of: PyClass.abcMeta) {
                return try PyABC.registeredSubclass(value.pyType, of: type)
            }
            return false
        }
        if let tuple = classes.heap as? PyTupleStorage {
            for item in tuple.items where try isInstance(value, item) { return true }
            return false
        }
        if let alias = classes.heap as? PyGenericAlias { _ = alias; throw PyException.typeError("isinstance() argument 2 cannot be a parameterized generic") }
        if let union = try? classes.findAttribute("__args__"), let members = union as PyObject?, classes.typeName == "UnionType" || classes.typeName == "_UnionGenericAlias" {
            return try isInstance(value, members)
        }
        throw PyException.typeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
    }

    public static let issubclass = PyObject.builtin("issubclass") { arguments, keywords in
        try BuiltinArguments("issubclass", arguments, keywords).requireCount(2...2)
        guard let type = arguments[0].heap as? PyClass else { throw PyException.typeError("issubclass() arg 1 must be a class") }
        return PyObject(try isSubclass(type, arguments[1]))
    }

    static func isSubclass(_ type: PyClass, _ classes: PyObject) throws -> Bool {
        if let target = classes.heap as? PyClass {
            if let meta = target.metaclass, meta.isHeapType, let hook = meta.overrides("__subclasscheck__") {
                return try hook.callBound(classes, [PyObject(type)]).truthy()
            }
            if type.isSubclass(of: target) { return true }
            if target.pyType.isSubclass(of: PyClass.abcMeta) { return try PyABC.registeredSubclass(type, of: target) }
            return false
        }
        if let tuple = classes.heap as? PyTupleStorage {
            for item in tuple.items where try isSubclass(type, item) { return true }
            return false
        }
        throw PyException.typeError("issubclass() arg 2 must be a class, a tuple of classes, or a union")
    }

    /// `super()` inside a method of `type`: `Py.superOf(Dog, this)`.
    public static func superOf(_ type: PyObject, _ receiver: PyObject) throws -> PyObject {
        guard let thisClass = type.heap as? PyClass else { throw PyException.typeError("super() argument 1 must be a type, not \(type.typeName)") }
        let receiverOK = receiver.pyType.isSubclass(of: thisClass) || ((receiver.heap as? PyClass)?.isSubclass(of: thisClass) ?? false)
        guard receiverOK else { throw PyException.typeError("super(type, obj): obj must be an instance or subtype of type") }
        return PyObject(PySuper(thisClass: thisClass, receiver: receiver))
    }

    public static let callable = PyObject.builtin("callable") { arguments, keywords in
        try BuiltinArguments("callable", arguments, keywords).requireCount(1...1)
        return PyObject(arguments[0].isCallable)
    }

    public static let id = PyObject.builtin("id") { arguments, keywords in
        try BuiltinArguments("id", arguments, keywords).requireCount(1...1)
        switch arguments[0].storage {
        case .heap(let object): return PyObject(object.address)
        default: return PyObject(Swift.abs(try arguments[0].hashValue()) &* 16 &+ 0x7f00_0000_0000)
        }
    }

    public static let hash = PyObject.builtin("hash") { arguments, keywords in
        try BuiltinArguments("hash", arguments, keywords).requireCount(1...1)
        return PyObject(try arguments[0].hashValue())
    }

    public static let iter = PyObject.builtin("iter") { arguments, keywords in
        try BuiltinArguments("iter", arguments, keywords).requireCount(1...2)
        if arguments.count == 2 {
            let function = arguments[0], sentinel = arguments[1]
            return PyObject(PyNativeIterator("callable_iterator") {
                let value = try function.call([])
                if try value.equals(sentinel) { return nil }
                return value
            })
        }
        return try arguments[0].iterate().pythonObject
    }

    public static let next = PyObject.builtin("next") { arguments, keywords in
        try BuiltinArguments("next", arguments, keywords).requireCount(1...2)
        let iterator = arguments[0]
        guard iterator.hasNext else { throw PyException.typeError("'\(iterator.typeName)' object is not an iterator") }
        if let generator = iterator.heap as? PyGeneratorObject {
            if let value = try generator.resume(sending: .none) { return value }
            if arguments.count == 2 { return arguments[1] }
            throw PyException.stopIteration(generator.returnValue.isNone ? Optional<PyObject>.none : generator.returnValue)
        }
        if arguments.count == 2 { return try PyObject.nextOf(iterator) ?? arguments[1] }
        if let native = iterator.heap as? PyNativeIterator {
            guard let value = try native.nextValue() else { throw PyException.stopIteration() }
            return value
        }
        return try iterator.callSpecial("__next__", []) ?? .none
    }

    public static let getattr = PyObject.builtin("getattr") { arguments, keywords in
        try BuiltinArguments("getattr", arguments, keywords).requireCount(2...3)
        guard case .str(let name) = arguments[1].storage else {
            throw PyException.typeError("attribute name must be string, not '\(arguments[1].typeName)'")
        }
        if arguments.count == 3 {
            do { return try arguments[0].findAttribute(name) ?? arguments[2] } catch let error as PyException where error.isInstance(of: PyClass.attributeError) {
                return arguments[2]
            }
        }
        return try arguments[0].attribute(name)
    }

    public static let setattr = PyObject.builtin("setattr") { arguments, keywords in
        try BuiltinArguments("setattr", arguments, keywords).requireCount(3...3)
        try arguments[0].setAttribute(try attributeName(arguments[1]), arguments[2])
        return .none
    }

    public static let delattr = PyObject.builtin("delattr") { arguments, keywords in
        try BuiltinArguments("delattr", arguments, keywords).requireCount(2...2)
        try arguments[0].deleteAttribute(try attributeName(arguments[1]))
        return .none
    }

    public static let hasattr = PyObject.builtin("hasattr") { arguments, keywords in
        try BuiltinArguments("hasattr", arguments, keywords).requireCount(2...2)
        do { return PyObject(try arguments[0].findAttribute(try attributeName(arguments[1])) != nil) } catch let error as PyException where error.isInstance(of: PyClass.attributeError) {
            return .False
        }
    }

    private static func attributeName(_ value: PyObject) throws -> String {
        guard case .str(let name) = value.storage else {
            throw PyException.typeError("attribute name must be string, not '\(value.typeName)'")
        }
        return name
    }

    /// Builtins outside what a note's translation can run: they raise naming themselves.
    static func outsideSurface(_ name: String) -> PyObject {
        PyObject.builtin(name) { _, _ in
            throw PyException.make(PyClass.notImplementedError, "\(name)() is outside what Loom runs: translated notes have no files, input or code evaluation")
        }
    }
    public static let input = outsideSurface("input")
    public static let open = outsideSurface("open")
    public static let eval = outsideSurface("eval")
    public static let exec = outsideSurface("exec")
    public static let compile = outsideSurface("compile")
    public static let breakpoint = outsideSurface("breakpoint")
    public static let help = outsideSurface("help")
    public static let exit = PyObject.builtin("exit") { arguments, _ in
        throw PyException.make(PyClass.systemExit, arguments)
    }
    public static let quit = exit

    // Exceptions
    public static let BaseException = PyObject(PyClass.baseException)
    public static let Exception = PyObject(PyClass.exception)
    public static let ArithmeticError = exceptionClass("ArithmeticError")
    public static let FloatingPointError = exceptionClass("FloatingPointError")
    public static let OverflowError = exceptionClass("OverflowError")
    public static let ZeroDivisionError = exceptionClass("ZeroDivisionError")
    public static let AssertionError = exceptionClass("AssertionError")
    public static let AttributeError = exceptionClass("AttributeError")
    public static let BufferError = exceptionClass("BufferError")
    public static let EOFError = exceptionClass("EOFError")
    public static let ImportError = exceptionClass("ImportError")
    public static let ModuleNotFoundError = exceptionClass("ModuleNotFoundError")
    public static let LookupError = exceptionClass("LookupError")
    public static let IndexError = exceptionClass("IndexError")
    public static let KeyError = exceptionClass("KeyError")
    public static let MemoryError = exceptionClass("MemoryError")
    public static let NameError = exceptionClass("NameError")
    public static let UnboundLocalError = exceptionClass("UnboundLocalError")
    public static let OSError = exceptionClass("OSError")
    public static let EnvironmentError = exceptionClass("OSError")
    public static let IOError = exceptionClass("OSError")
    public static let BlockingIOError = exceptionClass("BlockingIOError")
    public static let ChildProcessError = exceptionClass("ChildProcessError")
    public static let ConnectionError = exceptionClass("ConnectionError")
    public static let BrokenPipeError = exceptionClass("BrokenPipeError")
    public static let ConnectionAbortedError = exceptionClass("ConnectionAbortedError")
    public static let ConnectionRefusedError = exceptionClass("ConnectionRefusedError")
    public static let ConnectionResetError = exceptionClass("ConnectionResetError")
    public static let FileExistsError = exceptionClass("FileExistsError")
    public static let FileNotFoundError = exceptionClass("FileNotFoundError")
    public static let InterruptedError = exceptionClass("InterruptedError")
    public static let IsADirectoryError = exceptionClass("IsADirectoryError")
    public static let NotADirectoryError = exceptionClass("NotADirectoryError")
    public static let PermissionError = exceptionClass("PermissionError")
    public static let ProcessLookupError = exceptionClass("ProcessLookupError")
    public static let TimeoutError = exceptionClass("TimeoutError")
    public static let ReferenceError = exceptionClass("ReferenceError")
    public static let RuntimeError = exceptionClass("RuntimeError")
    public static let NotImplementedError = exceptionClass("NotImplementedError")
    public static let RecursionError = exceptionClass("RecursionError")
    public static let StopAsyncIteration = exceptionClass("StopAsyncIteration")
    public static let StopIteration = exceptionClass("StopIteration")
    public static let SyntaxError = exceptionClass("SyntaxError")
    public static let IndentationError = exceptionClass("IndentationError")
    public static let TabError = exceptionClass("TabError")
    public static let SystemError = exceptionClass("SystemError")
    public static let TypeError = exceptionClass("TypeError")
    public static let ValueError = exceptionClass("ValueError")
    public static let UnicodeError = exceptionClass("UnicodeError")
    public static let UnicodeDecodeError = exceptionClass("UnicodeDecodeError")
    public static let UnicodeEncodeError = exceptionClass("UnicodeEncodeError")
    public static let UnicodeTranslateError = exceptionClass("UnicodeTranslateError")
    public static let Warning = exceptionClass("Warning")
    public static let BytesWarning = exceptionClass("BytesWarning")
    public static let DeprecationWarning = exceptionClass("DeprecationWarning")
    public static let EncodingWarning = exceptionClass("EncodingWarning")
    public static let FutureWarning = exceptionClass("FutureWarning")
    public static let ImportWarning = exceptionClass("ImportWarning")
    public static let PendingDeprecationWarning = exceptionClass("PendingDeprecationWarning")
    public static let ResourceWarning = exceptionClass("ResourceWarning")
    public static let RuntimeWarning = exceptionClass("RuntimeWarning")
    public static let SyntaxWarning = exceptionClass("SyntaxWarning")
    public static let UnicodeWarning = exceptionClass("UnicodeWarning")
    public static let UserWarning = exceptionClass("UserWarning")
    public static let SystemExit = PyObject(PyClass.systemExit)
    public static let KeyboardInterrupt = exceptionClass("KeyboardInterrupt")
    public static let GeneratorExit = PyObject(PyClass.generatorExit)
    public static let BaseExceptionGroup = exceptionClass("BaseExceptionGroup")
    public static let ExceptionGroup = exceptionClass("ExceptionGroup")

    private static func exceptionClass(_ name: String) -> PyObject { PyObject(PyClass.exceptionClasses[name]!) }
}

/// Where `print` writes: stdout, stderr (through the support library's output, traced and
/// capped as static `print` is), or any object with a `write` method.
public enum PyStreams {
    /// `sys.stdout` and `sys.stderr` as objects a `sys` module can export; `print(file=…)` knows them.
    public static let stdout: PyObject = makeStream(.stdout, "<stdout>")
    public static let stderr: PyObject = makeStream(.stderr, "<stderr>")

    static let streamClass: PyClass = {
        let type = PyClass(name: "TextIOWrapper", module: "_io", bases: [PyClass.object], layout: .object)
        type.mro = [type, PyClass.object]
        type.method("write", arity: 1...1) { this, arguments in
            let text = try arguments[0].toString()
            let stream = try this.nativePayload(as: PythonStream.self)
            Output.printAndTrace(text, to: stream)
            return PyObject(text.unicodeScalars.count)
        }
        type.method("flush", arity: 0...0) { _, _ in .none }
        type.method("isatty", arity: 0...0) { _, _ in .False }
        return type
    }()

    private static func makeStream(_ stream: PythonStream, _ name: String) -> PyObject {
        let instance = PyInstance(cls: streamClass)
        instance.payload = stream
        try? instance.attributes.set("name", PyObject(name))
        return PyObject(instance)
    }

    static func write(_ text: String, to file: PyObject) throws {
        if file.isNone { Output.printAndTrace(text, to: .stdout); return }
        if let instance = file.heap as? PyInstance, let stream = instance.payload as? PythonStream {
            Output.printAndTrace(text, to: stream)
            return
        }
        try file.callMethod("write", [PyObject(text)])
    }
}

/// What `abc` needs of the object model: `ABCMeta` is built in (abstract methods are computed
/// when a class is made with it), plus `register` for virtual subclasses.
public enum PyABC {
    public static let ABCMeta = PyObject(PyClass.abcMeta)
    /// `abc.ABC`.
    public static let ABC: PyObject = {
        let type = try! PyClass.create(metaclass: PyClass.abcMeta, name: "ABC", bases: [], namespace: {
            var table = StringTable()
            table["__module__"] = "abc"
            table["__slots__"] = .tuple([])
            return table
        }(), keywords: [])
        return PyObject(type)
    }()
    /// `abc.abstractmethod(f)`.
    public static let abstractmethod = PyObject.nativeFunction("abstractmethod", module: "abc") { arguments, _ in
        guard arguments.count == 1 else { throw PyException.typeError("abstractmethod() takes exactly one argument (\(arguments.count) given)") }
        try arguments[0].setAttribute("__isabstractmethod__", .True)
        return arguments[0]
    }

    private static let registry = Locked<[ObjectIdentifier: [PyClass]]>([:])

    /// `Base.register(Sub)`.
    public static func register(_ subclass: PyObject, with base: PyObject) throws -> PyObject {
        guard let sub = subclass.heap as? PyClass, let target = base.heap as? PyClass else {
            throw PyException.typeError("Can only register classes")
        }
        registry.withLock { $0[ObjectIdentifier(target), default: []].append(sub) }
        return subclass
    }

    static func registeredSubclass(_ type: PyClass, of target: PyClass) throws -> Bool {
        if let hook = target.lookup("__subclasshook__"), hook.heap is PyMethodWrapper {
            let result = try PyObject.bindToClass(hook, target).call([PyObject(type)])
            if !result.isNotImplemented { return try result.truthy() }
        }
        let registered = registry.withLock { table in table.flatMap { entry -> [PyClass] in
            (try? PyObject.identifierMatches(entry.key, in: target)) == true ? entry.value : []
        } }
        return registered.contains { type.isSubclass(of: $0) }
    }
}

extension PyObject {
    static func identifierMatches(_ identifier: ObjectIdentifier, in target: PyClass) throws -> Bool {
        target.mro.contains { ObjectIdentifier($0) == identifier }
    }
}
