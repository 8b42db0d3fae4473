/// `re.Match`: groups by number or name, spans in code points, `None` (or a default) for groups
/// that did not take part, and CPython's repr `<re.Match object; span=(0, 3), match='abc'>`.
final class MatchPayload: @unchecked Sendable {
    let pattern: PyObject
    let compiled: CompiledPattern
    let subject: Subject
    let record: MatchRecord
    let pos: Int, endpos: Int

    init(pattern: PyObject, compiled: CompiledPattern, subject: Subject, record: MatchRecord, pos: Int, endpos: Int) {
        self.pattern = pattern
        self.compiled = compiled
        self.subject = subject
        self.record = record
        self.pos = pos
        self.endpos = endpos
    }

    /// A group argument: a number or a name; IndexError for anything else.
    func index(_ group: PyObject) throws -> Int {
        switch group.builtinValue.storage {
        case .int(let number) where number >= 0 && number <= compiled.groupCount: return number
        case .bool(let flag) where compiled.groupCount >= (flag ? 1 : 0): return flag ? 1 : 0
        case .str(let name): if let number = compiled.groupNumber(named: name) { return number }
        default: break
        }
        throw PyException.indexError("no such group")
    }

    func value(_ group: Int, _ fallback: PyObject = .none) -> PyObject {
        let (start, end) = record.span(group)
        return start >= 0 ? subject.piece(start, end) : fallback
    }
}

extension ReModule {
    static func makeMatch(_ types: Types, _ pattern: PyObject, _ compiled: CompiledPattern, _ subject: Subject,
                          _ record: MatchRecord, _ pos: Int, _ endpos: Int) throws -> PyObject {
        try instance(types.match, MatchPayload(pattern: pattern, compiled: compiled, subject: subject, record: record, pos: pos, endpos: endpos))
    }

    static func payload(_ this: PyObject) throws -> MatchPayload {
        guard let instance = this.heap as? PyInstance, let payload = instance.payload as? MatchPayload else {
            throw PyException.typeError("descriptor requires a 're.Match' object but received a '\(this.typeName)'")
        }
        return payload
    }

    static func matchClass(_ types: Types) throws -> PyObject {
        func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                    _ body: @escaping (MatchPayload, [PyObject]) throws -> PyObject) -> PyObject {
            PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs)) { arguments in
                try body(try payload(arguments[0]), Array(arguments.dropFirst()))
            }
        }
        func spanMethod(_ name: String, _ project: @escaping ((Int, Int)) -> PyObject) -> PyObject {
            method(name, ["group"], defaults: [0]) { match, arguments in project(match.record.span(try match.index(arguments[0]))) }
        }
        return try PyObject.makeClass("Match") { namespace in
            namespace["__module__"] = "re"
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls"], varargs: "args", varkw: "kwargs")) { _ in
                throw PyException.typeError("cannot create 're.Match' instances")
            }
            namespace["group"] = method("group", varargs: "groups") { match, arguments in
                let requested = try arguments[0].collect()
                if requested.isEmpty { return match.value(0) }
                if requested.count == 1 { return match.value(try match.index(requested[0])) }
                return .tuple(try requested.map { match.value(try match.index($0)) })
            }
            namespace["__getitem__"] = method("__getitem__", ["group"]) { match, arguments in match.value(try match.index(arguments[0])) }
            namespace["groups"] = method("groups", ["default"], defaults: [.none]) { match, arguments in
                guard match.compiled.groupCount > 0 else { return .tuple([]) }
                return .tuple((1...match.compiled.groupCount).map { match.value($0, arguments[0]) })
            }
            namespace["groupdict"] = method("groupdict", ["default"], defaults: [.none]) { match, arguments in
                try .dict(match.compiled.parsed.groupNames.map { (PyObject($0.0), match.value($0.1, arguments[0])) })
            }
            namespace["start"] = spanMethod("start") { PyObject($0.0) }
            namespace["end"] = spanMethod("end") { PyObject($0.1) }
            namespace["span"] = spanMethod("span") { .tuple([PyObject($0.0), PyObject($0.1)]) }
            namespace["expand"] = method("expand", ["template"]) { match, arguments in
                let template = try templateText(arguments[0], bytes: match.compiled.isBytes)
                let pieces = try reportingSyntax(types, arguments[0]) { try match.compiled.template(template) }
                return match.compiled.expand(pieces, match.subject, match.record)
            }
            namespace["string"] = property("string") { this in try payload(this).subject.object }
            namespace["re"] = property("re") { this in try payload(this).pattern }
            namespace["pos"] = property("pos") { this in PyObject(try payload(this).pos) }
            namespace["endpos"] = property("endpos") { this in PyObject(try payload(this).endpos) }
            namespace["lastindex"] = property("lastindex") { this in
                let last = try payload(this).record.lastIndex
                return last > 0 ? PyObject(last) : .none
            }
            namespace["lastgroup"] = property("lastgroup") { this in
                let match = try payload(this)
                guard match.record.lastIndex > 0, let name = match.compiled.groupName(of: match.record.lastIndex) else { return .none }
                return PyObject(name)
            }
            namespace["regs"] = property("regs") { this in
                let match = try payload(this)
                return .tuple((0...match.compiled.groupCount).map { group in
                    let (start, end) = match.record.span(group)
                    return .tuple([PyObject(start), PyObject(end)])
                })
            }
            namespace["__repr__"] = method("__repr__") { match, _ in
                let (start, end) = match.record.span(0)
                let shown = String(String.UnicodeScalarView(try match.value(0).repr().unicodeScalars.prefix(50)))
                return PyObject("<re.Match object; span=(\(start), \(end)), match=\(shown)>")
            }
            namespace["__copy__"] = PyObject.function("__copy__", PySignature(["self"])) { arguments in arguments[0] }
            namespace["__deepcopy__"] = PyObject.function("__deepcopy__", PySignature(["self", "memo"])) { arguments in arguments[0] }
        }
    }
}
