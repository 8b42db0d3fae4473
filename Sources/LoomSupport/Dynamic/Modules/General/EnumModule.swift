/// `enum`: `Enum`, `IntEnum`, `StrEnum`, `Flag`, `IntFlag`, `auto`, `unique`, with CPython 3.11's
/// reprs (`<Color.RED: 1>`), lookups by value and by name, aliases, iteration and `__members__`.
enum EnumModule {
    static let name = "enum"

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw), body)
    }

    final class Registry: @unchecked Sendable {
        var meta: PyClass?
        var auto: PyClass?
        var flag: PyClass?
    }
    static let registry = Registry()

    static func isDescriptor(_ value: PyObject) -> Bool {
        guard let object = value.heap else { return false }
        switch object {
        case is PyFunction, is PyBuiltin, is PyProperty, is PyMethodWrapper, is PyClass: return true
        default: return object.pyType.lookup("__get__") != nil || object.pyType.lookup("__set__") != nil
        }
    }

    static func isDunder(_ name: String) -> Bool { name.count > 4 && name.hasPrefix("__") && name.hasSuffix("__") }
    static func isSunder(_ name: String) -> Bool {
        name.count > 2 && name.hasPrefix("_") && name.hasSuffix("_") && !name.hasPrefix("__") && !name.hasSuffix("__")
    }

    static func memberMap(_ cls: PyClass) -> PyDictStorage? { cls.lookup("_member_map_")?.builtinValue.heap as? PyDictStorage }
    static func valueMap(_ cls: PyClass) -> PyDictStorage? { cls.lookup("_value2member_map_")?.builtinValue.heap as? PyDictStorage }
    static func memberNames(_ cls: PyClass) -> [PyObject] { (try? cls.lookup("_member_names_")?.collect()) ?? [] }

    static func members(_ cls: PyClass) throws -> [PyObject] {
        guard let map = memberMap(cls) else { return [] }
        return try memberNames(cls).compactMap { try map.get($0) }
    }

    /// The `int` or `str` an `IntEnum`/`StrEnum` member carries.
    static func mixin(_ cls: PyClass) -> PyClass? {
        let solid = cls.solidBase
        return solid === PyClass.object ? nil : solid
    }

    /// `EnumType.__new__`: the class without its members, then each member made and bound.
    static func createEnum(meta: PyObject, name: PyObject, bases: PyObject, namespace: PyObject) throws -> PyObject {
        guard let metaClass = meta.heap as? PyClass, let dict = namespace.builtinValue.heap as? PyDictStorage else {
            throw PyException.typeError("EnumType.__new__ needs a namespace")
        }
        let baseClasses = try bases.collect().compactMap { $0.heap as? PyClass }
        var table = StringTable()
        var memberEntries: [(String, PyObject)] = []
        let ignored = Set((try? dict.get(PyObject("_ignore_"))?.collect().map { try $0.toString() }) ?? [])
        for (key, value) in dict.entries {
            let text = try key.toString()
            if ignored.contains(text) || text == "_ignore_" { continue }
            if isDunder(text) || isSunder(text) || isDescriptor(value) || baseClasses.isEmpty {
                table[text] = value
            } else {
                memberEntries.append((text, value))
            }
        }
        for base in baseClasses where !(memberMap(base)?.count ?? 0 == 0) {
            throw PyException.typeError("\(try name.toString()): cannot extend enumeration '\(base.name)'")
        }
        let type = try PyClass.create(metaclass: metaClass, name: try name.toString(), bases: baseClasses, namespace: table, keywords: [])
        let cls = PyObject(type)
        let map = PyDictStorage(), values = PyDictStorage()
        var names: [PyObject] = []
        var lastValues: [PyObject] = []
        try cls.setAttribute("_member_map_", PyObject(map))
        try cls.setAttribute("_value2member_map_", PyObject(values))
        try cls.setAttribute("_member_names_", .list([]))
        let userInit = type.overrides("__init__").flatMap { found -> PyObject? in
            for base in type.mro where base.own("__init__") != nil { return base.isHeapType && base.own("_enum_base_") == nil ? found : Optional<PyObject>.none }
            return nil
        }
        for (memberName, given) in memberEntries {
            var value = given
            if let autoClass = registry.auto, given.pyType.isSubclass(of: autoClass) {
                let generate = try cls.attribute("_generate_next_value_")
                value = try generate(PyObject(memberName), 1, PyObject(names.count), .list(lastValues))
                try given.setAttribute("value", value)
            }
            let arguments: [PyObject] = (value.heap is PyTupleStorage) ? try value.collect() : [value]
            let instance = PyInstance(cls: type)
            if let base = mixin(type) {
                instance.builtinBase = try PyObject(base).call(base === PyClass.str || base === PyClass.int ? [arguments[0]] : arguments)
            }
            let member = PyObject(instance)
            if let userInit {
                _ = try userInit.callBound(member, arguments)
            }
            let memberValue = (try? member.attribute("_value_")) ?? (mixin(type) != nil && value.heap is PyTupleStorage ? instance.builtinBase! : value)
            // A value already taken makes an alias of the first member with it.
            if let existing = try? values.get(memberValue) {
                try type.setOwnMember(memberName, existing)
                try map.set(PyObject(memberName), existing)
                continue
            }
            try member.setAttribute("_value_", memberValue)
            try member.setAttribute("_name_", PyObject(memberName))
            try member.setAttribute("__objclass__", cls)
            try values.set(memberValue, member)
            try map.set(PyObject(memberName), member)
            names.append(PyObject(memberName))
            lastValues.append(memberValue)
            try type.setOwnMember(memberName, member)
        }
        try cls.setAttribute("_member_names_", .list(names))
        return cls
    }

    /// `Color(value)`: the member with that value, or `_missing_`'s answer, or ValueError.
    static func lookup(_ cls: PyObject, _ value: PyObject) throws -> PyObject {
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("not an enum") }
        if let registryFlag = registry.flag, type.isSubclass(of: registryFlag) {
            return try flagMember(type, value)
        }
        if value.pyType === type { return value }
        if let values = valueMap(type), let member = try? values.get(value) { return member }
        if let missing = type.lookup("_missing_") {
            let result = try PyObject.bindToClass(missing, type).call([value])
            if !result.isNone { return result }
        }
        throw PyException.valueError("\(try value.repr()) is not a valid \(type.qualname)")
    }

    /// A `Flag` value: a member, or a composite of members made once and kept.
    static func flagMember(_ type: PyClass, _ value: PyObject) throws -> PyObject {
        if value.pyType === type { return value }
        if let values = valueMap(type), let member = try values.get(value) { return member }
        guard case .int(let bits) = value.builtinValue.storage else {
            throw PyException.valueError("\(try value.repr()) is not a valid \(type.qualname)")
        }
        let singles = try members(type)
        var covered = 0
        var names: [String] = []
        for member in singles {
            let memberBits = try member.attribute("_value_").toInt()
            if memberBits != 0 && memberBits & bits == memberBits && memberBits.nonzeroBitCount == 1 {
                names.append(try member.attribute("_name_").toString())
                covered |= memberBits
            }
        }
        let isIntFlag = mixin(type) === PyClass.int
        if covered != bits && !isIntFlag {
            throw PyException.valueError("\(try value.repr()) is not a valid \(type.qualname)")
        }
        let instance = PyInstance(cls: type)
        if isIntFlag { instance.builtinBase = PyObject(bits) }
        let member = PyObject(instance)
        try member.setAttribute("_value_", PyObject(bits))
        try member.setAttribute("_name_", names.isEmpty ? .none : PyObject(names.joined(separator: "|")))
        if covered != bits, isIntFlag {
            try member.setAttribute("_name_", names.isEmpty ? .none : PyObject((names + [String(bits & ~covered)]).joined(separator: "|")))
        }
        try valueMap(type)?.set(PyObject(bits), member)
        return member
    }

    static func metaClass() throws -> PyObject {
        try PyObject.makeClass("EnumType", bases: [PyObject(PyClass.type)]) { namespace in
            namespace["__module__"] = "enum"
            namespace["__new__"] = PyObject.function("__new__", PySignature(["metacls", "cls", "bases", "classdict"], varkw: "kwds")) { arguments in
                try createEnum(meta: arguments[0], name: arguments[1], bases: arguments[2], namespace: arguments[3])
            }
            namespace["__init__"] = PyObject.function("__init__", PySignature(["cls"], varargs: "args", varkw: "kwds")) { _ in .none }
            namespace["__call__"] = PyObject.function("__call__", PySignature(["cls", "value", "names"], defaults: [.none],
                keywordOnly: ["module", "qualname", "type", "start"], keywordDefaults: ["module": .none, "qualname": .none, "type": .none, "start": 1])) { arguments in
                let cls = arguments[0]
                if arguments[2].isNone { return try lookup(cls, arguments[1]) }
                return try functional(cls, arguments[1], arguments[2], start: arguments[6])
            }
            namespace["__iter__"] = method("__iter__") { arguments in
                guard let type = arguments[0].heap as? PyClass else { return try PyObject.list([]).iterate().pythonObject }
                return try PyObject.list(try members(type)).iterate().pythonObject
            }
            namespace["__reversed__"] = method("__reversed__") { arguments in
                guard let type = arguments[0].heap as? PyClass else { return try PyObject.list([]).iterate().pythonObject }
                return try PyObject.list(try members(type).reversed()).iterate().pythonObject
            }
            namespace["__len__"] = method("__len__") { arguments in
                PyObject((arguments[0].heap as? PyClass).map { memberNames($0).count } ?? 0)
            }
            namespace["__contains__"] = method("__contains__", ["member"]) { arguments in
                guard let type = arguments[0].heap as? PyClass else { return false }
                if arguments[1].pyType.isSubclass(of: type) { return true }
                if let values = valueMap(type), (try? values.get(arguments[1])) != nil { return true }
                return false
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                PyObject("<enum \(try PyObject((arguments[0].heap as? PyClass)?.name ?? "?").repr())>")
            }
            namespace["__members__"] = PyObject(PyProperty(getter: method("__members__") { arguments in
                guard let type = arguments[0].heap as? PyClass, let map = memberMap(type) else { return try .dict([]) }
                return PyObject(map.copy())
            }, setter: .none, deleter: .none, doc: .none))
            namespace["__bool__"] = method("__bool__") { _ in true }
        }
    }

    /// `Enum('Color', 'RED GREEN')` and its list, pair and mapping spellings.
    static func functional(_ base: PyObject, _ className: PyObject, _ names: PyObject, start: PyObject) throws -> PyObject {
        let dict = try PyObject.dict([(PyObject("__module__"), PyObject("__main__")), (PyObject("__qualname__"), className)])
        var pairs: [(PyObject, PyObject)] = []
        if names.isStr {
            let parts = try names.toString().replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
            pairs = try parts.enumerated().map { (PyObject($0.element), try PyObject($0.offset) + start) }
        } else if let mapping = names.builtinValue.heap as? PyDictStorage {
            pairs = mapping.entries
        } else {
            let items = try names.collect()
            for (index, item) in items.enumerated() {
                if item.isStr { pairs.append((item, try PyObject(index) + start)) } else { pairs.append(try item.unpack2()) }
            }
        }
        for (key, value) in pairs { try dict.setItem(key, value) }
        guard let baseType = base.heap as? PyClass, let meta = registry.meta else { throw PyException.typeError("not an enum") }
        return try createEnum(meta: PyObject(baseType.pyType.isSubclass(of: meta) ? baseType.pyType : meta), name: className, bases: .tuple([base]), namespace: dict)
    }

    static func build() throws -> PyObject {
        let meta = try metaClass()
        registry.meta = meta.heap as? PyClass
        func enumBase(_ name: String, bases: [PyObject], _ body: (PyNamespace) throws -> Void) throws -> PyObject {
            var table = StringTable()
            let namespace = PyNamespace()
            namespace["__module__"] = "enum"
            namespace["__qualname__"] = PyObject(name)
            namespace["_enum_base_"] = true
            try body(namespace)
            table = namespace.table
            let type = try PyClass.create(metaclass: meta.heap as! PyClass, name: name, bases: bases.compactMap { $0.heap as? PyClass }, namespace: table, keywords: [])
            let cls = PyObject(type)
            try cls.setAttribute("_member_map_", PyObject(PyDictStorage()))
            try cls.setAttribute("_value2member_map_", PyObject(PyDictStorage()))
            try cls.setAttribute("_member_names_", .list([]))
            return cls
        }
        let enumClass = try enumBase("Enum", bases: []) { namespace in
            namespace["name"] = PyObject(PyProperty(getter: method("name") { arguments in try arguments[0].attribute("_name_") }, setter: .none, deleter: .none, doc: .none))
            namespace["value"] = PyObject(PyProperty(getter: method("value") { arguments in try arguments[0].attribute("_value_") }, setter: .none, deleter: .none, doc: .none))
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                let valueText = try valueRepr(this)
                let name = try this.attribute("_name_")
                if name.isNone { return PyObject("<\(this.pyType.name): \(valueText)>") }
                return PyObject("<\(this.pyType.name).\(try name.toString()): \(valueText)>")
            }
            namespace["__str__"] = method("__str__") { arguments in
                let this = arguments[0]
                let name = try this.attribute("_name_")
                if name.isNone { return PyObject("\(this.pyType.name)(\(try this.attribute("_value_").repr()))") }
                return PyObject("\(this.pyType.name).\(try name.toString())")
            }
            namespace["__format__"] = method("__format__", ["format_spec"]) { arguments in
                PyObject(try PyObject(try arguments[0].str()).format(try arguments[1].toString()))
            }
            namespace["__hash__"] = method("__hash__") { arguments in PyObject(try arguments[0].attribute("_name_").hashValue()) }
            namespace["__reduce_ex__"] = method("__reduce_ex__", ["proto"]) { arguments in
                .tuple([PyObject(arguments[0].pyType), .tuple([try arguments[0].attribute("_value_")])])
            }
            namespace["__deepcopy__"] = method("__deepcopy__", ["memo"]) { arguments in arguments[0] }
            namespace["__copy__"] = method("__copy__") { arguments in arguments[0] }
            namespace["_generate_next_value_"] = PyObject(PyMethodWrapper(.staticMethod, PyObject.function("_generate_next_value_", PySignature(["name", "start", "count", "last_values"])) { arguments in
                let last = try arguments[3].collect()
                guard let previous = last.last else { return arguments[1] }
                do { return try previous + 1 } catch { return arguments[1] }
            }))
            namespace["_missing_"] = PyObject(PyMethodWrapper(.classMethod, PyObject.function("_missing_", PySignature(["cls", "value"])) { _ in .none }))
            namespace["__class_getitem__"] = PyObject(PyMethodWrapper(.classMethod, PyObject.function("__class_getitem__", PySignature(["cls", "name"])) { arguments in
                guard let type = arguments[0].heap as? PyClass, let map = memberMap(type), let member = try map.get(arguments[1]) else {
                    throw PyException.keyError(arguments[1])
                }
                return member
            }))
        }
        let intEnum = try enumBase("IntEnum", bases: [PyObject(PyClass.int), enumClass]) { namespace in
            namespace["__str__"] = method("__str__") { arguments in PyObject(try arguments[0].builtinValue.repr()) }
            namespace["__format__"] = method("__format__", ["format_spec"]) { arguments in
                PyObject(try arguments[0].builtinValue.format(try arguments[1].toString()))
            }
        }
        let strEnum = try enumBase("StrEnum", bases: [PyObject(PyClass.str), enumClass]) { namespace in
            namespace["__str__"] = method("__str__") { arguments in arguments[0].builtinValue }
            namespace["__format__"] = method("__format__", ["format_spec"]) { arguments in
                PyObject(try arguments[0].builtinValue.format(try arguments[1].toString()))
            }
            namespace["_generate_next_value_"] = PyObject(PyMethodWrapper(.staticMethod, PyObject.function("_generate_next_value_", PySignature(["name", "start", "count", "last_values"])) { arguments in
                PyObject(try arguments[0].toString().lowercased())
            }))
        }
        let flag = try enumBase("Flag", bases: [enumClass]) { namespace in
            namespace["_generate_next_value_"] = PyObject(PyMethodWrapper(.staticMethod, PyObject.function("_generate_next_value_", PySignature(["name", "start", "count", "last_values"])) { arguments in
                let last = try arguments[3].collect().map { try $0.toInt() }
                guard let highest = last.max() else { return arguments[1] }
                return PyObject(highest <= 0 ? 1 : 1 << (Int.bitWidth - highest.leadingZeroBitCount))
            }))
            func combine(_ name: String, _ operation: @escaping (Int, Int) -> Int) -> PyObject {
                method(name, ["other"]) { arguments in
                    let this = arguments[0], other = arguments[1]
                    let otherBits: Int
                    if other.pyType.isSubclass(of: this.pyType) { otherBits = try other.attribute("_value_").toInt() }
                    else if mixin(this.pyType) === PyClass.int, case .int(let bits) = other.builtinValue.storage { otherBits = bits }
                    else { return .notImplemented }
                    return try flagMember(this.pyType, PyObject(operation(try this.attribute("_value_").toInt(), otherBits)))
                }
            }
            namespace["__or__"] = combine("__or__", |)
            namespace["__and__"] = combine("__and__", &)
            namespace["__xor__"] = combine("__xor__", ^)
            namespace["__ror__"] = combine("__ror__", |)
            namespace["__rand__"] = combine("__rand__", &)
            namespace["__invert__"] = method("__invert__") { arguments in
                let this = arguments[0]
                var all = 0
                for member in try members(this.pyType) { all |= try member.attribute("_value_").toInt() }
                return try flagMember(this.pyType, PyObject(all & ~(try this.attribute("_value_").toInt())))
            }
            namespace["__contains__"] = method("__contains__", ["other"]) { arguments in
                guard arguments[1].pyType.isSubclass(of: arguments[0].pyType) else {
                    throw PyException.typeError("unsupported operand type(s) for 'in': '\(arguments[1].typeName)' and '\(arguments[0].typeName)'")
                }
                let bits = try arguments[1].attribute("_value_").toInt()
                return PyObject(bits & (try arguments[0].attribute("_value_").toInt()) == bits)
            }
            namespace["__bool__"] = method("__bool__") { arguments in PyObject(try arguments[0].attribute("_value_").toInt() != 0) }
            namespace["__iter__"] = method("__iter__") { arguments in
                let bits = try arguments[0].attribute("_value_").toInt()
                let contained = try members(arguments[0].pyType).filter { member in
                    let memberBits = try member.attribute("_value_").toInt()
                    return memberBits != 0 && memberBits.nonzeroBitCount == 1 && memberBits & bits == memberBits
                }
                return try PyObject.list(contained).iterate().pythonObject
            }
            namespace["__len__"] = method("__len__") { arguments in PyObject(try arguments[0].attribute("_value_").toInt().nonzeroBitCount) }
        }
        registry.flag = flag.heap as? PyClass
        let intFlag = try enumBase("IntFlag", bases: [PyObject(PyClass.int), flag]) { namespace in
            namespace["__str__"] = method("__str__") { arguments in PyObject(try arguments[0].attribute("_value_").repr()) }
            namespace["__format__"] = method("__format__", ["format_spec"]) { arguments in
                PyObject(try arguments[0].attribute("_value_").format(try arguments[1].toString()))
            }
        }
        let auto = try PyObject.makeClass("auto") { namespace in
            namespace["__module__"] = "enum"
            namespace["__init__"] = method("__init__", ["value"], defaults: [PyObject("_auto_null")]) { arguments in
                try arguments[0].setAttribute("value", arguments[1])
                return .none
            }
            namespace["__repr__"] = method("__repr__") { arguments in PyObject("auto(\(try arguments[0].attribute("value").repr()))") }
        }
        registry.auto = auto.heap as? PyClass
        let unique = PyObject.moduleFunction(name, "unique", PySignature(["enumeration"])) { arguments in
            let cls = arguments[0]
            guard let type = cls.heap as? PyClass, let map = memberMap(type) else { return cls }
            var duplicates: [String] = []
            for (key, member) in map.entries {
                let canonical = try member.attribute("_name_").toString()
                if try key.toString() != canonical { duplicates.append("\(try key.toString()) -> \(canonical)") }
            }
            if !duplicates.isEmpty {
                throw PyException.valueError("duplicate values found in \(try cls.repr()): \(duplicates.joined(separator: ", "))")
            }
            return cls
        }
        return buildModule(name, [
            ("EnumType", meta), ("EnumMeta", meta), ("Enum", enumClass), ("IntEnum", intEnum), ("StrEnum", strEnum),
            ("Flag", flag), ("IntFlag", intFlag), ("auto", auto), ("unique", unique),
            ("ReprEnum", enumClass),
            ("property", PyObject(PyClass.property)),
        ])
    }

    static func valueRepr(_ member: PyObject) throws -> String {
        try member.attribute("_value_").repr()
    }
}

extension PyClass {
    /// A member bound on its enum class (through the class lock, not `setattr`).
    func setOwnMember(_ name: String, _ member: PyObject) throws {
        setOwn(name, member)
    }
}
