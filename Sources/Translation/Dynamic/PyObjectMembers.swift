/// Members `PyObject` has in Swift (instance and static): a Python attribute of the same name
/// must be reached with `attribute("…")` (or `callMethod("…", …)`), since Swift would pick the member.
enum PyObjectMembers {
    static let names: Set<String> = [
        "attribute", "binary", "call", "callAsFunction", "callMethod", "compare", "contains", "deleteAttribute",
        "deleteItem", "description", "debugDescription", "floorDivide", "format", "hashValue", "inPlace",
        "isIdentical", "item", "iterate", "matrixMultiply", "nativePayload", "pyType", "repr", "setAttribute",
        "setItem", "setNativePayload", "str", "toDouble", "toInt", "toNumber", "toString", "truthy", "unpack",
        "unpack2", "unpack3", "unpackedArguments", "unpackedKeywords", "isCoroutine", "resumeCoroutine",
        "throwIntoCoroutine", "closeCoroutine", "pyObject", "equals", "findAttribute", "collect", "heap",
        "storage", "none", "list", "tuple", "dict", "set", "frozenset", "slice", "bytes", "function",
        "generator", "coroutine", "coroutineFunction", "makeClass", "module", "nativeFunction", "builtin",
        "ellipsis", "notImplemented", "True", "False", "init", "self", "Type", "Protocol",
    ]
}
