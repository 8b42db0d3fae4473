import Foundation
import NoteReading

// Reads and extracts notes exactly as `loom build` does (front matter, cmark parse, walk, safe HTML),
// and nothing else, so bench/run can set Loom's reading throughput against the `cmark` command's.
//
//     read-bench FILE...     prints bytes read, snippets found and the rendered body's size

/// The file's bytes, read straight into the array `NoteReader` takes (as `loom build` does), without `Data`.
func contents(of path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return nil }
    let size = Int(status.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        while count < size {
            let read = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
            if read < 0, errno == EINTR { continue }
            if read <= 0 { failed = read < 0; break }
            count += read
        }
    }
    return failed ? nil : bytes
}

let paths = CommandLine.arguments.dropFirst()
guard !paths.isEmpty else {
    FileHandle.standardError.write(Data("usage: read-bench FILE...\n".utf8))
    exit(2)
}
var bytesRead = 0
var snippets = 0
var bodyBytes = 0
for path in paths {
    guard let bytes = contents(of: path) else {
        FileHandle.standardError.write(Data("read-bench: cannot read \(path)\n".utf8))
        exit(1)
    }
    let note = NoteReader.read(bytes, path: (path as NSString).lastPathComponent)
    bytesRead += bytes.count
    snippets += note.snippets.count
    for case .html(let html) in note.body { bodyBytes += html.utf8.count }
}
print("\(bytesRead) bytes, \(snippets) snippets, \(bodyBytes) bytes of HTML")
