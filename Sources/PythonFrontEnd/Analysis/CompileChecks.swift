/// Why CPython's `compile()` refuses a tree that `ast.parse` accepts, and where (a note position, as
/// every node carries).
public struct CompileError: Error, Hashable, Sendable {
    public var message: String
    public var position: Position

    public init(_ message: String, at position: Position) {
        self.message = message
        self.position = position
    }
}

/// The checks CPython 3.11 makes after parsing, when it compiles a module in `exec` mode: misplaced
/// `return`, `yield`, `await`, `break`, `continue` and `async` blocks; contradictory `global` and
/// `nonlocal` declarations; repeated parameters and keywords; unreachable or ambiguous `case`
/// patterns; assignments to `__debug__`; misplaced `__future__` imports.
///
/// CPython stops at its first error, and it checks in three passes (future imports, then the symbol
/// table, then code generation), each in its own order; the checks follow the same passes and
/// orders, so the error reported is the one CPython reports.
public enum CompileChecks {
    /// The error `compile(source, name, 'exec')` raises for the module `ast.parse` gave, if any.
    public static func firstError(in module: Module) -> CompileError? {
        do {
            let future = try FutureImports(module)
            var symbols = SymbolTableChecks(annotationsAreStrings: future.hasAnnotations)
            try symbols.check(module)
            var compiler = CompilerChecks(facts: symbols.scopeFacts, futureImportsEnd: future.lastLine,
                                          annotationsAreStrings: future.hasAnnotations)
            try compiler.check(module)
            return nil
        } catch let error as CompileError {
            return error
        } catch {
            return nil
        }
    }
}

extension PythonParser {
    /// Parses and checks as CPython's `compile(source, name, 'exec')` does: a tree that `ast.parse`
    /// accepts can still be refused (`return` outside a function, `break` outside a loop, …). A thrown
    /// error's position is snippet-local, as `parse` reports it.
    public static func compile(_ source: String, firstLine: Int = 1, indent: Int = 0) throws(PythonSyntaxError) -> Module {
        let module = try parse(source, firstLine: firstLine, indent: indent)
        if let error = CompileChecks.firstError(in: module) {
            throw PythonSyntaxError(error.message, line: error.position.line - firstLine + 1,
                                    column: error.position.column - indent - 1)
        }
        return module
    }
}

/// CPython's first pass: `from __future__` imports must open the module (after its docstring), and
/// name known features.
struct FutureImports {
    static let features: Set<String> = [
        "nested_scopes", "generators", "division", "absolute_import", "with_statement", "print_function",
        "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
    ]

    /// The line of the last future import at the top, or 0: a later one is refused by code generation.
    private(set) var lastLine = 0
    private(set) var hasAnnotations = false

    init(_ module: Module) throws {
        var body = module.body[...]
        if let first = body.first, case .expr(let value) = first.kind, case .constant(.string) = value.kind {
            body = body.dropFirst()
        }
        var done = false
        var previousLine = 0
        for statement in body {
            // A future import after other statements on the same line is refused here; on a later line,
            // code generation refuses it.
            if done && statement.range.start.line > previousLine { return }
            previousLine = statement.range.start.line
            guard case .importFrom(let module, let names, _) = statement.kind, module == "__future__" else {
                done = true
                continue
            }
            if done {
                // CPython places this one error a column left of the statement.
                var position = statement.range.start
                position.column -= 1
                throw CompileError("from __future__ imports must occur at the beginning of the file", at: position)
            }
            for alias in names {
                if alias.name == "braces" { throw CompileError("not a chance", at: statement.range.start) }
                guard Self.features.contains(alias.name) else {
                    throw CompileError("future feature \(alias.name) is not defined", at: statement.range.start)
                }
                if alias.name == "annotations" { hasAnnotations = true }
            }
            lastLine = statement.range.start.line
        }
    }
}
