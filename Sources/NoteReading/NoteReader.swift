import LoomCore

/// Reads one note file's bytes into a `Note`. Pure: no file access, no printing.
public enum NoteReader {
    public static func read(_ bytes: [UInt8], path: String) -> Note {
        read(bytes, path: path, skippingPlainParagraphs: true)
    }

    /// `skippingPlainParagraphs: false` visits the inlines of every paragraph, even those whose source cannot
    /// hold a link: the reference that shortcut is tested against.
    static func read(_ bytes: [UInt8], path: String, skippingPlainParagraphs: Bool) -> Note {
        let name = noteName(forPath: path)
        var diagnostics = EncodingCheck.diagnose(bytes, file: path)

        var frontMatter: FrontMatter?
        // cmark reads the front matter's line endings alone, so that its line numbers are the file's.
        var parts = [bytes[...]]
        switch FrontMatterSplitter.find(in: bytes) {
        case .none:
            diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: path, line: 1), "note has no front matter (a YAML block between '---' lines); the title comes from its first heading"))
        case .unclosed:
            diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: path, line: 1), "front matter opened with '---' is never closed; it is read as Markdown"))
        case .found(let block):
            let (read, problems) = FrontMatterReader.read(block, file: path)
            frontMatter = read
            diagnostics += problems
            let (lineEndings, bodyStart) = FrontMatterSplitter.lineEndings(through: block.lastLine, of: bytes)
            parts = [lineEndings[...], bytes[bodyStart...]]
        }

        var walk = BodyWalk(file: path, sourceLines: SourceLines(bytes), skippingPlainParagraphs: skippingPlainParagraphs)
        let body = CommonMarkDocument.withDocument(parsing: parts) { document in
            walk.collect(from: document)
            return document.withRenderedSafeHTML(BodyMarkers.split)
        }
        diagnostics += walk.diagnostics

        let title = frontMatter?.title.flatMap { $0.isEmpty ? nil : $0 }
            ?? walk.headings.first?.text
            ?? name
        return Note(
            path: path,
            name: name,
            frontMatter: frontMatter,
            title: title,
            headings: walk.headings,
            snippets: walk.snippets,
            otherCodeBlockCount: walk.otherCodeBlockCount,
            images: walk.images,
            links: walk.links,
            wikiLinks: walk.wikiLinks,
            body: body,
            diagnostics: diagnostics.sorted { $0.location < $1.location }
        )
    }

    /// Dendron names a note by its file name without `.md`; folders are not part of the hierarchy.
    public static func noteName(forPath path: String) -> String {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        return fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
    }
}
