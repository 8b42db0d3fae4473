import Foundation

/// A Python `complex`: two Doubles, immutable. A heap payload rather than a `Storage` case, so the
/// inline scalars stay as small as they are and every `switch` over `Storage` stays as it is.
final class PyComplex: PyHeap, @unchecked Sendable {
    let real: Double
    let imag: Double
    init(_ real: Double, _ imag: Double) { self.real = real; self.imag = imag }
    override var pyType: PyClass { PyClass.complex }
}

extension PyObject {
    /// `complex(real, imag)`; the lowering's spelling of an imaginary literal (`2j` is `.complex(0, 2)`).
    public static func complex(_ real: Double, _ imag: Double) -> PyObject { PyObject(PyComplex(real, imag)) }

    var complexValue: PyComplex? { builtinValue.heap as? PyComplex }
}

/// CPython's complex arithmetic (Objects/complexobject.c), step for step so results agree to the digit.
enum ComplexArithmetic {
    typealias Parts = (real: Double, imag: Double)

    /// The parts of a complex, float, int or bool operand; nil for anything else. Ints convert
    /// as `float(n)` does, with its OverflowError.
    static func operand(_ value: PyObject) throws -> Parts? {
        if let complex = value.heap as? PyComplex { return (complex.real, complex.imag) }
        guard value.isNumber else { return nil }
        guard let real = value.floatValue else { throw PyException.overflow("int too large to convert to float") }
        return (real, 0)
    }

    static func binary(_ operation: PyBinaryOperator, _ a: Parts, _ b: Parts) throws -> PyObject? {
        switch operation {
        case .add: return .complex(a.real + b.real, a.imag + b.imag)
        case .subtract: return .complex(a.real - b.real, a.imag - b.imag)
        case .multiply: return make(product(a, b))
        case .trueDivide:
            guard let result = quotient(a, b) else { throw PyException.zeroDivision("complex division by zero") }
            return make(result)
        case .power: return make(try power(a, b))
        default: return nil
        }
    }

    static func make(_ parts: Parts) -> PyObject { .complex(parts.real, parts.imag) }

    /// `_Py_c_prod`.
    static func product(_ a: Parts, _ b: Parts) -> Parts {
        (a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real)
    }

    /// `_Py_c_quot`, Smith's algorithm; nil where CPython sets EDOM (a zero divisor).
    static func quotient(_ a: Parts, _ b: Parts) -> Parts? {
        let absReal = b.real < 0 ? -b.real : b.real
        let absImag = b.imag < 0 ? -b.imag : b.imag
        if absReal >= absImag {
            if absReal == 0 { return nil }
            let ratio = b.imag / b.real
            let denominator = b.real + b.imag * ratio
            return ((a.real + a.imag * ratio) / denominator, (a.imag - a.real * ratio) / denominator)
        }
        if absImag >= absReal {
            let ratio = b.real / b.imag
            let denominator = b.real * ratio + b.imag
            return ((a.real * ratio + a.imag) / denominator, (a.imag * ratio - a.real) / denominator)
        }
        return (.nan, .nan)
    }

    /// `complex_pow`: small integral exponents by repeated squaring (`c_powi`), others by `_Py_c_pow`,
    /// then CPython's range check.
    static func power(_ a: Parts, _ b: Parts) throws -> Parts {
        let zeroPower = PyException.zeroDivision("0.0 to a negative or complex power")
        var result: Parts
        if b.imag == 0, b.real == b.real.rounded(.down), abs(b.real) <= 100 {
            let exponent = Int(b.real)
            if exponent > 0 {
                result = unsignedPower(a, exponent)
            } else {
                guard let inverse = quotient((1, 0), unsignedPower(a, -exponent)) else { throw zeroPower }
                result = inverse
            }
        } else if b.real == 0 && b.imag == 0 {
            result = (1, 0)
        } else if a.real == 0 && a.imag == 0 {
            if b.imag != 0 || b.real < 0 { throw zeroPower }
            result = (0, 0)
        } else {
            let magnitude = hypot(a.real, a.imag)
            var length = pow(magnitude, b.real)
            let angle = atan2(a.imag, a.real)
            var phase = angle * b.real
            if b.imag != 0 {
                length /= exp(angle * b.imag)
                phase += b.imag * log(magnitude)
            }
            result = (length * cos(phase), length * sin(phase))
        }
        if result.real.isInfinite || result.imag.isInfinite { throw PyException.overflow("complex exponentiation") }
        return result
    }

    /// `c_powu`.
    static func unsignedPower(_ x: Parts, _ n: Int) -> Parts {
        var result: Parts = (1, 0)
        var square = x
        var mask = 1
        while mask > 0 && n >= mask {
            if n & mask != 0 { result = product(result, square) }
            mask <<= 1
            square = product(square, square)
        }
        return result
    }

    /// `complex_richcompare`: equality with complex, float and int (exactly, as float == int is);
    /// nil (NotImplemented) for orderings and other types.
    static func compare(_ operation: PyCompareOperator, _ a: PyObject, _ b: PyObject) -> PyObject? {
        guard operation == .equal || operation == .notEqual else { return nil }
        let (complex, other) = a.heap is PyComplex ? (a.heap as! PyComplex, b) : (b.heap as! PyComplex, a)
        let equal: Bool
        if let otherComplex = other.heap as? PyComplex {
            equal = complex.real == otherComplex.real && complex.imag == otherComplex.imag
        } else if other.isNumber {
            equal = complex.imag == 0 && PyObject.numericOrder(PyObject(complex.real), other) == 0
        } else {
            return nil
        }
        return PyObject(operation == .equal ? equal : !equal)
    }

    /// `complex_hash`: equal to the float's (so the int's) hash when the imaginary part is 0.
    static func hash(_ complex: PyComplex) -> Int {
        let combined = PyObject.floatHash(complex.real) &+ 1_000_003 &* PyObject.floatHash(complex.imag)
        return combined == -1 ? -2 : combined
    }

    static func absolute(_ complex: PyComplex) throws -> Double {
        let result = hypot(complex.real, complex.imag)
        if result.isInfinite && complex.real.isFinite && complex.imag.isFinite {
            throw PyException.overflow("absolute value too large")
        }
        return result
    }

    // MARK: Text

    /// `repr(z)`: the parts as `repr(float)` writes them less a trailing `.0`, the real part left out
    /// (with the parentheses) when it is +0.
    static func repr(_ complex: PyComplex) -> String {
        let imaginary = part(complex.imag)
        if complex.real == 0 && complex.real.sign == .plus { return imaginary + "j" }
        let signed = imaginary.hasPrefix("-") ? imaginary : "+" + imaginary
        return "(" + part(complex.real) + signed + "j)"
    }

    static func part(_ value: Double) -> String {
        let text = FloatRepr.repr(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `format(z, spec)`, CPython's complex formatting: with no type each part as repr writes it and
    /// parentheses around both; with a type both parts in that type, the imaginary one signed.
    static func format(_ complex: PyComplex, _ spec: String) throws -> String {
        if spec.isEmpty { return repr(complex) }
        let parsed = try PyFormatting.parse(spec)
        if parsed.zeroPad { throw PyException.valueError("Zero padding is not allowed in complex format specifier") }
        if parsed.align == "=" { throw PyException.valueError("'=' alignment flag is not allowed in complex format specifier") }
        if let type = parsed.type, !"eEfFgGn".contains(type) {
            throw PyException.valueError("Unknown format code '\(type)' for object of type 'complex'")
        }
        var partSpec = parsed
        partSpec.fill = nil; partSpec.align = nil; partSpec.width = 0
        if partSpec.type == "n" { partSpec.type = "g" }
        let bare = parsed.type == nil
        let skipReal = bare && complex.real == 0 && complex.real.sign == .plus
        func text(_ value: Double, sign: Character) -> String {
            var spec = partSpec
            spec.sign = sign
            if bare && spec.precision == nil {
                let plain = part(value)
                if plain.hasPrefix("-") || sign == "-" { return plain }
                return String(sign) + plain
            }
            if bare { spec.type = "g" }
            var formatted = spec.apply(toDouble: value)
            if bare, spec.type == "g", formatted.hasSuffix(".0") { formatted.removeLast(2) }
            return formatted
        }
        let imaginary = text(complex.imag, sign: skipReal ? parsed.sign : "+") + "j"
        var body = skipReal ? imaginary : text(complex.real, sign: parsed.sign) + imaginary
        if bare && !skipReal { body = "(" + body + ")" }
        let padding = max(0, parsed.width - body.count)
        let fill = String(parsed.fill ?? " ")
        switch parsed.align {
        case "<": return body + String(repeating: fill, count: padding)
        case "^": return String(repeating: fill, count: padding / 2) + body + String(repeating: fill, count: padding - padding / 2)
        default: return String(repeating: fill, count: padding) + body
        }
    }

    /// `complex("1+2j")`, CPython's grammar: `<float>`, `<float>j`, `<float><signed float>j`, and the
    /// older `<float><sign>j`, `<sign>j`, `j`, in optional parentheses and whitespace.
    static func parse(_ original: String) throws -> PyObject {
        let malformed = PyException.valueError("complex() arg is a malformed string")
        guard let text = withoutUnderscores(IntParsing.asciiDigits(original)) else {
            throw PyException.valueError("could not convert string to complex: \(StringRepr.repr(original))")
        }
        var characters = Array(text.unicodeScalars)
        var position = 0
        func skipSpace() { while position < characters.count, characters[position].properties.isWhitespace { position += 1 } }
        func isJ() -> Bool { position < characters.count && (characters[position] == "j" || characters[position] == "J") }
        func isSign() -> Bool { position < characters.count && (characters[position] == "+" || characters[position] == "-") }
        skipSpace()
        let bracketed = position < characters.count && characters[position] == "("
        if bracketed { position += 1; skipSpace() }
        var real = 0.0, imag = 0.0
        if let first = floatPrefix(characters, &position) {
            if isSign() {
                real = first
                if let second = floatPrefix(characters, &position) {
                    imag = second
                } else {
                    imag = characters[position] == "+" ? 1 : -1
                    position += 1
                }
                guard isJ() else { throw malformed }
                position += 1
            } else if isJ() {
                imag = first
                position += 1
            } else {
                real = first
            }
        } else {
            if isSign() {
                imag = characters[position] == "+" ? 1 : -1
                position += 1
            } else {
                imag = 1
            }
            guard isJ() else { throw malformed }
            position += 1
        }
        skipSpace()
        if bracketed {
            guard position < characters.count, characters[position] == ")" else { throw malformed }
            position += 1
            skipSpace()
        }
        guard position == characters.count else { throw malformed }
        characters.removeAll()
        return .complex(real, imag)
    }

    /// The text with underscores removed, nil where one is not between two digits (as CPython checks).
    static func withoutUnderscores(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var kept = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_" {
                let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
                guard index > 0, index + 1 < scalars.count, isDigit(scalars[index - 1]), isDigit(scalars[index + 1]) else { return nil }
                continue
            }
            kept.append(scalar)
        }
        return String(kept)
    }

    /// The longest float at `position` (`PyOS_string_to_double` on a prefix), moving past it.
    static func floatPrefix(_ characters: [Unicode.Scalar], _ position: inout Int) -> Double? {
        var index = position
        var text = ""
        if index < characters.count, characters[index] == "+" || characters[index] == "-" {
            text.unicodeScalars.append(characters[index])
            index += 1
        }
        let rest = String(String.UnicodeScalarView(characters[index...])).lowercased()
        for word in ["infinity", "inf", "nan"] where rest.hasPrefix(word) {
            position = index + word.count
            let magnitude = word == "nan" ? Double.nan : Double.infinity
            return text == "-" ? -magnitude : magnitude
        }
        func digits() -> Int {
            let start = index
            while index < characters.count, ("0"..."9").contains(characters[index]) {
                text.unicodeScalars.append(characters[index])
                index += 1
            }
            return index - start
        }
        var count = digits()
        if index < characters.count, characters[index] == "." {
            text += "."
            index += 1
            count += digits()
        }
        guard count > 0 else { return nil }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            let mark = index, markText = text
            text += "e"
            index += 1
            if index < characters.count, characters[index] == "+" || characters[index] == "-" {
                text.unicodeScalars.append(characters[index])
                index += 1
            }
            if digits() == 0 { index = mark; text = markText }
        }
        guard let value = Double(text) else { return nil }
        position = index
        return value
    }
}

/// The `complex` class: constructor, attributes and methods.
enum ComplexMethods {
    static func install(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            var args = BuiltinArguments("complex", arguments, keywords)
            let real = args.take("real") ?? args[0]
            let imag = args.take("imag") ?? args[1]
            try args.rejectKeywords()
            if arguments.count > 2 { throw PyException.typeError("complex() takes at most 2 arguments (\(arguments.count) given)") }
            return try construct(real, imag)
        }
        type.method("conjugate", arity: 0...0) { this, _ in
            guard let complex = this.complexValue else { return this }
            return .complex(complex.real, -complex.imag)
        }
        type.method("__complex__", arity: 0...0) { this, _ in
            guard let complex = this.complexValue else { return this }
            return .complex(complex.real, complex.imag)
        }
        type.method("__abs__", arity: 0...0) { this, _ in try PyBuiltins.absolute(this.builtinValue) }
        type.method("__bool__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.truthy()) }
        type.method("__hash__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.hashValue()) }
        type.method("__repr__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.repr()) }
        type.method("__format__", arity: 1...1) { this, arguments in
            PyObject(try PyFormatting.formatBuiltin(this.builtinValue, try arguments[0].toString()))
        }
        type.method("__getnewargs__", arity: 0...0) { this, _ in
            guard let complex = this.complexValue else { return .tuple([]) }
            return .tuple([PyObject(complex.real), PyObject(complex.imag)])
        }
        for operation: PyBinaryOperator in [.add, .subtract, .multiply, .trueDivide, .power] {
            type.method(operation.dunder, arity: 1...1) { this, arguments in
                try PyObject.nativeBinary(operation, this.builtinValue, arguments[0].builtinValue) ?? .notImplemented
            }
            type.method(operation.reflected, arity: 1...1) { this, arguments in
                try PyObject.nativeBinary(operation, arguments[0].builtinValue, this.builtinValue) ?? .notImplemented
            }
        }
        for operation: PyCompareOperator in [.equal, .notEqual] {
            type.method(operation.dunder, arity: 1...1) { this, arguments in
                try PyObject.nativeCompare(operation, this.builtinValue, arguments[0].builtinValue) ?? .notImplemented
            }
        }
        type.method("__neg__", arity: 0...0) { this, _ in try -this.builtinValue }
        type.method("__pos__", arity: 0...0) { this, _ in try +this.builtinValue }
    }

    /// `complex_new`: a string alone, or numbers (complex ones too: `complex(1j, 1j)` is `(-1+1j)`).
    static func construct(_ real: PyObject?, _ imag: PyObject?) throws -> PyObject {
        guard let real else {
            if let imag { return try construct(PyObject(0), imag) }
            return .complex(0, 0)
        }
        if let complex = real.heap as? PyComplex, imag == nil { return PyObject(complex) }
        if case .str(let text) = real.builtinValue.storage {
            if imag != nil { throw PyException.typeError("complex() can't take second arg if first is a string") }
            return try ComplexArithmetic.parse(text)
        }
        if let imag, case .str = imag.builtinValue.storage {
            throw PyException.typeError("complex() second arg can't be a string")
        }
        func parts(_ value: PyObject, _ message: String) throws -> ComplexArithmetic.Parts {
            if let complex = value.complexValue { return (complex.real, complex.imag) }
            if let special = try value.callSpecial("__complex__", []) {
                guard let complex = special.heap as? PyComplex else {
                    throw PyException.typeError("__complex__ returned non-complex (type \(special.typeName))")
                }
                return (complex.real, complex.imag)
            }
            if value.builtinValue.isNumber || value.pyType.lookup("__float__") != nil || value.pyType.lookup("__index__") != nil {
                return (try value.toDouble(), 0)
            }
            throw PyException.typeError(message + ", not '\(value.typeName)'")
        }
        let first = try parts(real, "complex() first argument must be a string or a number")
        guard let imag else { return .complex(first.real, first.imag) }
        let second = try parts(imag, "complex() second argument must be a number")
        // Only complex parts are folded in, so a real -0.0 keeps its sign: complex(0, -0.0) is -0j.
        let realPart = imag.complexValue == nil ? first.real : first.real - second.imag
        let imagPart = real.complexValue == nil ? second.real : second.real + first.imag
        return .complex(realPart, imagPart)
    }
}
