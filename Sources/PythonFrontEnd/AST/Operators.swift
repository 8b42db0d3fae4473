/// Operator and context enums of CPython's `ast`; the raw value is the class name `ast.dump` prints.
public enum ExprContext: String, Hashable, Sendable {
    case load = "Load", store = "Store", del = "Del"
}

public enum BoolOperator: String, Hashable, Sendable {
    case and = "And", or = "Or"
}

public enum BinaryOperator: String, Hashable, Sendable {
    case add = "Add", sub = "Sub", mult = "Mult", matMult = "MatMult", div = "Div", mod = "Mod"
    case pow = "Pow", lShift = "LShift", rShift = "RShift", bitOr = "BitOr", bitXor = "BitXor"
    case bitAnd = "BitAnd", floorDiv = "FloorDiv"
}

public enum UnaryOperator: String, Hashable, Sendable {
    case invert = "Invert", not = "Not", uAdd = "UAdd", uSub = "USub"
}

public enum CompareOperator: String, Hashable, Sendable {
    case eq = "Eq", notEq = "NotEq", lt = "Lt", ltE = "LtE", gt = "Gt", gtE = "GtE"
    case `is` = "Is", isNot = "IsNot", `in` = "In", notIn = "NotIn"
}
