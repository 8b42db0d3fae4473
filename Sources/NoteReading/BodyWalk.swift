import LoomCore

/// One pass over a note's cmark tree: collects what the note holds, then puts Loom's markers in place.
struct BodyWalk {
    typealias Node = CommonMarkDocument.NodePointer
    private typealias Document = CommonMarkDocument

    let file: String
    let sourceLines: SourceLines

    private(set) var headings: [Heading] = []
    private(set) var snippets: [Snippet] = []
    private(set) var otherCodeBlockCount = 0
    private(set) var images: [ImageReference] = []
    private(set) var links: [LinkReference] = []
    private(set) var wikiLinks: [WikiLink] = []
    private(set) var diagnostics: [Diagnostic] = []

    private var anchorCounts: [String: Int] = [:]
    /// The note line the walk is on inside a paragraph or heading: cmark 0.30 gives inlines no positions.
    private var inlineLine = 1
    private var columnCursor = SourceLines.Cursor()

    /// Whether paragraphs whose source holds none of `[ < & :` are passed over (see `SourceLines.mayHoldLinks`).
    let skippingPlainParagraphs: Bool

    init(file: String, sourceLines: SourceLines, skippingPlainParagraphs: Bool = true) {
        self.file = file
        self.sourceLines = sourceLines
        self.skippingPlainParagraphs = skippingPlainParagraphs
    }

    mutating func collect(from document: CommonMarkDocument) {
        var textRewrites: [(first: Node, count: Int, change: TextChange)] = []
        var imageNodes: [Node] = []
        var snippetNodes: [(Node, Int)] = []
        var headingNodes: [(Node, Heading)] = []
        var run: [Node] = []
        var runBytes: [UInt8] = []

        document.forEachNode { node in
            switch Document.kind(of: node) {
            case .paragraph:
                inlineLine = Document.startLine(of: node)
                // Most paragraphs hold nothing the walk collects or cuts: their inlines need not be visited.
                if skippingPlainParagraphs, !sourceLines.mayHoldLinks(onLines: inlineLine...max(inlineLine, Document.endLine(of: node))) {
                    return .skipChildren
                }
            case .lineBreak:
                inlineLine += 1
            case .heading:
                inlineLine = Document.startLine(of: node)
                let heading = makeHeading(node)
                headings.append(heading)
                headingNodes.append((node, heading))
            case .codeBlock:
                if let snippet = makeSnippet(node) {
                    snippets.append(snippet)
                    snippetNodes.append((node, snippet.index))
                } else {
                    otherCodeBlockCount += 1
                }
            case .image:
                images.append(ImageReference(
                    url: Document.url(of: node),
                    altText: Document.plainText(of: node),
                    title: Document.title(of: node),
                    location: inlineLocation(needle: "![")
                ))
                imageNodes.append(node)
            case .link:
                links.append(LinkReference(
                    url: Document.url(of: node),
                    text: Document.plainText(of: node),
                    location: inlineLocation(needle: "[")
                ))
            case .text where startsTextRun(node):
                textRun(startingAt: node, into: &run)
                if let change = textChange(run, scratch: &runBytes) { textRewrites.append((node, run.count, change)) }
            default:
                break
            }
            return .children
        }

        // Text runs first: images and code blocks free their own subtrees, headings only move theirs.
        for (first, count, change) in textRewrites {
            switch change {
            case .literal(let literal): document.replaceTextRun(startingAt: first, count: count, withLiteral: literal)
            case .pieces(let pieces): document.replaceTextRun(startingAt: first, count: count, with: pieces)
            }
        }
        for (offset, node) in imageNodes.enumerated() {
            document.replace(node, withMarker: .image, offset, block: false)
        }
        for (node, index) in snippetNodes {
            document.replace(node, withMarker: .snippet, index, block: true)
        }
        for (node, heading) in headingNodes {
            document.rewrap(node, opening: "<h\(heading.level) id=\"\(heading.anchor)\">", closing: "</h\(heading.level)>\n")
        }
    }

    private enum TextChange {
        /// The run's text with markers in place of its wiki links.
        case literal([UInt8])
        /// Text, markers and links, for a run that holds a bare address.
        case pieces([Document.InlinePiece])
    }

    /// What becomes of a run of text nodes: nil for most prose, which holds neither a wiki link nor an
    /// address, found without making a String; a run of several nodes is joined in `scratch`.
    private mutating func textChange(_ run: [Node], scratch: inout [UInt8]) -> TextChange? {
        if run.count == 1 { return textChange(Document.literalBytes(of: run[0])) }
        scratch.removeAll(keepingCapacity: true)
        for node in run { scratch.append(contentsOf: Document.literalBytes(of: node)) }
        return scratch.withUnsafeBufferPointer { textChange($0) }
    }

    private mutating func textChange(_ bytes: UnsafeBufferPointer<UInt8>) -> TextChange? {
        let holdsWikiLink = ByteSearch.first("[[", inBuffer: bytes, from: 0) != nil
        guard ByteSearch.first("http", inBuffer: bytes, from: 0) != nil else {
            guard holdsWikiLink else { return nil }
            var literal: [UInt8] = []
            literal.reserveCapacity(bytes.count + 8)
            let found = forEachWikiLink(in: bytes) { range in
                literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            } link: { index in
                BodyMarkers.append(.wikiLink, index, to: &literal)
            }
            return found ? .literal(literal) : nil
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var pieces: [Document.InlinePiece] = []
        if holdsWikiLink {
            let found = forEachWikiLink(in: bytes) { range in
                pieces.append(.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)))
            } link: { index in
                pieces.append(.wikiLink(index))
            }
            if !found { pieces = [.text(text)] }
        } else {
            pieces = [.text(text)]
        }
        let original: [Document.InlinePiece] = [.text(text)]
        let cut = pieces.flatMap(BareLinks.split)
        return cut == original ? nil : .pieces(cut)
    }

    // MARK: Headings

    private mutating func makeHeading(_ node: Node) -> Heading {
        let text = Document.plainText(of: node).trimmingSpaces()
        let base = Self.slug(text)
        // One lookup, not two: a large note has tens of thousands of headings.
        let seen = Self.countingUp(&anchorCounts[base, default: 0])
        let anchor = seen == 0 ? base : "\(base)-\(seen)"
        return Heading(level: Document.headingLevel(of: node), text: text, anchor: anchor, line: Document.startLine(of: node))
    }

    /// The count before it goes up by one.
    private static func countingUp(_ count: inout Int) -> Int {
        defer { count += 1 }
        return count
    }

    /// GitHub-style: lower case, letters, digits, `-` and `_`; spaces become `-`.
    static func slug(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(text) }
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        let ascii = slug.unicodeScalars.allSatisfy { $0.isASCII }
        // Anchors go into attributes unescaped, so anything beyond these characters is dropped.
        let safe = ascii ? slug : String(slug.unicodeScalars.filter { $0.isASCII })
        return safe.isEmpty ? "section" : safe
    }

    /// `slug` for ASCII text, on bytes: every heading of a vault passes through here.
    private static func asciiSlug(_ text: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): slug.append(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): slug.append(byte)
            case UInt8(ascii: " "): slug.append(UInt8(ascii: "-"))
            default: break
            }
        }
        return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
    }

    // MARK: Snippets

    private mutating func makeSnippet(_ node: Node) -> Snippet? {
        let info = Document.fenceInfo(of: node)
        guard PythonInfoString.namesPython(info) else { return nil }
        let fenceLine = Document.startLine(of: node)
        let fenceColumn = Document.startColumn(of: node)
        let closed = sourceLines.closesFence(openedOn: fenceLine, column: fenceColumn, byLine: Document.endLine(of: node))
        if !closed {
            diagnostics.append(Diagnostic(
                .warning, at: SourceLocation(file: file, line: fenceLine, column: fenceColumn),
                "code fence is never closed; the snippet runs to the end of its block"
            ))
        }
        let code = Document.literal(of: node)
        let settings = SnippetSettingsReader.read(infoString: info, fenceLine: fenceLine, code: code, firstCodeLine: fenceLine + 1)
        for problem in settings.problems {
            diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: problem.line, column: fenceColumn), problem.message))
        }
        return Snippet(
            index: snippets.count + 1,
            infoString: info,
            fenceLine: fenceLine,
            firstCodeLine: fenceLine + 1,
            indent: fenceColumn - 1,
            code: code,
            isUnclosed: !closed,
            settings: settings.settings
        )
    }

    // MARK: Inline positions

    private mutating func inlineLocation(needle: String) -> SourceLocation {
        let column = sourceLines.column(of: needle, onLine: inlineLine, cursor: &columnCursor) ?? 1
        return SourceLocation(file: file, line: max(inlineLine, 1), column: column)
    }

    // MARK: Wiki links

    private func startsTextRun(_ node: Node) -> Bool {
        if let previous = Document.previous(of: node), Document.kind(of: previous) == .text { return false }
        return !isInsideLinkOrImage(node)
    }

    private func isInsideLinkOrImage(_ node: Node) -> Bool {
        var ancestor = Document.parent(of: node)
        while let current = ancestor {
            let kind = Document.kind(of: current)
            if kind == .link || kind == .image { return true }
            ancestor = Document.parent(of: current)
        }
        return false
    }

    /// The text nodes from `node` to the next node that is not text, in `run` (reused, so prose allocates nothing).
    private func textRun(startingAt node: Node, into run: inout [Node]) {
        run.removeAll(keepingCapacity: true)
        run.append(node)
        var next = Document.next(of: node)
        while let current = next, Document.kind(of: current) == .text {
            run.append(current)
            next = Document.next(of: current)
        }
    }

    /// Calls `text` with the stretches of `bytes` between wiki links and `link` with each wiki link's index
    /// in `wikiLinks`, in order; returns whether there was any wiki link (if not, neither was called).
    private mutating func forEachWikiLink(
        in bytes: UnsafeBufferPointer<UInt8>, text: (Range<Int>) -> Void, link: (Int) -> Void
    ) -> Bool {
        var pieceStart = 0
        var searchFrom = 0
        var found = false
        while let open = ByteSearch.first("[[", inBuffer: bytes, from: searchFrom) {
            guard let close = ByteSearch.first("]]", inBuffer: bytes, from: open + 2) else { break }
            let inner = bytes[(open + 2)..<close]
            guard !inner.contains(UInt8(ascii: "[")), !inner.contains(UInt8(ascii: "]")),
                  let (first, second) = Self.wikiLinkParts(inner) else {
                searchFrom = open + 1
                continue
            }
            found = true
            // `![[…]]` is a note reference: the `!` belongs to it, not to the text before.
            let isEmbed = open > pieceStart && bytes[open - 1] == UInt8(ascii: "!")
            let start = isEmbed ? open - 1 : open
            if start > pieceStart { text(pieceStart..<start) }
            let written = UnsafeBufferPointer(rebasing: bytes[start..<(close + 2)])
            let column = sourceLines.column(ofBytes: written, onLine: inlineLine, cursor: &columnCursor) ?? 1
            link(wikiLinks.count)
            let (target, heading) = Self.targetAndHeading((second ?? first).trimmingSpaces())
            wikiLinks.append(WikiLink(
                target: target,
                label: second == nil ? nil : first.trimmingSpaces(),
                location: SourceLocation(file: file, line: inlineLine, column: column),
                heading: heading, isEmbed: isEmbed
            ))
            pieceStart = close + 2
            searchFrom = pieceStart
        }
        if found, pieceStart < bytes.count { text(pieceStart..<bytes.count) }
        return found
    }

    /// `note.name#heading` cut at its first `#`; a target without one has no heading.
    private static func targetAndHeading(_ written: String) -> (String, String?) {
        guard let hash = written.firstIndex(of: "#") else { return (written, nil) }
        let heading = written[written.index(after: hash)...].trimmingSpaces()
        return (written[..<hash].trimmingSpaces(), heading.isEmpty ? nil : heading)
    }

    /// `label|target` cut at its first `|`, empty parts dropped (as `split(separator: "|", maxSplits: 1)` does);
    /// nil when nothing is left.
    private static func wikiLinkParts(_ inner: Slice<UnsafeBufferPointer<UInt8>>) -> (String, String?)? {
        let pipe = UInt8(ascii: "|")
        guard let start = inner.firstIndex(where: { $0 != pipe }) else { return nil }
        let rest = inner[start...]
        guard let split = rest.firstIndex(of: pipe) else { return (String(decoding: rest, as: UTF8.self), nil) }
        let second = inner[(split + 1)...]
        return (String(decoding: rest[..<split], as: UTF8.self), second.isEmpty ? nil : String(decoding: second, as: UTF8.self))
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs; on bytes, since both are ASCII.
    func trimmingSpaces() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        // The view only walks forward: remember where the last byte that is not a space ends.
        var end = start
        var position = start
        while position < bytes.endIndex {
            let next = bytes.index(after: position)
            if bytes[position] != 0x20, bytes[position] != 0x09 { end = next }
            position = next
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
