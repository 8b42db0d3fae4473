/// Members `PyObject` has in Swift: a Python attribute of the same name must be reached with
/// `attribute("…")` (or `callMethod("…", …)`), since Swift would pick the member.
enum PyObjectMembers {
    static let names: Set<String> = [
        "description", "debugDescription", "attribute", "setAttribute", "deleteAttribute", "item", "setItem",
        "deleteItem", "call", "callMethod", "truthy", "iterate", "next", "unpack", "unpack2", "str", "repr",
        "format", "compare", "binary", "inPlace", "floorDivide", "matrixMultiply", "isIdentical", "hashValue",
        "hash", "toInt", "toDouble", "toString", "contains", "unpackedArguments", "unpackedKeywords",
        "setNativePayload", "nativePayload", "none", "list", "tuple", "dict", "set", "slice", "bytes",
        "function", "generator", "coroutineFunction", "makeClass", "module", "init", "self", "Type",
        "payload", "kind", "value", "type", "typeName", "id", "yield", "yieldFrom", "await", "send",
        "close", "throw", "customMirror", "makeIterator", "map", "filter", "reduce", "forEach", "first",
        "count", "isEmpty", "index", "sorted", "reversed", "lazy", "underestimatedCount",
    ]
}
