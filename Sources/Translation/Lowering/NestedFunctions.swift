import PythonFrontEnd

/// A `def` inside a `def` (a worker defined inside `main()`): a Swift local function, which
/// captures the enclosing function's variables as a Python closure reads them.
extension BodyTranslator {
    func translateNestedFunction(_ def: FunctionDef, line: Int, into writer: inout SwiftWriter) throws {
        guard ownerClass == nil else {
            throw refuse("def \(def.name)", "functions inside methods are not translated", at: line)
        }
        session.registerFunction(def, line: line, cell: cell, owner: nil)
        let key = TranslationSession.key(def.name, line)
        // The name means the local function until the enclosing one ends, as in Python.
        shadowedBindings.append((def.name, session.bindings[def.name]))
        session.bindings[def.name] = .function(key)
        let text = try session.functionText(key, enclosing: self)
        if !writer.lines.isEmpty { writer.blank() }
        writer.append(text)
        writer.blank()
    }

    /// A name the enclosing functions bind (a parameter, a local, a loop variable), as a closure sees it.
    func capturedName(_ name: String) -> Code? {
        guard let enclosing else { return nil }
        for scope in enclosing.boundScopes.reversed() {
            if let code = scope[name] { return code }
        }
        if let code = enclosing.parameters[name] { return code }
        if !enclosing.locals.declaredGlobal.contains(name), let index = enclosing.locals.variable(name, in: enclosing.statementPath) {
            return Code(enclosing.locals.variables[index].swiftName, enclosing.localType(index))
        }
        return enclosing.capturedName(name)
    }

    /// Gives back the names nested functions shadowed, once the enclosing body is translated.
    func restoreShadowedBindings() {
        for (name, binding) in shadowedBindings.reversed() { session.bindings[name] = binding }
        shadowedBindings = []
    }
}
