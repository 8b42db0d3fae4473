import Foundation
import LoomCore
import Site

/// What the last build knew of each note and of the site it wrote, kept inside the site so that the next
/// build reads, renders and writes only what changed.
///
/// One line per note, tab-separated, read on every build: a line format parsed byte by byte costs a
/// fraction of JSON's decoding at ten thousand notes. A file that is missing, damaged, truncated or of
/// another format is not read at all, and the build starts from nothing.
struct BuildManifest: Equatable {
    static let fileName = ".loom-build"
    static let formatLine = "loom-build-manifest 3"

    struct SnippetPosition: Hashable {
        var index: Int
        var line: Int
    }

    struct NoteEntry: Equatable {
        var facts: VaultIndex.NoteFacts
        var signature: FileSignature
        var contentHash: UInt64
        /// The runs its page shows (0: none).
        var runsHash: UInt64
        /// Everything of other notes its page shows.
        var dependencyHash: UInt64
        /// The page's file in the site; nil when another note of the same name has the page.
        var page: String?
        var pageSize: Int
        var snippets: [SnippetPosition]
        /// Pictures its page copied into the site, site-relative.
        var assets: [String]
        /// Reading's and rendering's diagnostics, repeated when the page is carried over.
        var diagnostics: [Diagnostic]
    }

    /// Loom's build, the theme, the options that shape pages, the vault's other files.
    var fingerprint: UInt64
    /// The run record's bytes as this build left them; nil when there was none.
    var recordHash: UInt64?
    /// Everything the front page and the timings page show.
    var indexHash: UInt64
    /// Every note the build read, in vault order (by path).
    var notes: [NoteEntry]
    /// The manifest file's own modification time (not stored in it): a note changed at or after it may have
    /// changed unseen within the same tick of the file system's clock.
    var writtenAt: Int64 = 0

    static func == (lhs: BuildManifest, rhs: BuildManifest) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.recordHash == rhs.recordHash && lhs.indexHash == rhs.indexHash && lhs.notes == rhs.notes
    }

    // MARK: Writing

    func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(300 * notes.count + 100)
        func append(_ text: String) { output.append(contentsOf: text.utf8) }
        func tab() { output.append(0x09) }
        append(Self.formatLine + "\n")
        append(hex(fingerprint) + "\t" + (recordHash.map(hex) ?? "-") + "\t" + hex(indexHash) + "\t\(notes.count)\n")
        // Appended field by field: building a string per line was most of writing the manifest.
        for note in notes {
            let facts = note.facts
            append(escape(facts.path)); tab()
            append(String(note.signature.size)); tab()
            append(String(note.signature.modified)); tab()
            append(String(note.signature.inode)); tab()
            append(hex(note.contentHash)); tab()
            append(hex(note.runsHash)); tab()
            append(hex(note.dependencyHash)); tab()
            append(note.page.map(escape) ?? ""); tab()
            append(String(note.pageSize)); tab()
            append(escape(facts.name)); tab()
            append(escape(facts.title)); tab()
            append(facts.description.map(escape) ?? ""); tab()
            append(facts.created.map { String($0) } ?? ""); tab()
            append(facts.updated.map { String($0) } ?? ""); tab()
            append(String(facts.snippetCount)); tab()
            append(list(facts.wikiLinkTargets)); tab()
            append(note.snippets.map { "\($0.index):\($0.line)" }.joined(separator: ",")); tab()
            append(list(note.assets)); tab()
            append(note.diagnostics.map(encode).joined(separator: "\u{1E}")); tab()
            append(list(facts.tags)); tab()
            append(list(facts.embeds))
            output.append(0x0A)
        }
        append("end\n")
        return output
    }

    private func hex(_ value: UInt64) -> String { String(value, radix: 16) }

    /// Each member after a separator, so that an empty list and a list of one empty string differ.
    private func list(_ members: [String]) -> String {
        members.map { "\u{1F}" + escape($0) }.joined()
    }

    private func encode(_ diagnostic: Diagnostic) -> String {
        var fields = [diagnostic.severity.rawValue, escape(diagnostic.location.file), String(diagnostic.location.line),
                      String(diagnostic.location.column), escape(diagnostic.message)]
        if let fix = diagnostic.fix { fields += [escape(fix.original), escape(fix.replacement)] }
        return fields.joined(separator: "\u{1F}")
    }

    /// Tabs, newlines and the list separators inside a value become two-character escapes.
    private func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x1E || $0 == 0x1F }) else { return text }
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\u{1E}": escaped += "\\r"
            case "\u{1F}": escaped += "\\u"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    // MARK: Reading

    /// The manifest at `path`, or nil when there is none or it cannot be trusted whole.
    static func load(from path: String) -> BuildManifest? {
        guard let bytes = try? PageFile.read(path), let written = FileSignature(path: path) else { return nil }
        guard var manifest = parse(bytes) else { return nil }
        manifest.writtenAt = written.modified
        return manifest
    }

    static func parse(_ bytes: [UInt8]) -> BuildManifest? {
        // A file cut short anywhere, even after its last line, is not the file that was written.
        guard bytes.last == 0x0A else { return nil }
        var lines = ManifestLines(bytes)
        guard lines.next().map(text) == formatLine,
              let header = lines.next().map(fields), header.count == 4,
              let fingerprint = hexNumber(header[0]), let indexHash = hexNumber(header[2]),
              let count = number(header[3]), count >= 0 else { return nil }
        let recordHash: UInt64?
        if text(header[1]) == "-" {
            recordHash = nil
        } else {
            guard let value = hexNumber(header[1]) else { return nil }
            recordHash = value
        }
        var notes: [NoteEntry] = []
        notes.reserveCapacity(count)
        for _ in 0..<count {
            guard let line = lines.next(), let note = noteEntry(fields(line)) else { return nil }
            notes.append(note)
        }
        guard lines.next().map(text) == "end", lines.next() == nil else { return nil }
        return BuildManifest(fingerprint: fingerprint, recordHash: recordHash, indexHash: indexHash, notes: notes)
    }

    // Fields stay bytes until they are known to be text: most are numbers, and splitting a `String` by
    // `Character` was most of reading the manifest.
    private typealias Field = ArraySlice<UInt8>

    private static func fields(_ line: Field) -> [Field] {
        line.split(separator: 0x09, omittingEmptySubsequences: false)
    }

    private static func text(_ field: Field) -> String { String(decoding: field, as: UTF8.self) }

    private static func number(_ field: Field) -> Int? {
        guard !field.isEmpty, field.count <= 20 else { return nil }
        var value = 0
        var digits = field[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowedAgain) = shifted.addingReportingOverflow(Int(byte - 0x30))
            guard !overflowed, !overflowedAgain else { return nil }
            value = next
        }
        return negative ? -value : value
    }

    private static func unsignedNumber(_ field: Field) -> UInt64? {
        UInt64(text(field))
    }

    private static func hexNumber(_ field: Field) -> UInt64? {
        guard !field.isEmpty, field.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in field {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    private static func noteEntry(_ fields: [Field]) -> NoteEntry? {
        guard fields.count == 21, let tags = list(fields[19]), let embeds = list(fields[20]),
              let size = number(fields[1]), let modified = number(fields[2]), let inode = unsignedNumber(fields[3]),
              let contentHash = hexNumber(fields[4]), let runsHash = hexNumber(fields[5]),
              let dependencyHash = hexNumber(fields[6]), let pageSize = number(fields[8]),
              let snippetCount = number(fields[14]),
              let created = optionalNumber(fields[12]), let updated = optionalNumber(fields[13]),
              let targets = list(fields[15]), let assets = list(fields[17]),
              let snippets = snippetPositions(fields[16]), let diagnostics = diagnostics(fields[18]) else { return nil }
        let facts = VaultIndex.NoteFacts(
            name: unescape(fields[9]), path: unescape(fields[0]), title: unescape(fields[10]),
            description: fields[11].isEmpty ? nil : unescape(fields[11]), created: created, updated: updated,
            snippetCount: snippetCount, wikiLinkTargets: targets, tags: tags, embeds: embeds
        )
        return NoteEntry(
            facts: facts, signature: FileSignature(size: Int64(size), modified: Int64(modified), inode: inode),
            contentHash: contentHash, runsHash: runsHash, dependencyHash: dependencyHash,
            page: fields[7].isEmpty ? nil : unescape(fields[7]), pageSize: pageSize,
            snippets: snippets, assets: assets, diagnostics: diagnostics
        )
    }

    /// `.some(nil)` for an empty field, nil for one that is not a number.
    private static func optionalNumber(_ field: Field) -> Int64?? {
        if field.isEmpty { return .some(nil) }
        guard let value = number(field) else { return nil }
        return .some(Int64(value))
    }

    private static func list(_ field: Field) -> [String]? {
        if field.isEmpty { return [] }
        guard field.first == 0x1F else { return nil }
        return field.split(separator: 0x1F, omittingEmptySubsequences: false).dropFirst().map(unescape)
    }

    private static func snippetPositions(_ field: Field) -> [SnippetPosition]? {
        if field.isEmpty { return [] }
        var positions: [SnippetPosition] = []
        for pair in field.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let parts = pair.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard parts.count == 2, let index = number(parts[0]), let line = number(parts[1]) else { return nil }
            positions.append(SnippetPosition(index: index, line: line))
        }
        return positions
    }

    private static func diagnostics(_ field: Field) -> [Diagnostic]? {
        if field.isEmpty { return [] }
        var diagnostics: [Diagnostic] = []
        for encoded in field.split(separator: 0x1E, omittingEmptySubsequences: false) {
            let parts = encoded.split(separator: 0x1F, omittingEmptySubsequences: false)
            guard parts.count == 5 || parts.count == 7, let severity = Diagnostic.Severity(rawValue: text(parts[0])),
                  let line = number(parts[2]), let column = number(parts[3]) else { return nil }
            let fix = parts.count == 7 ? Diagnostic.Fix(original: unescape(parts[5]), replacement: unescape(parts[6])) : nil
            diagnostics.append(Diagnostic(severity, at: SourceLocation(file: unescape(parts[1]), line: line, column: column), unescape(parts[4]), fix: fix))
        }
        return diagnostics
    }

    private static func unescape(_ field: Field) -> String {
        guard field.contains(0x5C) else { return text(field) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.count)
        var escaping = false
        for byte in field {
            if escaping {
                switch byte {
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x1E)
                case UInt8(ascii: "u"): bytes.append(0x1F)
                default: bytes.append(byte)
                }
                escaping = false
            } else if byte == 0x5C {
                escaping = true
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The lines of a byte buffer, without their newlines; a last line without one is still a line.
private struct ManifestLines {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> ArraySlice<UInt8>? {
        guard position < bytes.count else { return nil }
        let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
        defer { position = end + 1 }
        return bytes[position..<end]
    }
}
