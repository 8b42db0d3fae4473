import Foundation
import ProgramFixtures
import SeededRandom

/// Runs `python3` as the reference: the tests compare what LoomSupport prints with what CPython
/// prints for the same inputs.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `script` and returns its stdout lines.
    ///
    /// The script goes in a file: generated cases can be far longer than an argument may be.
    static func lines(_ script: String) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("oracle.py")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let result = ToolRun.run("python3", [file.path], in: directory, timeout: 600)
        if let failure = result.startFailure { throw Failure(description: "python3: \(failure)") }
        var lines = result.stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Runs `script`, which prints one JSON value per line (`json.dumps`), and decodes each line.
    static func jsonLines<Value: Decodable>(_ script: String, as type: Value.Type = Value.self) throws -> [Value] {
        try lines(script).map { try JSONDecoder().decode(Value.self, from: Data($0.utf8)) }
    }

    /// A Python list literal of doubles given by bit pattern, so no decimal conversion stands
    /// between the two sides.
    static func floatsLiteral(_ values: [Double]) -> String {
        "[struct.unpack('<d', (b).to_bytes(8, 'little'))[0] for b in ["
            + values.map { String($0.bitPattern) }.joined(separator: ",") + "]]"
    }

    /// A Python list literal of strings, JSON-encoded (JSON strings are Python string literals for
    /// the characters used here, and `json.loads` reads them back exactly).
    static func stringsLiteral(_ values: [String]) throws -> String {
        let data = try JSONEncoder().encode(values)
        return "json.loads(" + StringLiteral.python(String(decoding: data, as: UTF8.self)) + ")"
    }
}

enum StringLiteral {
    /// A Python string literal for any text, built from code points.
    static func python(_ text: String) -> String {
        "''.join(map(chr, [" + text.unicodeScalars.map { String($0.value) }.joined(separator: ",") + "]))"
    }
}


/// Doubles that probe every layout decision: random bit patterns, short decimals, the repr
/// thresholds (1e-4, 1e16), halfway cases and integers.
func sampleDoubles(count: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    var values: [Double] = [0, -0.0, 1, -1, 0.1, 0.5, 1.5, 2.5, 2.675, 1e16, 1e15, 9999999999999998, 1e-4, 1e-5,
                            0.0001, 0.00012345, 1.5e-05, 123456789012345680, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                            .infinity, -.infinity, .nan, 1e22, 1e23, 0.3, 2.0 / 3, 100, 1234.5, 1e300]
    while values.count < count {
        switch generator.next() % 4 {
        case 0:
            let value = Double(bitPattern: generator.next())
            if value.isFinite { values.append(value) }
        case 1:
            let scale = pow(10.0, Double(Int(generator.next() % 30) - 15))
            values.append(Double(Int64(bitPattern: generator.next()) % 1_000_000) * scale)
        case 2:
            values.append(Double(Int64(bitPattern: generator.next()) % 100_000) / 8)
        default:
            values.append(Double(Int64(bitPattern: generator.next()) % 10_000) / 1000)
        }
    }
    return values
}
