/// `hashlib`: MD5, SHA-1 and the SHA-2 family over bytes, with CPython's hash objects (`update`,
/// `digest`, `hexdigest`, `copy`, `name`, `digest_size`, `block_size`) and errors.
enum HashlibModule {
    static let name = "hashlib"

    struct Algorithm: Sendable {
        var name: String
        var digestSize: Int
        var blockSize: Int
        var digest: @Sendable ([UInt8]) -> [UInt8]
    }

    static let algorithms: [String: Algorithm] = [
        "md5": Algorithm(name: "md5", digestSize: 16, blockSize: 64, digest: { Digests.md5($0) }),
        "sha1": Algorithm(name: "sha1", digestSize: 20, blockSize: 64, digest: { Digests.sha1($0) }),
        "sha224": Algorithm(name: "sha224", digestSize: 28, blockSize: 64, digest: { SHA2.sha224($0) }),
        "sha256": Algorithm(name: "sha256", digestSize: 32, blockSize: 64, digest: { SHA2.sha256($0) }),
        "sha384": Algorithm(name: "sha384", digestSize: 48, blockSize: 128, digest: { SHA2.sha384($0) }),
        "sha512": Algorithm(name: "sha512", digestSize: 64, blockSize: 128, digest: { SHA2.sha512($0) }),
    ]

    /// A hash object's state: the algorithm and every byte given so far (digests are computed on
    /// demand, so `copy()` is a copy of the bytes).
    final class Running: @unchecked Sendable {
        let algorithm: Algorithm
        var data: [UInt8]
        init(_ algorithm: Algorithm, _ data: [UInt8]) { self.algorithm = algorithm; self.data = data }
    }

    static func bytes(of value: PyObject) throws -> [UInt8] {
        if value.isStr { throw PyException.typeError("Strings must be encoded before hashing") }
        if let data = value.builtinValue.heap as? PyBytes { return data.bytes }
        if let view = try? value.callMethod("tobytes"), let data = view.heap as? PyBytes { return data.bytes }
        throw PyException.typeError("object supporting the buffer API required")
    }

    static func running(_ value: PyObject) throws -> Running {
        guard let state = (value.heap as? PyInstance)?.payload as? Running else { throw PyException.typeError("not a hash object") }
        return state
    }

    static func build() throws -> PyObject {
        func method(_ name: String, _ parameters: [String] = [], _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
            PyObject.function(name, PySignature(["self"] + parameters), body)
        }
        func property(_ name: String, _ body: @escaping (Running) -> PyObject) -> PyObject {
            PyObject(PyProperty(getter: method(name) { arguments in body(try running(arguments[0])) }, setter: .none, deleter: .none, doc: .none))
        }
        var hashClass: PyClass!
        let cls = try PyObject.makeClass("HASH") { namespace in
            namespace["__module__"] = "_hashlib"
            namespace["update"] = method("update", ["obj"]) { arguments in
                let state = try running(arguments[0])
                state.data += try bytes(of: arguments[1])
                return .none
            }
            namespace["digest"] = method("digest") { arguments in
                let state = try running(arguments[0])
                return .bytes(state.algorithm.digest(state.data))
            }
            namespace["hexdigest"] = method("hexdigest") { arguments in
                let state = try running(arguments[0])
                return PyObject(state.algorithm.digest(state.data).map { byte in
                    let hex = String(byte, radix: 16)
                    return hex.count == 1 ? "0" + hex : hex
                }.joined())
            }
            namespace["copy"] = method("copy") { arguments in
                let state = try running(arguments[0])
                let instance = PyInstance(cls: hashClass)
                instance.payload = Running(state.algorithm, state.data)
                return PyObject(instance)
            }
            namespace["name"] = property("name") { PyObject($0.algorithm.name) }
            namespace["digest_size"] = property("digest_size") { PyObject($0.algorithm.digestSize) }
            namespace["block_size"] = property("block_size") { PyObject($0.algorithm.blockSize) }
            namespace["__repr__"] = method("__repr__") { arguments in
                let state = try running(arguments[0])
                return PyObject("<\(state.algorithm.name) _hashlib.HASH object @ 0x\(String(arguments[0].heap!.address, radix: 16))>")
            }
        }
        hashClass = cls.heap as? PyClass

        func make(_ algorithm: Algorithm, _ data: PyObject) throws -> PyObject {
            let instance = PyInstance(cls: hashClass)
            instance.payload = Running(algorithm, data.isNone ? [] : try bytes(of: data))
            return PyObject(instance)
        }
        var members: [(String, PyObject)] = []
        for key in algorithms.keys.sorted() {
            let algorithm = algorithms[key]!
            members.append((key, PyObject.moduleFunction("_hashlib", "openssl_\(key)", PySignature(["string"], defaults: [.none],
                                                                                          keywordOnly: ["usedforsecurity"], keywordDefaults: ["usedforsecurity": true])) { arguments in
                try make(algorithm, arguments[0])
            }))
        }
        members.append(("new", PyObject.moduleFunction(name, "new", PySignature(["name", "data"], defaults: [.none],
                                                                               keywordOnly: ["usedforsecurity"], keywordDefaults: ["usedforsecurity": true])) { arguments in
            let wanted = try arguments[0].toString()
            guard let algorithm = algorithms[wanted.lowercased()] else { throw PyException.valueError("unsupported hash type \(wanted)") }
            return try make(algorithm, arguments[1])
        }))
        let names = try PyObject.set(algorithms.keys.sorted().map { PyObject($0) })
        members.append(("algorithms_guaranteed", names))
        members.append(("algorithms_available", names))
        return buildModule(name, members)
    }
}
