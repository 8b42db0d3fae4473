/// A translated expression: its Swift text, its static type, and what it asks of its context.
struct Code {
    var text: String
    var type: PyType
    var precedence: Int = Precedence.atom
    /// Calls something that throws: the statement needs a `try`.
    var throwing = false
    /// Awaits something: the statement needs `try await`.
    var awaiting = false
    /// The literal is empty (`[]`, `[:]`): its declaration must spell the type.
    var isEmptyLiteral = false
    /// A non-empty `[k: v]` literal: it is a `PyDict` only where the type is spelled.
    var isDictLiteral = false
    /// An integer literal, which Swift also reads as a `Double` where one is expected.
    var isIntegerLiteral = false
    /// `*args` inside its function: a Swift array that Python shows as a tuple.
    var isArgumentTuple = false
    /// A list literal of integer literals: as the receiver of a method whose closure does arithmetic
    /// (`[3, -1].sorted { -$0 < -$1 }`), Swift may settle on `[Double]`, so a receiver spells `[Int]`.
    var isIntegerListLiteral = false
    /// A tuple literal's elements, so each can take the type a list of tuples settles on.
    var tupleParts: [Code]?

    init(_ text: String, _ type: PyType, precedence: Int = Precedence.atom, throwing: Bool = false) {
        self.text = text
        self.type = type
        self.precedence = precedence
        self.throwing = throwing
    }

    /// The text, parenthesised when it binds less tightly than `minimum`.
    /// A bare number literal (`5`, `-1`, `0.5`): Swift gives it the type its context expects.
    var isNumberLiteral: Bool {
        precedence >= Precedence.prefix && Double(text) != nil && text.drop { $0 == "-" }.first?.isNumber == true
    }

    func operand(_ minimum: Int) -> String {
        if isIntegerListLiteral && minimum >= Precedence.atom { return "(\(text) as [Int])" }
        return precedence < minimum ? "(\(text))" : text
    }
}

/// Swift operator precedence, coarsely, to parenthesise only where needed.
enum Precedence {
    static let atom = 100
    static let prefix = 90
    static let multiplicative = 80
    static let additive = 70
    static let range = 60
    static let casting = 57
    static let nilCoalescing = 55
    static let comparison = 50
    static let conjunction = 40
    static let disjunction = 30
    static let ternary = 20
    static let lowest = 10
}
