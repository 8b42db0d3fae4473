import Foundation
import Testing
@testable import Translation

/// `typing` and `from __future__ import annotations` in static code: importing any of typing's
/// names never refuses a cell, annotations written with them change nothing, `TYPE_CHECKING` is
/// False and `cast(T, x)` is `x`, so a typed note prints what CPython prints.
@Suite struct TypingImportTests {
    @Test func everyTypingNameImportsInStaticCode() throws {
        for name in TypingNames.all.sorted() {
            let translation = try NoteCells.translate("from typing import \(name)\nprint('ok')\n")
            #expect(translation.cells[0].status == .translated, "from typing import \(name): \(translation.cells[0].status)")
        }
        for source in ["import typing\n", "import typing as t\n", "from __future__ import annotations\n",
                       "from typing import List, Dict, Optional, Union, Callable, Any\n"] {
            let translation = try NoteCells.translate(source + "print('ok')\n")
            #expect(translation.cells[0].status == .translated, "\(source): \(translation.cells[0].status)")
        }
    }

    @Test func annotationsWithTypingNamesKeepTheStaticTranslation() throws {
        let text = try NoteCells.firstCellSwift("""
        from __future__ import annotations
        from typing import List, Optional

        def total(values: List[int], start: int = 0) -> int:
            result: int = start
            for value in values:
                result += value
            return result

        def first_word(text: str) -> Optional[str]:
            return text.split()[0]

        print(total([1, 2, 3]))
        print(first_word("hello typed world"))
        """)
        #expect(text.contains("print(total("))
        #expect(!text.contains("PyObject"))
    }

    @Test func typeCheckingIsFalseAndCastIsItsValue() throws {
        let text = try NoteCells.firstCellSwift("""
        import typing
        from typing import TYPE_CHECKING, cast
        if TYPE_CHECKING:
            print("never")
        if not typing.TYPE_CHECKING:
            print("at run time")
        count = cast(int, 41) + 1
        print(count)
        """)
        #expect(text.contains("if false"))
        #expect(text.contains("41 + 1"))
    }

    @Test func aTypedNotePrintsWhatCPythonPrints() throws {
        let run = try Differential.run("""
        from __future__ import annotations
        from typing import Dict, List, Optional, Tuple, TYPE_CHECKING, cast
        import typing

        def histogram(words: List[str]) -> Dict[str, int]:
            counts: Dict[str, int] = {}
            for word in words:
                counts[word] = counts.get(word, 0) + 1
            return counts

        def span(values: List[float]) -> Tuple[float, float]:
            return (min(values), max(values))

        print(histogram("a b a c b a".split()))
        print(span([2.5, -1.0, 7.25]))
        print(TYPE_CHECKING, typing.TYPE_CHECKING)
        print(cast(str, "cast") * 2)
        # %%
        from typing import Optional
        def describe(n: int, label: Optional[str] = None) -> str:
            return f"{n}:{label}"
        print(describe(3), describe(4, "four"))
        """)
        #expect(run.compileError == nil, "\(run.compileError ?? "")\n\(run.translation.program)")
        for cell in run.cells {
            #expect(cell.status == .translated, "snippet \(cell.index): \(cell.status)")
            #expect(cell.outputMatches, "snippet \(cell.index)\npython: \(cell.python)\nswift:  \(cell.swift)")
        }
    }

    @Test func runTimeTypingObjectsAreLeftToTheDynamicTranslation() throws {
        let translation = try NoteCells.translate("from typing import TypeVar\nT = TypeVar('T')\nprint(T)\n")
        // A typing object used as a value at run time is not a static type: the cell runs over PyObject.
        #expect(translation.cells[0].status == .translated)
        #expect(translation.cells[0].swift.contains("Py.importModule(\"typing\")"), "\(translation.cells[0].swift)")
        #expect(translation.cells[0].notes.contains { $0.text.hasPrefix("dynamic") }, "\(translation.cells[0].notes)")
    }
}
