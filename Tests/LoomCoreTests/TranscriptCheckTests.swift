import Foundation
import LoomCore
import Testing

/// The comparison is doctest's: every case is also put to CPython's `doctest.OutputChecker`, in one process.
@Suite struct TranscriptCheckTests {
    struct Case {
        var want: String
        var got: String
        var ellipsis = false
        var normalizeWhitespace = false
    }

    static let cases: [Case] = {
        var cases = [
            Case(want: "[1, 2, 3]", got: "[1, 2, 3]"),
            Case(want: "[1, 2, 3]", got: "[1, 2, 4]"),
            Case(want: "a\n<BLANKLINE>\nb", got: "a\n\nb"),
            Case(want: "a\n<BLANKLINE>\nb", got: "a\n   \nb"),
            Case(want: "a\n\nb", got: "a\n\nb"),
            Case(want: "<generator object f at ...>", got: "<generator object f at 0x7f00>"),
            Case(want: "<generator object f at ...>", got: "<generator object f at 0x7f00>", ellipsis: true),
            Case(want: "start...end", got: "start middle end", ellipsis: true),
            Case(want: "start...end", got: "startend", ellipsis: true),
            Case(want: "...", got: "", ellipsis: true),
            Case(want: "a...b...c", got: "abc", ellipsis: true),
            Case(want: "a...b...c", got: "acb", ellipsis: true),
            Case(want: "aa...aa", got: "aaa", ellipsis: true),
            Case(want: "1 2  3", got: "1 2 3"),
            Case(want: "1 2  3", got: "1\n2 3", normalizeWhitespace: true),
            Case(want: "[1,\n 2]", got: "[1, 2]", normalizeWhitespace: true),
            Case(want: "x ... z", got: "x   y\n z", ellipsis: true, normalizeWhitespace: true),
            Case(want: "tail  ", got: "tail"),
        ]
        // Generated: short words, spaces, newlines and ellipses, compared every way.
        var seed: UInt64 = 0x5EED
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        let atoms = ["a", "b", "ab", " ", "  ", "\n", "...", "<BLANKLINE>", "x y"]
        for _ in 0..<300 {
            let want = (0..<(1 + next() % 5)).map { _ in atoms[next() % atoms.count] }.joined()
            let got = (0..<(next() % 6)).map { _ in atoms[next() % (atoms.count - 2)] }.joined()
            cases.append(Case(want: want, got: got, ellipsis: next() % 2 == 0, normalizeWhitespace: next() % 3 == 0))
        }
        return cases
    }()

    @Test func comparisonAgreesWithDoctest() throws {
        let script = """
            import doctest, json, sys
            checker = doctest.OutputChecker()
            out = []
            for case in json.load(sys.stdin):
                flags = (doctest.ELLIPSIS if case["ellipsis"] else 0) | (doctest.NORMALIZE_WHITESPACE if case["normalize"] else 0)
                out.append(checker.check_output(case["want"] + "\\n", case["got"] + "\\n" if case["got"] else "", flags))
            print(json.dumps(out))
            """
        let input = try JSONSerialization.data(withJSONObject: Self.cases.map {
            ["want": $0.want, "got": $0.got, "ellipsis": $0.ellipsis, "normalize": $0.normalizeWhitespace] as [String: Any]
        })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let expected = try JSONDecoder().decode([Bool].self, from: data)
        #expect(expected.count == Self.cases.count)
        for (testCase, verdict) in zip(Self.cases, expected) {
            let example = TranscriptExample(sourceLine: 1, expected: [], ellipsis: testCase.ellipsis, normalizeWhitespace: testCase.normalizeWhitespace)
            // doctest compares text ending in a newline; an empty output is no lines at all.
            let got = testCase.got.isEmpty ? "" : testCase.got + "\n"
            #expect(DoctestComparison.matches(want: testCase.want + "\n", got: got, example: example) == verdict,
                    "want \(testCase.want.debugDescription) got \(got.debugDescription) ellipsis \(testCase.ellipsis) normalize \(testCase.normalizeWhitespace)")
        }
    }

    @Test func eachExpectedLineIsMarkedAndATracebackIsComparedByItsLastLine() {
        let transcript = Transcript(style: .prompts, examples: [
            TranscriptExample(sourceLine: 3, expected: [.init(line: 4, text: "1"), .init(line: 5, text: "2"), .init(line: 6, text: "3")]),
            TranscriptExample(sourceLine: 7, expected: [
                .init(line: 8, text: "Traceback (most recent call last):"), .init(line: 9, text: "  File \"<stdin>\", line 1, in <module>"),
                .init(line: 10, text: "ZeroDivisionError: division by zero"),
            ]),
            TranscriptExample(sourceLine: 11, expected: [.init(line: 12, text: "never")]),
        ])
        let check = TranscriptCheck.check(transcript, outputs: [0: ["1", "two", "3"], 1: []],
                                          exception: "ZeroDivisionError: division by zero", raisedIn: 1)
        #expect(check.examples[0].lines.map(\.matched) == [true, false, true])
        #expect(check.examples[0].actual == ["1", "two", "3"])
        #expect(check.examples[1].matched)
        #expect(!check.examples[2].matched && check.examples[2].actual == nil)
        #expect(check.matchedLines == 5 && check.expectedLines == 7)

        let wrongError = TranscriptCheck.check(transcript, outputs: [0: ["1", "2", "3"]], exception: "ValueError: no", raisedIn: 1)
        #expect(wrongError.examples[0].matched)
        #expect(!wrongError.examples[1].matched)
    }
}
