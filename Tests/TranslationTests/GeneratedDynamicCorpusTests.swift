import Foundation
import Testing
@testable import Translation

/// Seeded snippets over Python's dynamic values — mixed-type arithmetic, string and container
/// methods, classes with special methods, format specs — each run by CPython and by its
/// translation, many snippets to a program.
@Suite struct GeneratedDynamicCorpusTests {
    /// SplitMix64: the same snippets on every machine.
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func sample<T>(_ items: [T], _ count: Int) -> [T] { (0..<count).map { _ in pick(items) } }
    }

    static let values = ["0", "1", "-3", "7", "2.5", "-0.5", "True", "False", "100000000000000000000", "'ab'", "''",
                         "[1, 2]", "(3,)", "None", "{'k': 1}", "{2, 3}", "-12", "0.0", "3.0"]
    static let operators = ["+", "-", "*", "/", "//", "%", "**", "<", "==", "!=", ">=", "and", "or", "&", "|", "<<", "in"]

    static func arithmetic(_ random: inout Seeded) -> String {
        let chosen = random.sample(values, 3)
        let op = random.pick(operators)
        return """
        values = [\(chosen.joined(separator: ", "))]
        for a in values:
            for b in values:
                try:
                    print(repr(a \(op) b))
                except Exception as e:
                    print(type(e).__name__, e)
        """
    }

    static let words = ["hello", "Python", "data science", "a-b-c", "  spaced out ", "MiXeD", "x", "tab\tbed", "3 apples", ""]
    static let stringCalls = [
        "upper()", "lower()", "title()", "capitalize()", "swapcase()", "strip()", "split()", "split('-')",
        "replace('a', '@')", "find('a')", "count('a')", "startswith('he')", "endswith('s')", "isdigit()",
        "isalpha()", "center(12, '.')", "ljust(8, '*')", "rjust(8)", "zfill(6)", "partition(' ')", "rsplit(' ', 1)",
        "islower()", "isupper()", "index('a')", "casefold()", "isspace()", "expandtabs(4)", "removeprefix('he')",
    ]

    static func strings(_ random: inout Seeded) -> String {
        let word = random.pick(words)
        let calls = random.sample(stringCalls, 3)
        let slice = random.pick(["[1:]", "[:3]", "[::-1]", "[-2:]", "[1:5:2]", "[0]", "[-1]"])
        return """
        word = \(pythonRepr(word))
        for result in [\(calls.map { "lambda: word.\($0)" }.joined(separator: ", ")), lambda: word\(slice), lambda: len(word) * word[:1]]:
            try:
                print(repr(result()))
            except Exception as e:
                print(type(e).__name__, e)
        """
    }

    static let listSteps = [
        "items.append(4)", "items.extend('xy')", "items.insert(1, None)", "print(items.pop())", "items.reverse()",
        "print(items.index(2))", "items.remove(3)", "print(items.count(1))", "items += [0]", "items = items * 2",
        "del items[0]", "items[1:3] = ['a']", "print(items[-1])", "print(sorted(items, key=str))", "items.clear()",
        "print(len(items), items[::2])", "print(min(items, key=repr), max(items, key=str))", "items.sort(key=str)",
    ]

    static func lists(_ random: inout Seeded) -> String {
        let steps = random.sample(listSteps, 4)
        return """
        items = [3, 1, 2, 'z']
        try:
        \(steps.map { "    " + $0 }.joined(separator: "\n"))
        except Exception as e:
            print(type(e).__name__, e)
        print(items)
        """
    }

    static let dictSteps = [
        "d['new'] = [1]", "print(d.get('a'), d.get('zz', 0))", "print(d.pop('b', None))", "d.update(c=3, a=9)",
        "print(d.setdefault('a', 5), d.setdefault('q', []))", "print(sorted(d.keys()))", "print(list(d.items())[:2])",
        "del d['a']", "print('a' in d, len(d))", "print({k: v for k, v in d.items() if v})", "print(d['missing'])",
        "d = {**d, 'm': None}", "print(d.popitem())", "d = dict(sorted(d.items(), key=lambda kv: str(kv[1])))",
        "print(dict.fromkeys('ab', 0))", "d |= {'x': 1}",
    ]

    static func dicts(_ random: inout Seeded) -> String {
        let steps = random.sample(dictSteps, 4)
        return """
        d = {'a': 1, 'b': 'two', 'c': None}
        try:
        \(steps.map { "    " + $0 }.joined(separator: "\n"))
        except Exception as e:
            print(type(e).__name__, e)
        print(d)
        """
    }

    static func classes(_ random: inout Seeded) -> String {
        let fields = random.sample(["x", "y", "label", "size"], 2)
        let unique = Array(Set(fields)).sorted()
        let compare = random.pick(["<", ">"])
        let key = unique[0]
        let values = (0..<3).map { _ in unique.map { _ in random.pick(["1", "5", "-2", "3.5", "'b'", "'a'"]) } }
        let uniform = values.allSatisfy { row in row.allSatisfy { !$0.hasPrefix("'") } } || values.allSatisfy { row in row.allSatisfy { $0.hasPrefix("'") } }
        return """
        class Item:
            def __init__(self, \(unique.joined(separator: ", "))):
        \(unique.map { "        self.\($0) = \($0)" }.joined(separator: "\n"))
            def __repr__(self):
                return f"Item(\(unique.map { "\($0)={self.\($0)!r}" }.joined(separator: ", ")))"
            def __lt__(self, other):
                return self.\(key) \(compare) other.\(key)
            def __eq__(self, other):
                return isinstance(other, Item) and \(unique.map { "self.\($0) == other.\($0)" }.joined(separator: " and "))

        things = [\(values.map { "Item(\($0.joined(separator: ", ")))" }.joined(separator: ", "))]
        try:
            print(sorted(things)\(uniform ? "" : "[:0]"))
        except TypeError as e:
            print("TypeError", e)
        print(things[0] == things[1], things[0] in things, things.count(things[2]))
        """
    }

    static let specs = ["", ">8", "<6", "^7", "08.3f", ".2e", "+d", ",", "x", "#b", ".1%", "_", "*^9", "e", "g", "5", ".3", "=+8"]
    static let formatValues = ["42", "-7", "3.14159", "1234567.891", "0.5", "True", "'text'", "255", "1e-7", "-0.0"]

    /// Specs each kind of value accepts (an invalid one is a ValueError, tested by hand).
    static let stringSpecs = ["", ">8", "<6", "^7", "*^9", ".3", "5"]

    static func formats(_ random: inout Seeded) -> String {
        let value = random.pick(formatValues)
        let isText = value.hasPrefix("'")
        let isFloat = value.contains(".") || value.contains("e")
        let allowed = isText ? stringSpecs : isFloat ? specs.filter { !["+d", "x", "#b"].contains($0) } : specs
        let chosen = random.sample(allowed, 3)
        return """
        value = \(value)
        for spec in [\(chosen.map { "'\($0)'" }.joined(separator: ", "))]:
            try:
                print(repr(f"{value:{spec}}"), format(value, spec) == f"{value:{spec}}")
            except (ValueError, TypeError) as e:
                print(type(e).__name__, e)
        print(f"{value!r:>12}|{value!s:<4}|")
        """
    }

    static func pythonRepr(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            .replacingOccurrences(of: "\t", with: "\\t") + "'"
    }

    /// (family, seed, snippets): 300 snippets in six programs.
    static let batches: [(String, UInt64, Int)] = [
        ("arithmetic", 11, 50), ("arithmetic", 12, 30), ("strings", 21, 60), ("lists", 31, 50), ("dicts", 41, 40),
        ("classes", 51, 30), ("formats", 61, 40),
    ]

    static func note(family: String, seed: UInt64, count: Int) -> String {
        var random = Seeded(state: seed)
        var cells: [String] = []
        for _ in 0..<count {
            switch family {
            case "arithmetic": cells.append(arithmetic(&random))
            case "strings": cells.append(strings(&random))
            case "lists": cells.append(lists(&random))
            case "dicts": cells.append(dicts(&random))
            case "classes": cells.append(classes(&random))
            default: cells.append(formats(&random))
            }
        }
        return cells.map { "# %%\n" + $0 + "\n" }.joined()
    }

    @Test(arguments: batches.map { "\($0.0)-\($0.1)-\($0.2)" })
    func generatedNote(_ label: String) throws {
        try GeneratedNoteCheck.check(label, note: Self.note(family:seed:count:))
    }
}
