import PythonFrontEnd

/// `square = lambda x: x * x` gives a function a name: it is translated as the `def` it stands
/// for, so it is called, typed from its calls and passed by name like any other function.
enum NamedLambdas {
    static func asDefinitions(_ body: [Stmt]) -> [Stmt] {
        body.map { statement in
            var rewritten = statement
            switch statement.kind {
            case .assign(let targets, let value):
                guard targets.count == 1, case .name(let id, _) = targets[0].kind,
                      case .lambda(let args, let result) = value.kind else { return statement }
                let def = FunctionDef(name: id, args: args, body: [Stmt(.return(value: result), value.range)],
                                      decoratorList: [], returns: nil)
                rewritten.kind = .functionDef(def)
            case .functionDef(var def):
                def.body = asDefinitions(def.body)
                rewritten.kind = .functionDef(def)
            case .asyncFunctionDef(var def):
                def.body = asDefinitions(def.body)
                rewritten.kind = .asyncFunctionDef(def)
            case .if(let test, let body, let orelse):
                rewritten.kind = .if(test: test, body: asDefinitions(body), orelse: asDefinitions(orelse))
            case .with(let items, let body):
                rewritten.kind = .with(items: items, body: asDefinitions(body))
            default:
                break
            }
            return rewritten
        }
    }
}
