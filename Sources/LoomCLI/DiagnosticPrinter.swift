import Foundation
import LoomCore

/// Writes what the stages found to standard error, one `file:line:col: severity: message` a line.
struct DiagnosticPrinter {
    /// Prefix so locations point at the file as the user named it (`notes/threading.md`).
    var directoryPrefix: String

    func print(_ diagnostics: [Diagnostic]) {
        var text = ""
        for diagnostic in diagnostics {
            var located = diagnostic
            // An absolute location (the run record's) is already where the user can find it.
            if !diagnostic.location.file.hasPrefix("/") {
                located.location.file = directoryPrefix + diagnostic.location.file
            }
            text += located.formatted + "\n"
        }
        StandardError.write(text)
    }
}

enum StandardError {
    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
