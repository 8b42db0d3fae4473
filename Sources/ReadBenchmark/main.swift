import Foundation
import NoteReading

// Reads and extracts notes exactly as `loom build` does (front matter, cmark parse, walk, safe HTML),
// and nothing else, so bench/run can set Loom's reading throughput against the `cmark` command's.
//
//     read-bench FILE...     prints bytes read, snippets found and the rendered body's size

let paths = CommandLine.arguments.dropFirst()
guard !paths.isEmpty else {
    FileHandle.standardError.write(Data("usage: read-bench FILE...\n".utf8))
    exit(2)
}
var bytesRead = 0
var snippets = 0
var bodyBytes = 0
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("read-bench: cannot read \(path)\n".utf8))
        exit(1)
    }
    let note = NoteReader.read(Array(data), path: (path as NSString).lastPathComponent)
    bytesRead += data.count
    snippets += note.snippets.count
    for case .html(let html) in note.body { bodyBytes += html.utf8.count }
}
print("\(bytesRead) bytes, \(snippets) snippets, \(bodyBytes) bytes of HTML")
