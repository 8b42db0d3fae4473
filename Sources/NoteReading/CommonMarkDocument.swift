import CCmark
import CmarkArena
import Foundation

/// Owns one cmark tree; the only place that speaks libcmark.
///
/// cmark allocates every node and string on its own and frees them one by one, which made `malloc` and `free`
/// a quarter of reading a large note: a document lives in this thread's arena instead, released whole when
/// the note is done.
final class CommonMarkDocument {
    typealias NodePointer = OpaquePointer

    let root: NodePointer
    /// The allocator the tree was parsed with; nodes Loom adds must come from the same one.
    private let memory: UnsafeMutablePointer<cmark_mem>

    private nonisolated(unsafe) static let arenaMemory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(calloc: loom_arena_calloc, realloc: loom_arena_realloc, free: loom_arena_free))
        return memory
    }()

    private init(root: NodePointer, memory: UnsafeMutablePointer<cmark_mem>) {
        self.root = root
        self.memory = memory
    }

    /// Parses `parts`, fed to cmark one after another, and hands the document to `body`. The document and
    /// everything cmark allocated for it are gone when `body` returns: nothing of it may escape.
    static func withDocument<Result>(parsing parts: [ArraySlice<UInt8>], _ body: (CommonMarkDocument) -> Result) -> Result {
        // A thread reads one note at a time; should a document already be open here, fall back to malloc.
        let inArena = loom_arena_begin() == 0
        let memory = inArena ? arenaMemory : cmark_get_default_mem_allocator()!
        let parser = cmark_parser_new_with_mem(CMARK_OPT_VALIDATE_UTF8, memory)
        for part in parts {
            part.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
        }
        let document = CommonMarkDocument(root: cmark_parser_finish(parser), memory: memory)
        cmark_parser_free(parser)
        defer {
            if inArena { loom_arena_end() } else { cmark_node_free(document.root) }
        }
        return body(document)
    }

    /// Calls `visit` with every node in document order, each once (on entering), except those inside a node
    /// for which `visit` said `.skipChildren`. The tree must not change meanwhile.
    func forEachNode(_ visit: (NodePointer) -> Visit) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), visit(node) == .skipChildren {
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            }
        }
    }

    enum Visit { case children, skipChildren }

    /// cmark's safe HTML (raw HTML omitted, dangerous URLs dropped), lent to `body` without a copy.
    func withRenderedSafeHTML<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let html = cmark_render_html(root, CMARK_OPT_DEFAULT) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { memory.pointee.free(html) }
        return html.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            body(UnsafeBufferPointer(start: start, count: strlen(html)))
        }
    }

    // MARK: Reading nodes

    static func kind(of node: NodePointer) -> NodeKind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_CODE: .inlineCode
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_IMAGE: .image
        case CMARK_NODE_LINK: .link
        default: .other
        }
    }

    enum NodeKind { case codeBlock, heading, paragraph, text, inlineCode, lineBreak, image, link, other }

    static func literal(of node: NodePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// A node's literal as bytes, without a copy: valid until the node changes.
    static func literalBytes(of node: NodePointer) -> UnsafeBufferPointer<UInt8> {
        guard let literal = cmark_node_get_literal(node) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return literal.withMemoryRebound(to: UInt8.self, capacity: 1) { UnsafeBufferPointer(start: $0, count: strlen(literal)) }
    }

    static func fenceInfo(of node: NodePointer) -> String {
        cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    }

    static func url(of node: NodePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    static func title(of node: NodePointer) -> String {
        cmark_node_get_title(node).map { String(cString: $0) } ?? ""
    }

    static func headingLevel(of node: NodePointer) -> Int { Int(cmark_node_get_heading_level(node)) }
    static func startLine(of node: NodePointer) -> Int { Int(cmark_node_get_start_line(node)) }
    static func startColumn(of node: NodePointer) -> Int { Int(cmark_node_get_start_column(node)) }
    static func endLine(of node: NodePointer) -> Int { Int(cmark_node_get_end_line(node)) }
    static func parent(of node: NodePointer) -> NodePointer? { cmark_node_parent(node) }
    static func next(of node: NodePointer) -> NodePointer? { cmark_node_next(node) }
    static func previous(of node: NodePointer) -> NodePointer? { cmark_node_previous(node) }
    static func firstChild(of node: NodePointer) -> NodePointer? { cmark_node_first_child(node) }

    /// The plain text of a node's inline content, as a reader sees it.
    static func plainText(of node: NodePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch kind(of: current) {
            case .text, .inlineCode: text += literal(of: current)
            case .lineBreak: text += " "
            default: text += plainText(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    // MARK: Changing the tree

    /// Puts a marker in place of `node`, which is freed.
    func replace(_ node: NodePointer, withMarker kind: BodyMarkers.Kind, _ index: Int, block: Bool) {
        let custom = cmark_node_new_with_mem(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE, memory)
        var marker: [UInt8] = []
        BodyMarkers.append(kind, index, to: &marker)
        _ = Self.withCString(marker) { cmark_node_set_on_enter(custom, $0) }
        cmark_node_set_on_exit(custom, "")
        cmark_node_replace(node, custom)
        cmark_node_free(node)
    }

    /// Wraps a heading's content in Loom's own opening and closing tags (so the heading can carry an id).
    func rewrap(_ node: NodePointer, opening: String, closing: String) {
        let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, memory)
        cmark_node_set_on_enter(custom, opening)
        cmark_node_set_on_exit(custom, closing)
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(custom, child)
        }
        cmark_node_replace(node, custom)
        cmark_node_free(node)
    }

    /// Gives the first of `count` adjacent text nodes `literal` and removes the others.
    func replaceTextRun(startingAt first: NodePointer, count: Int, withLiteral literal: [UInt8]) {
        _ = Self.withCString(literal) { cmark_node_set_literal(first, $0) }
        for _ in 1..<max(count, 1) {
            guard let next = cmark_node_next(first) else { break }
            cmark_node_unlink(next)
            cmark_node_free(next)
        }
    }

    /// Replaces `count` adjacent text nodes with `pieces`, in order: text and wiki-link markers share a text
    /// node, an address becomes a link node.
    func replaceTextRun(startingAt first: NodePointer, count: Int, with pieces: [InlinePiece]) {
        var run = [first]
        while run.count < count, let next = cmark_node_next(run[run.count - 1]) { run.append(next) }
        var literal: [UInt8] = []
        func insertText() {
            guard !literal.isEmpty else { return }
            let text = cmark_node_new_with_mem(CMARK_NODE_TEXT, memory)
            _ = Self.withCString(literal) { cmark_node_set_literal(text, $0) }
            cmark_node_insert_before(first, text)
            literal.removeAll(keepingCapacity: true)
        }
        for piece in pieces {
            guard case .link(let url) = piece else {
                piece.appendLiteral(to: &literal)
                continue
            }
            insertText()
            // A real link node: cmark's safe renderer escapes it and drops dangerous schemes.
            let link = cmark_node_new_with_mem(CMARK_NODE_LINK, memory)
            cmark_node_set_url(link, url)
            let text = cmark_node_new_with_mem(CMARK_NODE_TEXT, memory)
            cmark_node_set_literal(text, url)
            cmark_node_append_child(link, text)
            cmark_node_insert_before(first, link)
        }
        insertText()
        for node in run {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    private static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    enum InlinePiece: Equatable {
        case text(String)
        case wikiLink(Int)
        case link(String)

        func appendLiteral(to bytes: inout [UInt8]) {
            switch self {
            case .text(let text): bytes.append(contentsOf: text.utf8)
            case .wikiLink(let index): BodyMarkers.append(.wikiLink, index, to: &bytes)
            case .link: break
            }
        }
    }
}
