import Foundation
import Testing

/// `loom serve` ends cleanly on Ctrl-C or SIGTERM, also when started the way a shell starts a background
/// job (SIGINT ignored), and also with a page waiting on it for changes.
@Suite(.serialized) struct ServeStopTests {
    @Test(arguments: [("INT", SIGINT, false), ("INT", SIGINT, true), ("TERM", SIGTERM, false)])
    func aStopSignalEndsServingCleanly(_ name: String, _ signalNumber: Int32, startedIgnoringIt: Bool) throws {
        let vault = try ScratchVault()
        defer { vault.remove() }
        let errURL = vault.root.appendingPathComponent("serve.err")
        try Data().write(to: errURL)
        let err = try FileHandle(forWritingTo: errURL)
        let loom = ScratchVault.repository.appendingPathComponent(".build/debug/loom").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let trap = startedIgnoringIt ? "trap '' INT; " : ""
        process.arguments = ["-c", trap + "exec \"$0\" serve --notes notes --out site --port 0", loom]
        process.currentDirectoryURL = vault.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        func log() -> String { String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self) }
        let deadline = Date().addingTimeInterval(120)
        while !log().contains("Serving "), process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let port = try #require(log().firstMatch(of: /127\.0\.0\.1:(\d+)\//).map { String($0.1) })
        // A page's wait for changes, open while the signal comes.
        let waiting = Process()
        waiting.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        waiting.arguments = ["python3", "-c", "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=30).read()", "http://127.0.0.1:\(port)/_loom/changes?since=99"]
        try waiting.run()
        Thread.sleep(forTimeInterval: 0.5)

        kill(process.processIdentifier, signalNumber)
        let stopBy = Date().addingTimeInterval(10)
        while process.isRunning, Date() < stopBy { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "SIG\(name) did not stop it within 10 s")
        process.waitUntilExit()
        try err.close()
        #expect(process.terminationStatus == 0, "\(log())")
        #expect(log().contains("Stopped serving"))
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0, "the waiting page was answered")
    }
}
