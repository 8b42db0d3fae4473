/// `sys`, `os`, `traceback` and `types`: what a note can observe of the interpreter, with a fixed
/// environment; files, processes and the real environment are refused by name.
enum SysModule {
    static let name = "sys"

    static func stream(_ name: String, _ target: PythonStream) throws -> PyObject {
        let cls = try PyObject.makeClass("TextIOWrapper") { namespace in
            namespace["__module__"] = "_io"
            namespace["write"] = PyObject.function("write", PySignature(["self", "s"])) { arguments in
                let text = try arguments[1].toString()
                Output.write(text, to: target)
                return PyObject(text.unicodeScalars.count)
            }
            namespace["flush"] = PyObject.function("flush", PySignature(["self"])) { _ in .none }
            namespace["isatty"] = PyObject.function("isatty", PySignature(["self"])) { _ in false }
            namespace["writelines"] = PyObject.function("writelines", PySignature(["self", "lines"])) { arguments in
                for line in try arguments[1].collect() { Output.write(try line.toString(), to: target) }
                return .none
            }
            namespace["__repr__"] = PyObject.function("__repr__", PySignature(["self"])) { _ in
                PyObject("<_io.TextIOWrapper name='<\(name)>' mode='w' encoding='utf-8'>")
            }
        }
        let object = try cls()
        try object.setAttribute("name", PyObject("<\(name)>"))
        try object.setAttribute("encoding", "utf-8")
        return object
    }

    static func build() throws -> PyObject {
        let versionInfo = try CollectionsModule.namedtuple("version_info", .list(["major", "minor", "micro", "releaselevel", "serial"]),
                                                           rename: false, defaults: .none, module: "sys")
        return buildModule(name, [
            ("version_info", try versionInfo(3, 11, 2, "final", 0)),
            ("version", "3.11.2 (main, Loom) [Swift]"),
            ("hexversion", 0x030B02F0),
            ("platform", "linux"),
            ("byteorder", "little"),
            ("maxsize", PyObject(Int.max)),
            ("argv", .list([""])),
            ("executable", ""),
            ("path", .list([""])),
            ("modules", try .dict([])),
            ("implementation", PyObject.none),
            ("stdout", try stream("stdout", .stdout)),
            ("stderr", try stream("stderr", .stderr)),
            ("stdin", OutsideSurface.refusal(name, "stdin", "reads the terminal")),
            ("getrecursionlimit", PyObject.moduleFunction(name, "getrecursionlimit", PySignature()) { _ in PyObject(CallDepth.limit) }),
            ("setrecursionlimit", PyObject.moduleFunction(name, "setrecursionlimit", PySignature(["limit"])) { arguments in
                let limit = try arguments[0].toInt()
                if limit < 1 { throw PyException.valueError("recursion limit must be greater or equal than 1") }
                CallDepth.limit = min(limit, 20_000)
                return .none
            }),
            ("getsizeof", PyObject.moduleFunction(name, "getsizeof", PySignature(["object", "default"], defaults: [.none])) { arguments in
                PyObject(try sizeEstimate(arguments[0]))
            }),
            ("exit", PyObject.moduleFunction(name, "exit", PySignature(["status"], defaults: [.none])) { arguments in
                throw try PyException(raising: try PyObject(PyClass.systemExit)(arguments[0]))
            }),
            ("exc_info", PyObject.moduleFunction(name, "exc_info", PySignature()) { _ in
                guard let handled = HandledExceptions.current else { return .tuple([.none, .none, .none]) }
                return .tuple([PyObject(handled.value.pyType), handled.value, .none])
            }),
            ("getdefaultencoding", PyObject.moduleFunction(name, "getdefaultencoding", PySignature()) { _ in "utf-8" }),
            ("intern", PyObject.moduleFunction(name, "intern", PySignature(["string"])) { arguments in arguments[0] }),
        ])
    }

    /// CPython 3.11's sizes on 64-bit Linux for the common cases: an estimate (the Swift values
    /// are laid out differently), documented in docs/standard-library.md.
    static func sizeEstimate(_ value: PyObject) throws -> Int {
        switch value.builtinValue.storage {
        case .none: return 16
        case .bool: return 28
        case .int(let number):
            if number == 0 { return 24 }
            let bits = Int.bitWidth - number.magnitude.leadingZeroBitCount
            return 24 + 4 * ((bits + 29) / 30)
        case .big: return 24 + 4 * ((try value.repr().count * 10 / 3 + 29) / 30)
        case .float: return 24
        case .str(let text):
            let maxScalar = text.unicodeScalars.map(\.value).max() ?? 0
            let count = text.unicodeScalars.count
            if maxScalar < 128 { return 49 + count }
            if maxScalar < 256 { return 73 + count }
            if maxScalar < 65536 { return 74 + 2 * count }
            return 76 + 4 * count
        case .heap(let object):
            switch object {
            case let list as PyList: return 56 + 8 * list.count
            case let tuple as PyTupleStorage: return 40 + 8 * tuple.items.count
            case let dict as PyDictStorage:
                let count = dict.count
                if count == 0 { return 64 }
                var slots = 8
                while slots * 2 / 3 < count { slots *= 2 }
                return 184 + (slots > 8 ? (slots - 8) * 26 : 0)
            case let set as PySetStorage:
                var slots = 8
                while slots * 3 / 5 < set.count { slots *= 4 }
                return 216 + (slots > 8 ? slots * 16 - 128 : 0)
            case let bytes as PyBytes: return 33 + bytes.bytes.count
            case is PyRange: return 48
            case is PyFunction: return 152
            default: return 48
            }
        }
    }
}

enum OsModule {
    static let name = "os"

    /// The environment a translated program sees: fixed, so a page reads the same on every machine.
    static let environment: [(String, String)] = [
        ("HOME", "/home/loom"), ("LANG", "C.UTF-8"), ("PATH", "/usr/local/bin:/usr/bin:/bin"), ("USER", "loom"),
    ]

    static func build() throws -> PyObject {
        func refused(_ names: [String], _ what: String) -> [(String, PyObject)] {
            names.map { ($0, OutsideSurface.refusal(name, $0, what)) }
        }
        let environ = try PyObject.dict(environment.map { (PyObject($0.0), PyObject($0.1)) })
        var members: [(String, PyObject)] = [
            ("name", "posix"), ("sep", "/"), ("linesep", "\n"), ("pathsep", ":"), ("curdir", "."), ("pardir", ".."), ("extsep", "."),
            ("environ", environ),
            ("getpid", PyObject.moduleFunction(name, "getpid", PySignature()) { _ in PyObject(OS.getpid()) }),
            ("getppid", PyObject.moduleFunction(name, "getppid", PySignature()) { _ in PyObject(OS.getpid() > 1 ? 1 : 0) }),
            ("cpu_count", PyObject.moduleFunction(name, "cpu_count", PySignature()) { _ in PyObject(OS.cpuCount()) }),
            ("getenv", PyObject.moduleFunction(name, "getenv", PySignature(["key", "default"], defaults: [.none])) { arguments in
                try environ.callMethod("get", [arguments[0], arguments[1]])
            }),
            ("path", try pathModule()),
        ]
        members += refused(["listdir", "mkdir", "makedirs", "remove", "unlink", "rmdir", "removedirs", "rename", "replace", "scandir",
                            "walk", "stat", "open", "chdir", "getcwd", "chmod", "chown", "symlink", "link", "truncate", "utime"], "touches files")
        members += refused(["system", "popen", "fork", "kill", "execv", "execvp", "spawnl", "_exit", "wait", "waitpid"], "starts or ends processes")
        members += refused(["putenv", "unsetenv"], "changes the environment")
        return buildModule(name, members)
    }

    static func pathModule() throws -> PyObject {
        let name = "posixpath"
        func text(_ value: PyObject) throws -> String {
            guard value.isStr else { throw PyException.typeError("expected str, bytes or os.PathLike object, not \(value.typeName)") }
            return try value.toString()
        }
        func split(_ path: String) -> (String, String) {
            guard let slash = path.lastIndex(of: "/") else { return ("", path) }
            var head = String(path[...slash])
            let tail = String(path[path.index(after: slash)...])
            if head != String(repeating: "/", count: head.count) { while head.hasSuffix("/") { head.removeLast() } }
            return (head, tail)
        }
        func splitext(_ path: String) -> (String, String) {
            let (_, tail) = split(path)
            guard let dot = tail.lastIndex(of: "."), tail[..<dot].contains(where: { $0 != "." }) else { return (path, "") }
            let extensionLength = tail.distance(from: dot, to: tail.endIndex)
            return (String(path.dropLast(extensionLength)), String(tail[dot...]))
        }
        func normpath(_ path: String) -> String {
            if path.isEmpty { return "." }
            let initial = path.hasPrefix("/") ? (path.hasPrefix("//") && !path.hasPrefix("///") ? 2 : 1) : 0
            var parts: [String] = []
            for component in path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
                if component == "." { continue }
                if component == "..", initial == 0 && (parts.isEmpty || parts.last == "..") { parts.append(component); continue }
                if component == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
                parts.append(component)
            }
            let joined = String(repeating: "/", count: initial) + parts.joined(separator: "/")
            return joined.isEmpty ? "." : joined
        }
        func one(_ function: String, _ body: @escaping (String) throws -> PyObject) -> (String, PyObject) {
            (function, PyObject.moduleFunction(name, function, PySignature(["p"])) { arguments in try body(try text(arguments[0])) })
        }
        var members: [(String, PyObject)] = [
            ("sep", "/"),
            ("join", PyObject.moduleFunction(name, "join", PySignature(["a"], varargs: "p")) { arguments in
                var path = try text(arguments[0])
                for part in try arguments[1].collect().map(text) {
                    if part.hasPrefix("/") { path = part } else if path.isEmpty || path.hasSuffix("/") { path += part } else { path += "/" + part }
                }
                return PyObject(path)
            }),
            one("split") { let (head, tail) = split($0); return .tuple([PyObject(head), PyObject(tail)]) },
            one("basename") { PyObject(split($0).1) },
            one("dirname") { PyObject(split($0).0) },
            one("splitext") { let (root, ext) = splitext($0); return .tuple([PyObject(root), PyObject(ext)]) },
            one("isabs") { PyObject($0.hasPrefix("/")) },
            one("normpath") { PyObject(normpath($0)) },
            one("abspath") { PyObject(normpath($0.hasPrefix("/") ? $0 : "/home/loom/" + $0)) },
            one("expanduser") { PyObject($0 == "~" ? "/home/loom" : ($0.hasPrefix("~/") ? "/home/loom" + $0.dropFirst() : $0)) },
        ]
        for refused in ["exists", "isfile", "isdir", "islink", "getsize", "getmtime", "getctime", "getatime", "realpath", "samefile", "lexists"] {
            members.append((refused, OutsideSurface.refusal("os.path", refused, "touches files")))
        }
        return buildModule(name, members)
    }
}

enum TracebackModule {
    static let name = "traceback"

    /// What `traceback.format_exception` prints for an exception raised in a cell: the chain, then
    /// CPython's last line (frames are not recorded, so one frame line stands for the cell).
    static func formatException(_ info: PyObject) throws -> String {
        var value = info
        if let tuple = info.heap as? PyTupleStorage { value = tuple.items.count > 1 ? tuple.items[1] : .none }
        guard !value.isNone else { return "NoneType: None" }
        let exception = PyException(instance: value)
        var text = exception.chainText + "Traceback (most recent call last):\n  File \"<cell>\", in <module>\n" + exception.exceptionLine
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    static func build() throws -> PyObject {
        func current() -> PyObject { HandledExceptions.current?.value ?? .none }
        return buildModule(name, [
            ("format_exc", PyObject.moduleFunction(name, "format_exc", PySignature(["limit", "chain"], defaults: [.none, true])) { _ in
                PyObject(try formatException(current()) + "\n")
            }),
            ("print_exc", PyObject.moduleFunction(name, "print_exc", PySignature(["limit", "file", "chain"], defaults: [.none, .none, true])) { arguments in
                let text = try formatException(current()) + "\n"
                if arguments[1].isNone { Output.write(text, to: .stderr) } else { try arguments[1].callMethod("write", [PyObject(text)]) }
                return .none
            }),
            ("format_exception", PyObject.moduleFunction(name, "format_exception", PySignature(["exc", "value", "tb"], defaults: [.none, .none])) { arguments in
                let value = arguments[1].isNone ? arguments[0] : arguments[1]
                let lines = try formatException(value).split(separator: "\n", omittingEmptySubsequences: false).map { PyObject(String($0) + "\n") }
                return .list(lines)
            }),
            ("format_exception_only", PyObject.moduleFunction(name, "format_exception_only", PySignature(["exc", "value"], defaults: [.none])) { arguments in
                let value = arguments[1].isNone ? arguments[0] : arguments[1]
                return .list([PyObject(PyException(instance: value).exceptionLine + "\n")])
            }),
            ("print_exception", PyObject.moduleFunction(name, "print_exception", PySignature(["exc", "value", "tb", "limit", "file", "chain"], defaults: [.none, .none, .none, .none, true])) { arguments in
                let value = arguments[1].isNone ? arguments[0] : arguments[1]
                Output.write(try formatException(value) + "\n", to: .stderr)
                return .none
            }),
            ("print_stack", PyObject.moduleFunction(name, "print_stack", PySignature(["f", "limit", "file"], defaults: [.none, .none, .none])) { _ in
                Output.write("  File \"<cell>\", in <module>\n", to: .stderr)
                return .none
            }),
        ])
    }
}

enum TypesModule {
    static let name = "types"

    static func build() throws -> PyObject {
        let namespaceClass = try PyObject.makeClass("SimpleNamespace") { namespace in
            namespace["__module__"] = "types"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "mapping"], defaults: [.none], varkw: "kwargs", positionalOnlyCount: 2)) { arguments in
                if let mapping = arguments[1].builtinValue.heap as? PyDictStorage {
                    for (key, value) in mapping.entries { try arguments[0].setAttribute(try key.toString(), value) }
                }
                for (key, value) in try arguments[2].unpackedKeywords() { try arguments[0].setAttribute(key, value) }
                return .none
            }
            namespace["__repr__"] = PyObject.function("__repr__", PySignature(["self"])) { arguments in
                let this = arguments[0]
                let dict = (this.heap as? PyInstance)?.attributes.entries ?? []
                let body = try ReprRecursion.guarded(this) {
                    try dict.map { "\(try $0.0.toString())=\(try $0.1.repr())" }.joined(separator: ", ")
                }
                let name = this.pyType.name == "SimpleNamespace" ? "namespace" : this.pyType.name
                return PyObject("\(name)(\(body))")
            }
            namespace["__eq__"] = PyObject.function("__eq__", PySignature(["self", "other"])) { arguments in
                guard let a = arguments[0].heap as? PyInstance, let b = arguments[1].heap as? PyInstance, b.cls.isSubclass(of: a.cls) || a.cls.isSubclass(of: b.cls) else { return .notImplemented }
                return PyObject(try PyObject(a.attributes) == PyObject(b.attributes))
            }
            namespace["__hash__"] = PyObject.none
        }
        let sample = PyObject.function("f", PySignature()) { _ in .none }
        return buildModule(name, [
            ("SimpleNamespace", namespaceClass),
            ("FunctionType", PyObject(PyClass.function)), ("LambdaType", PyObject(PyClass.function)),
            ("BuiltinFunctionType", PyObject(PyClass.builtinFunction)), ("BuiltinMethodType", PyObject(PyClass.builtinFunction)),
            ("MethodType", PyObject(PyClass.method)), ("ModuleType", PyObject(PyClass.module)),
            ("GeneratorType", PyObject(PyClass.generator)), ("CoroutineType", PyObject(PyClass.coroutine)),
            ("NoneType", PyObject(PyClass.noneType)), ("EllipsisType", PyObject(PyClass.ellipsisType)),
            ("NotImplementedType", PyObject(PyClass.notImplementedType)), ("GenericAlias", PyObject(PyClass.genericAlias)),
            ("MappingProxyType", PyObject(PyClass.dict)),
            ("new_class", PyObject.moduleFunction(name, "new_class", PySignature(["name", "bases", "kwds", "exec_body"], defaults: [.tuple([]), .none, .none])) { arguments in
                let namespace = try PyObject.dict([])
                if !arguments[3].isNone { _ = try arguments[3](namespace) }
                return try PyObject(PyClass.type)(arguments[0], arguments[1], namespace)
            }),
        ] + [("_sample", sample)].filter { _ in false })
    }
}
