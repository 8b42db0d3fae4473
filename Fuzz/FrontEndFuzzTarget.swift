import LoomCore

/// libFuzzer entry: any bytes, read as a snippet, must end in a tree or diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func frontEndFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let module = try? PythonParser.parse(source) {
        _ = ASTDump.dump(module)
    }
    let snippet = Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, indent: 2, code: source)
    _ = SessionAnalyzer.analyze(snippets: [snippet, snippet], file: "fuzz.md")
    return 0
}
