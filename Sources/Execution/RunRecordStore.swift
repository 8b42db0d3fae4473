import Foundation
import LoomCore

/// Reads and writes the run record so that a damaged file is never trusted and never half-written.
public enum RunRecordStore {
    /// The record at `path`; nil with no diagnostics when there is none yet. A file that is corrupt,
    /// truncated or of another format version is renamed to `runs.json.corrupt-<timestamp>` and
    /// reported, and Loom starts from nothing rather than trust any part of it.
    public static func load(from path: String, now: Date = Date()) -> (record: RunRecord?, diagnostics: [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: path) else { return (nil, []) }
        let location = SourceLocation(file: path, line: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(.warning, at: location, "the run record cannot be read; every snippet will run")])
        }
        let problem: String
        do {
            let probe = try JSONDecoder().decode(VersionProbe.self, from: data)
            guard probe.formatVersion == RunRecord.currentFormatVersion else {
                throw ForeignVersion(version: probe.formatVersion)
            }
            return (try JSONDecoder().decode(RunRecord.self, from: data), [])
        } catch let foreign as ForeignVersion {
            problem = "it has format version \(foreign.version.map(String.init) ?? "none"), not \(RunRecord.currentFormatVersion)"
        } catch {
            problem = "it is not a complete run record (\(describe(error)))"
        }
        let setAside = "\(path).corrupt-\(timestamp(now))"
        let moved = rename(path, setAside) == 0
        let outcome = moved ? "moved it to \(setAside)" : "could not move it aside: \(String(cString: strerror(errno)))"
        return (nil, [Diagnostic(.warning, at: location, "ignored the run record: \(problem); \(outcome); every snippet will run")])
    }

    /// Writes the record to a temporary file in the same folder, flushes it to disk and renames it over
    /// `path`, so a reader (or a crash) sees the old record or the new one, never a mix.
    public static func save(_ record: RunRecord, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(record) + Data("\n".utf8)
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = "\(folder)/.\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SaveError(message: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        let failure: String? = data.withUnsafeBytes { bytes in
            while written < bytes.count {
                let count = write(fd, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return "cannot write \(temporary): \(String(cString: strerror(errno)))"
                }
                written += count
            }
            return fsync(fd) == 0 ? nil : "cannot flush \(temporary): \(String(cString: strerror(errno)))"
        }
        close(fd)
        if let failure {
            unlink(temporary)
            throw SaveError(message: failure)
        }
        guard rename(temporary, path) == 0 else {
            let message = "cannot replace \(path): \(String(cString: strerror(errno)))"
            unlink(temporary)
            throw SaveError(message: message)
        }
        // The rename itself must reach the disk too.
        let directory = open(folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    public struct SaveError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private struct VersionProbe: Decodable {
        var formatVersion: Int?
    }

    private struct ForeignVersion: Error {
        var version: Int?
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): "corrupt data: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }
}
