import ArgumentParser
import Foundation
import NoteReading

/// Reading the notes a command is pointed at, with paths reported as the user typed them.
enum NoteFiles {
    /// `notes/threading.md` → the note, named in diagnostics by that path.
    static func read(_ path: String) throws -> Note {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read note '\(path)'")
        }
        return NoteReader.read(Array(data), path: path)
    }

    /// Every `.md` file under the given files and folders, sorted, each once.
    static func expand(_ paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("no such note or folder: '\(path)'")
            }
            if isDirectory.boolValue {
                let files = try VaultFiles(root: URL(fileURLWithPath: path))
                let prefix = path.hasSuffix("/") ? path : path + "/"
                found += files.notePaths.map { prefix + $0 }
            } else {
                found.append(path)
            }
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }
}
