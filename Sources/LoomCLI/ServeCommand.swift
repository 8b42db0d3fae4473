import ArgumentParser
import Foundation
import LoomCore
import NoteReading
import PreviewServer
import PythonFrontEnd
import Site

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on this machine and rebuild it whenever a note changes.",
        discussion: """
        Pages open in a browser reload themselves after each rebuild. Snippets are not run unless --run is \
        given: pages show the run record's results, and the Python front end's findings for notes edited \
        since. Ctrl-C stops the server.
        """
    )

    @Option(name: .long, help: "The folder of notes.")
    var notes = "notes"

    @Option(name: .long, help: "The folder the site is written to and served from; it is replaced whole.")
    var out = "site"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: Int = 8000

    @Option(name: .long, help: "The address to listen on; anything but loopback lets other machines read the notes.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "A folder whose layout.mustache, note.mustache, index.mustache or style.css replace Loom's own.")
    var theme: String?

    @Flag(name: .long, help: "Replace the output folder even if Loom did not create it.")
    var force = false

    @Flag(name: .customLong("run"), help: "Run changed snippets on every save (see --time-scale), instead of showing the run record.")
    var runSnippets = false

    @Option(name: .long, help: "The run record to read and write (default: runs.json in the output folder).")
    var record: String?

    @Flag(name: .long, help: "Watch by polling the vault instead of through inotify.")
    var poll = false

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() throws {
        let build = SiteBuild(
            notesFolder: URL(fileURLWithPath: notes),
            outputFolder: URL(fileURLWithPath: out),
            theme: try ThemeLoader.load(folder: theme),
            force: force,
            settings: runSnippets ? RunSettings(runOptions) : nil,
            recordPath: record.map { URL(fileURLWithPath: $0) },
            progress: Progress()
        )
        let session = ServeSession(build: build, notesFolder: notes, runs: runSnippets)
        guard session.rebuild(reason: "first build") else { throw ExitCode.failure }

        let server: PreviewServer
        do {
            server = try PreviewServer(siteFolder: URL(fileURLWithPath: out).standardizedFileURL.path, host: host, port: UInt16(port))
        } catch {
            StandardError.write("loom: error: cannot listen on \(host): \(error)\n")
            throw ExitCode.failure
        }
        session.server = server
        let stopped = DispatchSemaphore(value: 0)
        let failure = LockedBox<String?>(nil)
        let stopping = LockedBox(false)
        let serverEnded = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run()
            } catch {
                // Stopping closes the listening socket, which ends `run` with an error that is no failure.
                if !stopping.get() { failure.set("cannot serve on \(host):\(port): \(error)") }
            }
            serverEnded.signal()
            stopped.signal()
        }
        let listening = DispatchSemaphore(value: 0)
        let boundPort = LockedBox<UInt16?>(nil)
        Task {
            try? await server.waitUntilListening()
            boundPort.set(await server.listeningPort())
            await server.publish(session.status)
            listening.signal()
        }
        _ = listening.wait(timeout: .now() + 10)
        if let failure = failure.get() {
            StandardError.write("loom: error: \(failure)\n")
            throw ExitCode.failure
        }

        let watcher = VaultWatcher(folder: notes) { session.scheduleRebuild() }
        watcher.start(forcePolling: poll)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let exposure = Self.isLoopback(host) ? "" : " — listening beyond this machine: anyone who can reach it can read the notes"
        StandardError.write("Serving \(notes)/ at http://\(shownHost):\(boundPort.get() ?? UInt16(port))/ (watching with \(watcher.method)\(runSnippets ? ", running changed snippets" : ", snippets from the run record"))\(exposure). Ctrl-C stops.\n")

        // Ctrl-C and SIGTERM stop the server and the watcher and end the command normally. A plain handler
        // that writes to a pipe: dispatch's signal sources never see a signal the shell started us ignoring.
        guard pipe(&StopSignal.pipe) == 0 else { throw ExitCode.failure }
        for signalNumber in [SIGINT, SIGTERM] { signal(signalNumber, StopSignal.handler) }
        // A parent may have started us with them blocked (the mask is inherited): this thread takes them.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while read(StopSignal.pipe[0], &byte, 1) < 0, errno == EINTR {}
            stopping.set(true)
            watcher.stop()
            Task {
                await server.stop()
                stopped.signal()
            }
            // A connection that will not finish does not hold the command up.
            DispatchQueue.global().asyncAfter(deadline: .now() + 3) { stopped.signal() }
        }
        stopped.wait()
        watcher.stop()
        // Requests still open are given a moment, never the command's exit.
        _ = serverEnded.wait(timeout: .now() + 2)
        session.finish()
        if let failure = failure.get() {
            StandardError.write("loom: error: \(failure)\n")
            throw ExitCode.failure
        }
        StandardError.write("Stopped serving \(out)/.\n")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host.hasPrefix("127.")
    }
}

/// The rebuilds of one `loom serve`: one at a time, a save during a build makes one more build after it,
/// and every build's outcome is published to the pages.
final class ServeSession: @unchecked Sendable {
    private let build: SiteBuild
    private let notesFolder: String
    private let runs: Bool
    private let queue = DispatchQueue(label: "loom.serve.rebuild")
    private let lock = NSLock()
    private var waiting = false
    private var generation = 0
    private(set) var status = BuildStatus(generation: 0)
    var server: PreviewServer?
    /// The note signatures as of the last build, to tell which notes the user saved since.
    private var signatures: [String: FileSignature] = [:]
    /// Notes saved during this session: their warnings are shown too, not only their errors.
    private var edited: Set<String> = []
    /// The Python front end's findings for edited notes, in a build that does not run snippets.
    private var frontEndFindings: [String: [Diagnostic]] = [:]

    init(build: SiteBuild, notesFolder: String, runs: Bool) {
        self.build = build
        self.notesFolder = notesFolder
        self.runs = runs
    }

    func scheduleRebuild() {
        lock.lock()
        defer { lock.unlock() }
        guard !waiting else { return }
        waiting = true
        queue.async { [self] in
            lock.withLock { waiting = false }
            _ = rebuild(reason: "a change in the vault")
        }
    }

    func finish() {
        queue.sync {}
    }

    /// Builds; on failure the last good site stays and every page says why. Returns whether it built.
    @discardableResult
    func rebuild(reason: String) -> Bool {
        let started = Date()
        let changed = noteChanges()
        let outcome: SiteBuild.Outcome
        do {
            outcome = try build.run { StandardError.write("loom: another build is writing the site; waiting for it to finish…\n") }
        } catch {
            StandardError.write("loom: error: \(error)\n")
            lock.withLock {
                generation += 1
                status = BuildStatus(generation: generation, problemsByPage: status.problemsByPage, buildFailure: "\(error)")
            }
            publish()
            return false
        }
        let seconds = Date().timeIntervalSince(started)
        if !runs { analyzeFrontEnd(changed) }
        let problems = problemsByPage(outcome)
        let printer = DiagnosticPrinter(directoryPrefix: notesFolder.hasSuffix("/") ? notesFolder : notesFolder + "/")
        lock.withLock {
            let next = BuildStatus(generation: generation + 1, problemsByPage: problems)
            if !outcome.upToDate || next.problemsByPage != status.problemsByPage || status.buildFailure != nil {
                generation += 1
                status = next
            }
        }
        if reason != "first build" {
            let edits = changed.isEmpty ? "" : " (\(changed.sorted().prefix(3).joined(separator: ", "))\(changed.count > 3 ? ", …" : ""))"
            let work = outcome.upToDate ? "nothing to do" : "\(outcome.rendered) \(outcome.rendered == 1 ? "page" : "pages") rendered"
            StandardError.write(String(format: "Rebuilt in %.2f s%@: %@.\n", seconds, edits, work))
            printer.print(outcome.diagnostics.filter { changed.contains($0.location.file) && $0.severity == .error })
        } else {
            printer.print(outcome.diagnostics.filter { $0.severity == .error })
            StandardError.write(String(format: "Built %d pages for %d notes in %.2f s.\n", outcome.pages, outcome.notes, seconds))
        }
        publish()
        return true
    }

    private func publish() {
        guard let server else { return }
        let status = lock.withLock { self.status }
        let done = DispatchSemaphore(value: 0)
        Task {
            await server.publish(status)
            done.signal()
        }
        done.wait()
    }

    /// The notes whose files changed since the last build (every note, the first time).
    private func noteChanges() -> Set<String> {
        guard let files = try? VaultFiles(root: URL(fileURLWithPath: notesFolder)) else { return [] }
        let root = files.root.path + "/"
        var now: [String: FileSignature] = [:]
        for path in files.notePaths { now[path] = FileSignature(path: root + path) }
        let first = signatures.isEmpty
        let changed = Set(now.keys.filter { now[$0] != signatures[$0] })
        signatures = now
        if !first { edited.formUnion(changed) }
        return first ? [] : changed
    }

    /// What `loom check` would say of the edited notes' Python, for builds that show the run record: a
    /// snippet saved with a syntax error says so on its page although nothing runs.
    private func analyzeFrontEnd(_ changed: Set<String>) {
        let root = URL(fileURLWithPath: notesFolder)
        for path in changed {
            guard let bytes = try? PageFile.read(root.appendingPathComponent(path).path) else {
                frontEndFindings[path] = nil
                continue
            }
            let note = NoteReader.read(bytes, path: path)
            frontEndFindings[path] = SessionAnalyzer.analyze(snippets: note.snippets, file: path).diagnostics
        }
    }

    /// Every page a note has had in this session, so that a note that can no longer be read keeps its address.
    private var knownPages: [String: String] = [:]

    private func problemsByPage(_ outcome: SiteBuild.Outcome) -> [String: [String]] {
        var byPath: [String: [Diagnostic]] = [:]
        knownPages.merge(outcome.pageByNotePath) { _, new in new }
        let root = URL(fileURLWithPath: notesFolder)
        // A note saved into something Loom cannot read lost its page: the address tells why instead.
        for (path, _) in knownPages where outcome.pageByNotePath[path] == nil && FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
            do {
                _ = try PageFile.read(root.appendingPathComponent(path).path)
            } catch {
                byPath[path, default: []].append(Diagnostic(.error, at: SourceLocation(file: path, line: 1), "the note cannot be read: \(error)"))
            }
        }
        for diagnostic in outcome.diagnostics { byPath[diagnostic.location.file, default: []].append(diagnostic) }
        for (path, findings) in frontEndFindings {
            let known = Set((byPath[path] ?? []).map(\.formatted))
            byPath[path, default: []] += findings.filter { !known.contains($0.formatted) }
        }
        var problems: [String: [String]] = [:]
        for (path, diagnostics) in byPath {
            guard let page = outcome.pageByNotePath[path] ?? knownPages[path] else { continue }
            let shown = diagnostics.filter { $0.severity == .error || (edited.contains(path) && $0.severity != .error) }
            if !shown.isEmpty { problems[page] = shown.sorted { ($0.severity == .error ? 0 : 1, $0.location) < ($1.severity == .error ? 0 : 1, $1.location) }.map(\.formatted) }
        }
        return problems
    }
}

/// The pipe a stop signal is told through: writing is all a signal handler may safely do.
enum StopSignal {
    nonisolated(unsafe) static var pipe: [Int32] = [-1, -1]

    static let handler: @convention(c) (Int32) -> Void = { _ in
        var byte: UInt8 = 1
        _ = write(StopSignal.pipe[1], &byte, 1)
    }
}

/// A value shared between the command's thread and its tasks.
final class LockedBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
