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
        // A page's wait for changes, open while the signal comes: sent from here, so it is surely on its
        // way before the signal (a client started as a process could still be starting on a busy machine).
        let waiting = try openRequest(port: UInt16(port)!, "GET /_loom/changes?since=99 HTTP/1.1")
        defer { close(waiting) }
        Thread.sleep(forTimeInterval: 1)

        kill(process.processIdentifier, signalNumber)
        let stopBy = Date().addingTimeInterval(10)
        while process.isRunning, Date() < stopBy { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "SIG\(name) did not stop it within 10 s")
        process.waitUntilExit()
        try err.close()
        #expect(process.terminationStatus == 0, "\(log())")
        #expect(log().contains("Stopped serving"))
        #expect(answerStatus(waiting) == 200, "the waiting page was answered")
    }

    /// A connected socket that has sent `requestLine`.
    private func openRequest(port: UInt16, _ requestLine: String) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(descriptor); throw POSIXError(.ECONNREFUSED) }
        var patience = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("\(requestLine)\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        return descriptor
    }

    /// The HTTP status of the answer on `descriptor`, or 0 when none came.
    private func answerStatus(_ descriptor: Int32) -> Int {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let statusLine = String(decoding: received, as: UTF8.self).split(separator: "\r\n").first ?? ""
        return Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
