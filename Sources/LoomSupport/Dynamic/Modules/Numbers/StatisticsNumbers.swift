import Foundation

/// What `statistics` does with Fractions and Decimals: results convert exactly into the data's
/// type (CPython's `_convert`), and a Decimal standard deviation is the correctly rounded square
/// root of the exact variance (`_decimal_sqrt_of_frac`).
enum StatisticsNumbers {
    /// n/d in `type` when it is a Fraction or Decimal class (or a subclass), else nil.
    static func converted(_ numerator: PyObject, _ denominator: PyObject, _ type: PyClass) throws -> PyObject? {
        if let fraction = FractionsModule.fractionClass, type.isSubclass(of: fraction) {
            return try PyObject(type)(numerator, denominator)
        }
        if let decimal = DecimalModule.classes.decimal, type.isSubclass(of: decimal) {
            return try PyObject(type)(numerator) / PyObject(type)(denominator)
        }
        return nil
    }

    /// √(n/d) as a Decimal rounded half to even in the current context; nil unless `type` is Decimal.
    static func decimalSquareRoot(_ numerator: PyObject, _ denominator: PyObject, _ type: PyClass) throws -> PyObject? {
        guard let decimal = DecimalModule.classes.decimal, type.isSubclass(of: decimal),
              var n = NumbersKit.integer(numerator), var m = NumbersKit.integer(denominator) else { return nil }
        if n.isZero { return DecimalClass.make(.finite(false, BigInt(0), -1)) }
        if n.negative { (n, m) = (-n, -m) }
        let state = DecimalContexts.currentState()
        var settings = state.settings
        settings.rounding = .halfEven
        var conditions = DecimalConditions()
        let quotient = DecimalArithmetic.divide(DecimalNumber(n), DecimalNumber(m), settings, &conditions)
        if !conditions.contains(.inexact) {
            var exact = DecimalConditions()
            let root = DecimalArithmetic.squareRoot(quotient, settings, &exact)
            try state.signal(exact)
            return DecimalClass.make(root)
        }
        // Scale so the integer root has at least precision + 1 digits, then round once.
        let digits = settings.precision + 2
        let shift = max(0, 2 * digits - (DecimalNumber.digitCount(n) - DecimalNumber.digitCount(m)))
        let scaled = n * DecimalNumber.powerOfTen(2 * ((shift + 1) / 2))
        let half = (shift + 1) / 2
        var root = DecimalArithmetic.integerSquareRoot(scaled.floorDivMod(m).0)
        if root * root * m != scaled, root.floorDivMod(BigInt(5)).1.isZero { root = root + BigInt(1) }
        var rounded = DecimalConditions()
        let result = DecimalNumber.finite(false, root, -half).rounded(settings, &rounded)
        try state.signal(rounded.union(.inexact))
        return DecimalClass.make(result)
    }
}
