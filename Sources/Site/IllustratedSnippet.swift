import NoteReading

/// Which snippet a picture in the note was meant to show.
enum IllustratedSnippet {
    /// The nearest snippet in the image's own section (its subsections included), else the nearest one before it.
    static func forImage(at line: Int, in note: Note) -> Int? {
        let snippets = note.snippets
        guard !snippets.isEmpty else { return nil }
        if let section = note.headings.last(where: { $0.line <= line }) {
            let sectionEnd = note.headings.first { $0.line > section.line && $0.level <= section.level }?.line ?? Int.max
            let inSection = snippets.filter { $0.fenceLine > section.line && $0.fenceLine < sectionEnd }
            if let nearest = inSection.min(by: { abs($0.fenceLine - line) < abs($1.fenceLine - line) }) {
                return nearest.index
            }
        }
        return snippets.last { $0.fenceLine < line }?.index
    }
}
