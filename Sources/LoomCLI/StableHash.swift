/// A 64-bit hash that is the same in every process, for the build manifest (Swift's `Hasher` is seeded
/// per run). Not cryptographic: it tells a changed input from an unchanged one, eight bytes at a step, so
/// hashing every note of a vault costs little beside reading it.
struct StableHash {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var length: UInt64 = 0

    init() {}

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for position in offset..<bytes.count { tail |= UInt64(bytes[position]) << (UInt64(position - offset) * 8) }
            mix(tail)
        }
        length &+= UInt64(bytes.count)
        // The length after each piece keeps `ab`+`c` apart from `a`+`bc`.
        mix(UInt64(bytes.count))
    }

    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ number: UInt64) {
        mix(number)
        length &+= 8
    }

    mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    private mutating func mix(_ word: UInt64) {
        var word = word &* 0x87C3_7B91_1142_53D5
        word = (word << 31) | (word >> 33)
        word = word &* 0x4CF5_AD43_2745_937F
        state ^= word
        state = ((state << 27) | (state >> 37)) &* 5 &+ 0x52DC_E729
    }

    var value: UInt64 {
        var result = state ^ length
        result ^= result >> 33
        result = result &* 0xFF51_AFD7_ED55_8CCD
        result ^= result >> 33
        result = result &* 0xC4CE_B9FE_1A85_EC53
        result ^= result >> 33
        return result
    }

    static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash = StableHash()
        hash.combine(bytes)
        return hash.value
    }
}
