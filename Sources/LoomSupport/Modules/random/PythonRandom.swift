import Foundation

/// Python's `random` module with CPython's generator and algorithms: after `seed(n)` the same
/// calls give the same numbers as CPython 3.11.
///
/// Module functions are the static members (`random.randint(1, 6)` → `PythonRandom.randint(1, 6)`);
/// `random.Random(42)` is `PythonRandom(seed: 42)` with the same methods.
public final class PythonRandom: @unchecked Sendable {
    private let lock = NSLock()
    private var twister: MersenneTwister
    private var nextGauss: Double?

    /// `random.Random(seed)`; without a seed, from the system's entropy as CPython does.
    public init(seed: Int? = nil) {
        twister = MersenneTwister(key: Self.key(seed))
    }

    /// CPython seeds with the absolute value's 32-bit words, least significant first.
    private static func key(_ seed: Int?) -> [UInt32] {
        guard let seed else {
            var generator = SystemRandomNumberGenerator()
            return (0..<624).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
        }
        var magnitude = seed.magnitude
        var words: [UInt32] = []
        repeat {
            words.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude > 0
        return words
    }

    public func seed(_ value: Int? = nil) {
        lock.withLock {
            twister = MersenneTwister(key: Self.key(value))
            nextGauss = nil
        }
    }

    private func locked<Result>(_ body: (inout MersenneTwister) -> Result) -> Result {
        lock.withLock { body(&twister) }
    }

    /// `random()`: 53 random bits in [0, 1).
    public func random() -> Double {
        locked { twister in
            let high = Double(twister.next32() >> 5)
            let low = Double(twister.next32() >> 6)
            return (high * 67_108_864 + low) * (1.0 / 9_007_199_254_740_992)
        }
    }

    /// `getrandbits(k)` for k ≤ 63.
    public func getrandbits(_ bits: Int) -> Int {
        precondition(bits >= 0 && bits < 64, "getrandbits: only up to 63 bits fit in Int")
        if bits == 0 { return 0 }
        return locked { twister in
            if bits <= 32 { return Int(twister.next32() >> (32 - bits)) }
            let low = UInt64(twister.next32())
            let high = UInt64(twister.next32() >> (64 - bits))
            return Int(high << 32 | low)
        }
    }

    /// `_randbelow`: rejection sampling on `n.bit_length()` bits, as CPython does.
    private func below(_ n: Int) -> Int {
        let bits = Int.bitWidth - n.leadingZeroBitCount
        var value = getrandbits(bits)
        while value >= n { value = getrandbits(bits) }
        return value
    }

    /// `randrange(stop)`.
    public func randrange(_ stop: Int) -> Int {
        precondition(stop > 0, "ValueError: empty range for randrange()")
        return below(stop)
    }

    /// `randrange(start, stop, step)`.
    public func randrange(_ start: Int, _ stop: Int, _ step: Int = 1) -> Int {
        let width = stop - start
        if step == 1 {
            precondition(width > 0, "ValueError: empty range for randrange(\(start), \(stop), \(width))")
            return start + below(width)
        }
        precondition(step != 0, "ValueError: zero step for randrange()")
        let count = step > 0 ? flooredQuotient(width + step - 1, step) : flooredQuotient(width + step + 1, step)
        precondition(count > 0, "ValueError: empty range for randrange()")
        return start + step * below(count)
    }

    /// `randint(a, b)`: both ends included.
    public func randint(_ low: Int, _ high: Int) -> Int { randrange(low, high + 1) }

    /// `choice(seq)`.
    public func choice<C: Collection>(_ items: C) -> C.Element where C.Index == Int {
        precondition(!items.isEmpty, "IndexError: Cannot choose from an empty sequence")
        return items[items.startIndex + below(items.count)]
    }

    /// `shuffle(x)`: in place, CPython's Fisher–Yates from the end.
    public func shuffle<Element>(_ items: inout [Element]) {
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }

    /// `uniform(a, b)`.
    public func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * random() }

    /// `sample(population, k)`: CPython's two strategies (pool or selected set) and its switch.
    public func sample<Element>(_ population: [Element], _ k: Int) -> [Element] {
        let n = population.count
        precondition(k >= 0 && k <= n, "ValueError: Sample larger than population or is negative")
        var setSize = 21
        if k > 5 { setSize += Int(pow(4.0, (Foundation.log(Double(k * 3)) / Foundation.log(4.0)).rounded(.up))) }
        var result: [Element] = []
        result.reserveCapacity(k)
        if n <= setSize {
            var pool = population
            for i in 0..<k {
                let j = below(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for _ in 0..<k {
                var j = below(n)
                while selected.contains(j) { j = below(n) }
                selected.insert(j)
                result.append(population[j])
            }
        }
        return result
    }

    /// `gauss(mu, sigma)`: CPython's paired Box–Muller, keeping the second value for the next call.
    public func gauss(_ mu: Double = 0, _ sigma: Double = 1) -> Double {
        let cached: Double? = lock.withLock {
            defer { nextGauss = nil }
            return nextGauss
        }
        var z: Double
        if let cached {
            z = cached
        } else {
            let angle = random() * 2 * Double.pi
            let radius = (-2.0 * Foundation.log(1.0 - random())).squareRoot()
            z = Foundation.cos(angle) * radius
            let second = Foundation.sin(angle) * radius
            lock.withLock { nextGauss = second }
        }
        return mu + z * sigma
    }

    // MARK: The module's shared generator

    public static let shared = PythonRandom()

    public static func seed(_ value: Int? = nil) { shared.seed(value) }
    public static func random() -> Double { shared.random() }
    public static func getrandbits(_ bits: Int) -> Int { shared.getrandbits(bits) }
    public static func randrange(_ stop: Int) -> Int { shared.randrange(stop) }
    public static func randrange(_ start: Int, _ stop: Int, _ step: Int = 1) -> Int { shared.randrange(start, stop, step) }
    public static func randint(_ low: Int, _ high: Int) -> Int { shared.randint(low, high) }
    public static func choice<C: Collection>(_ items: C) -> C.Element where C.Index == Int { shared.choice(items) }
    public static func shuffle<Element>(_ items: inout [Element]) { shared.shuffle(&items) }
    public static func uniform(_ a: Double, _ b: Double) -> Double { shared.uniform(a, b) }
    public static func sample<Element>(_ population: [Element], _ k: Int) -> [Element] { shared.sample(population, k) }
    public static func gauss(_ mu: Double = 0, _ sigma: Double = 1) -> Double { shared.gauss(mu, sigma) }
}
