import LoomCore
import PythonFrontEnd

/// One snippet of a note, as a cell of the note's session, after the front end parsed and
/// repaired it.
public struct CellSource: Sendable {
    /// 1-based position among the note's snippets; the run protocol's cell number.
    public var index: Int
    /// The parsed (and repaired) snippet; node positions are note lines.
    public var module: Module
    /// Set when the front end could not parse the snippet: the cell is refused with this.
    public var refusal: Refusal?
    /// Names the snippet binds, for a snippet that could not be parsed: later snippets that use
    /// them are refused too, saying why.
    public var unparsedNames: [String]
    /// Names the static pass must treat as bound elsewhere (by the cell's dynamic translation,
    /// or by a statement of it that was not translated): a static cell that reads one cannot be
    /// static.
    var namesBoundElsewhere: [String] = []
    /// Set when this cell's static Swift did not compile (the compiler's first message): the cell is
    /// translated dynamically instead, whatever the static translator decided.
    public var staticSwiftFailed: String?
    /// The note line of the snippet's first line: the program numbers lines from the snippet's own
    /// first line, as CPython numbers a cell's, so prose edited above a snippet changes no program.
    public var firstLine: Int

    public init(index: Int, module: Module, refusal: Refusal? = nil, unparsedNames: [String] = [], firstLine: Int = 1) {
        self.index = index
        self.module = module
        self.firstLine = firstLine
        self.refusal = refusal
        self.unparsedNames = unparsedNames
    }
}

/// Why a cell is not in the program.
public struct Refusal: Error, Hashable, Sendable {
    /// The Python construct, as written or named (`open`, `match`, `import requests`).
    public var construct: String
    public var reason: String
    /// The note line the construct is on.
    public var line: Int

    public init(construct: String, reason: String, line: Int) {
        self.construct = construct
        self.reason = reason
        self.line = line
    }

    /// `not translated: <construct> at line N (<reason>)`: what the page shows.
    public var message: String { "not translated: \(construct) at line \(line) (\(reason))" }
}

/// What happened to one cell.
public enum CellStatus: Hashable, Sendable {
    case translated
    case refused(Refusal)
}

/// A remark the translator makes about a choice it made, shown next to the Swift.
public struct TranslatorNote: Hashable, Sendable {
    public var line: Int
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }
}

/// One cell's share of the note's program.
public struct CellTranslation: Hashable, Sendable {
    public var index: Int
    public var status: CellStatus
    /// The exact text of the program that belongs to this cell (its definitions, its state and
    /// its `cellN()` function): what the page shows. Empty when refused.
    public var swift: String
    public var notes: [TranslatorNote]
    /// Translated over `PyObject`, the dynamic Python value, rather than static Swift types.
    public var isDynamic: Bool = false
}

/// The note's one program and each cell's part in it.
public struct NoteTranslation: Hashable, Sendable {
    /// The whole `main.swift`: imports, every translated cell, and the hand-off to `runCells`.
    /// Compile it with `-parse-as-library` against LoomSupport.
    public var program: String
    public var cells: [CellTranslation]

    /// Diagnostics for the refused cells, at the refused construct's note line.
    public func diagnostics(file: String) -> [Diagnostic] {
        cells.compactMap { cell in
            guard case .refused(let refusal) = cell.status else { return nil }
            return Diagnostic(.warning, at: SourceLocation(file: file, line: refusal.line), refusal.message)
        }
    }
}
