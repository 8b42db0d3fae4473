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

    init(file: String, sourceLines: SourceLines) {
        self.file = file
        self.sourceLines = sourceLines
    }

    mutating func collect(from document: CommonMarkDocument) {
        var textRewrites: [(run: [Node], pieces: [Document.InlinePiece])] = []
        var imageNodes: [Node] = []
        var snippetNodes: [(Node, Int)] = []
        var headingNodes: [(Node, Heading)] = []

        for node in document.nodesInOrder() {
            switch Document.kind(of: node) {
            case .paragraph:
                inlineLine = Document.startLine(of: node)
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
                let run = textRun(startingAt: node)
                let text = run.count == 1 ? Document.literal(of: node) : run.map(Document.literal(of:)).joined()
                // Most prose holds neither a wiki link nor an address: nothing to cut.
                guard text.containsBytes("[[") || text.containsBytes("http") else { break }
                let original: [Document.InlinePiece] = [.text(text)]
                let pieces = (wikiLinkPieces(in: text) ?? original).flatMap(BareLinks.split)
                if pieces != original { textRewrites.append((run, pieces)) }
            default:
                break
            }
        }

        // Text runs first: images and code blocks free their own subtrees, headings only move theirs.
        for (run, pieces) in textRewrites { Document.replaceTextRun(run, with: pieces) }
        for (offset, node) in imageNodes.enumerated() {
            Document.replace(node, withMarkup: BodyMarkers.image(offset), block: false)
        }
        for (node, index) in snippetNodes {
            Document.replace(node, withMarkup: BodyMarkers.snippet(index), block: true)
        }
        for (node, heading) in headingNodes {
            Document.rewrap(node, opening: "<h\(heading.level) id=\"\(heading.anchor)\">", closing: "</h\(heading.level)>\n")
        }
    }

    // MARK: Headings

    private mutating func makeHeading(_ node: Node) -> Heading {
        let text = Document.plainText(of: node).trimmingSpaces()
        let base = Self.slug(text)
        let seen = anchorCounts[base, default: 0]
        anchorCounts[base] = seen + 1
        let anchor = seen == 0 ? base : "\(base)-\(seen)"
        return Heading(level: Document.headingLevel(of: node), text: text, anchor: anchor, line: Document.startLine(of: node))
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
        return Snippet(
            index: snippets.count + 1,
            infoString: info,
            fenceLine: fenceLine,
            firstCodeLine: fenceLine + 1,
            indent: fenceColumn - 1,
            code: Document.literal(of: node),
            isUnclosed: !closed
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

    private func textRun(startingAt node: Node) -> [Node] {
        var run = [node]
        var next = Document.next(of: node)
        while let current = next, Document.kind(of: current) == .text {
            run.append(current)
            next = Document.next(of: current)
        }
        return run
    }

    /// The run's text cut into text and wiki-link markers; nil when it holds no wiki link.
    private mutating func wikiLinkPieces(in runText: String) -> [Document.InlinePiece]? {
        var text = runText
        guard text.containsBytes("[[") else { return nil }
        text.makeContiguousUTF8()
        let bytes = Array(text.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var pieces: [Document.InlinePiece] = []
        var pieceStart = 0
        var searchFrom = 0
        while let open = text.utf8Offset(of: "[[", from: searchFrom) {
            guard let close = text.utf8Offset(of: "]]", from: open + 2) else { break }
            let inner = bytes[(open + 2)..<close]
            if inner.isEmpty || inner.contains(UInt8(ascii: "[")) || inner.contains(UInt8(ascii: "]")) {
                searchFrom = open + 1
                continue
            }
            if open > pieceStart { pieces.append(.text(string(pieceStart..<open))) }
            let innerText = string((open + 2)..<close)
            let parts = innerText.split(separator: "|", maxSplits: 1).map { $0.trimmingSpaces() }
            let column = sourceLines.column(of: "[[\(innerText)]]", onLine: inlineLine, cursor: &columnCursor) ?? 1
            pieces.append(.markup(BodyMarkers.wikiLink(wikiLinks.count)))
            wikiLinks.append(WikiLink(
                target: parts.count == 2 ? parts[1] : parts[0],
                label: parts.count == 2 ? parts[0] : nil,
                location: SourceLocation(file: file, line: inlineLine, column: column)
            ))
            pieceStart = close + 2
            searchFrom = pieceStart
        }
        guard !pieces.isEmpty else { return nil }
        if pieceStart < bytes.count { pieces.append(.text(string(pieceStart..<bytes.count))) }
        return pieces
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
