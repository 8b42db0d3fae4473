import Foundation

/// The CPython installation a harness run uses: the real interpreter (not a pyenv shim) and the
/// folders it needs (`sys.prefix`, `sys.base_prefix`, `sys.exec_prefix` …) to find its standard library.
public struct PythonInstallation: Hashable, Sendable {
    public var executable: String
    public var version: String
    public var prefixes: [String]

    public init(executable: String, version: String, prefixes: [String]) {
        self.executable = executable
        self.version = version
        self.prefixes = prefixes
    }

    /// Asks `python` (a path, perhaps a shim) where it really lives. This runs only Loom's own line of Python.
    public static func of(_ python: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> PythonInstallation? {
        let question = "import json, sys; print(json.dumps([sys.executable, sys.version.split()[0], "
            + "sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]))"
        guard let reply = SandboxProcess.run(python, ["-I", "-c", question], environment: environment, timeout: 30),
              reply.status == 0,
              let fields = try? JSONSerialization.jsonObject(with: Data(reply.stdout.utf8)) as? [String],
              fields.count == 6, !fields[0].isEmpty
        else { return nil }
        let executable = URL(fileURLWithPath: fields[0]).resolvingSymlinksInPath().path
        var prefixes: [String] = []
        for prefix in fields[2...] where !prefix.isEmpty {
            let resolved = URL(fileURLWithPath: prefix).resolvingSymlinksInPath().path
            if !prefixes.contains(resolved) { prefixes.append(resolved) }
        }
        return PythonInstallation(executable: executable, version: fields[1], prefixes: prefixes)
    }
}

/// Why CPython cannot be sandboxed here.
public struct SandboxUnavailable: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}

/// Runs the harness inside bubblewrap (`bwrap`, Debian's `bubblewrap`): new mount, PID, network, IPC
/// and UTS namespaces, so the note's Python sees no network (a loopback of its own), no process of the
/// machine, and a file system of read-only system folders, its interpreter, the harness and its cells,
/// with a private `/tmp` and working folder of 64 MiB each that vanish with it. The vault and the home
/// folder are not there at all.
///
/// Run by root, bwrap sets up the namespaces with root's rights and `setpriv` then drops the program
/// to a user id of its own, with no capabilities and no way to regain them: it can write nothing of
/// the machine's even where a folder is shared, and the process limit (RLIMIT_NPROC, which binds no
/// root process) counts that run's processes and threads alone. Run by another user, bwrap makes a
/// user namespace and the program runs as that user, without capabilities.
///
/// The sandbox dies with Loom: bwrap asks for a parent-death signal, and when its first process
/// inside the PID namespace dies the kernel kills every other one there.
public struct PythonSandbox: Hashable, Sendable {
    public let bwrap: String
    public let setpriv: String?
    public let installation: PythonInstallation
    /// Processes and threads the program may have at once (RLIMIT_NPROC of its own user).
    public static let processLimit = 512
    /// Bytes of each private folder (`/tmp`, the working folder, `/dev/shm`): they are held in memory.
    public static let folderBytes = 64 << 20

    /// Where the harness and its cells appear inside the sandbox.
    public static let harnessPath = "/loom/harness.py"
    public static let cellsPath = "/loom/cells.json"
    public static let workingFolder = "/loom/work"

    /// Finds bwrap and checks that a sandbox can really be made here (a kernel may refuse namespaces),
    /// by starting the interpreter in one without any note code.
    public static func prepare(
        for installation: PythonInstallation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<PythonSandbox, SandboxUnavailable> {
        #if os(Linux)
        let searchPath = (environment["PATH"] ?? "") + ":/usr/bin:/bin"
        guard let bwrap = PythonLocator.executable(named: "bwrap", searchPath: searchPath) else {
            return .failure(SandboxUnavailable(reason: "bwrap was not found (on Debian: apt-get install -y bubblewrap)"))
        }
        let isRoot = geteuid() == 0
        var setpriv: String?
        if isRoot {
            guard let found = PythonLocator.executable(named: "setpriv", searchPath: searchPath), found.hasPrefix("/usr/") else {
                return .failure(SandboxUnavailable(reason: "setpriv (util-linux) was not found under /usr"))
            }
            setpriv = found
        }
        let sandbox = PythonSandbox(bwrap: bwrap, setpriv: setpriv, installation: installation)
        let trial = sandbox.command(pythonArguments: ["-I", "-c", "import os, sys; print(os.getuid(), sys.prefix)"], bindsHarness: false)
        guard let reply = SandboxProcess.run(trial.executable, trial.arguments, environment: trial.environment, timeout: 30) else {
            return .failure(SandboxUnavailable(reason: "bwrap could not be started"))
        }
        guard reply.status == 0 else {
            let message = reply.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(reply.status)"
            return .failure(SandboxUnavailable(reason: "bwrap could not make a sandbox here: \(message)"))
        }
        guard reply.stdout.contains(installation.prefixes.first ?? "/") else {
            return .failure(SandboxUnavailable(reason: "CPython did not find its standard library inside the sandbox"))
        }
        return .success(sandbox)
        #else
        return .failure(SandboxUnavailable(reason: "this system has no sandbox Loom can use (it needs Linux namespaces and bwrap)"))
        #endif
    }

    /// The command that runs `python -X utf8 -u harness.py cells.json` (then the run protocol's own
    /// arguments, appended by the runner) in a fresh sandbox; `hostHarness` and `hostCells` are bound
    /// read-only at `harnessPath` and `cellsPath`.
    public func harnessCommand(hostHarness: String, hostCells: String) -> (executable: String, arguments: [String], environment: [String: String]) {
        command(
            pythonArguments: ["-X", "utf8", "-u", Self.harnessPath, Self.cellsPath],
            bindsHarness: true, hostHarness: hostHarness, hostCells: hostCells)
    }

    func command(
        pythonArguments: [String], bindsHarness: Bool, hostHarness: String = "", hostCells: String = ""
    ) -> (executable: String, arguments: [String], environment: [String: String]) {
        var arguments = [
            "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--hostname", "loom",
        ]
        if setpriv == nil { arguments += ["--unshare-user", "--cap-drop", "ALL"] }
        arguments += ["--ro-bind", "/usr", "/usr"]
        let fileManager = FileManager.default
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let target = try? fileManager.destinationOfSymbolicLink(atPath: top) {
                arguments += ["--symlink", target, top]
            } else if fileManager.fileExists(atPath: top) {
                arguments += ["--ro-bind", top, top]
            }
        }
        // The dynamic loader's cache and the time zone, so programs start fast and print local times as outside.
        for file in ["/etc/ld.so.cache", "/etc/localtime"] {
            arguments += ["--ro-bind-try", file, file]
        }
        arguments += ["--proc", "/proc", "--dev", "/dev"]
        let size = "\(Self.folderBytes)"
        arguments += ["--perms", "1777", "--size", size, "--tmpfs", "/tmp"]
        arguments += ["--perms", "1777", "--size", size, "--tmpfs", "/dev/shm"]
        arguments += ["--perms", "0755", "--dir", "/loom"]
        arguments += ["--perms", "0777", "--size", size, "--tmpfs", Self.workingFolder]
        for prefix in installation.prefixes where !prefix.hasPrefix("/usr/") && prefix != "/usr" {
            // Folders bwrap makes on the way take the mode of the folder outside (root's home: 0700),
            // which would hide the interpreter from the program's user.
            var ancestors: [String] = []
            var folder = URL(fileURLWithPath: prefix).deletingLastPathComponent().path
            while folder != "/" && !folder.isEmpty {
                ancestors.insert(folder, at: 0)
                folder = URL(fileURLWithPath: folder).deletingLastPathComponent().path
            }
            for ancestor in ancestors where !arguments.contains(ancestor) {
                arguments += ["--perms", "0755", "--dir", ancestor]
            }
            arguments += ["--ro-bind", prefix, prefix]
        }
        if bindsHarness {
            arguments += ["--ro-bind", hostHarness, Self.harnessPath, "--ro-bind", hostCells, Self.cellsPath]
        }
        arguments += ["--chdir", Self.workingFolder, "--"]
        if let setpriv {
            let user = String(Int.random(in: 1_900_000_000..<2_000_000_000))
            arguments += [
                setpriv, "--reuid", user, "--regid", user, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
            ]
        }
        arguments += [installation.executable] + pythonArguments
        let environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": Self.workingFolder, "TMPDIR": "/tmp", "USER": "loom", "LOGNAME": "loom",
            "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1",
        ]
        return (bwrap, arguments, environment)
    }
}

/// A short helper process whose whole output Loom wants (probes only: never a note's code).
enum SandboxProcess {
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], timeout: Double
    ) -> (status: Int32, stdout: String, stderr: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let errorData = SendableBox()
        let reader = Thread { errorData.data = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        while !errorData.done { usleep(1000) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errorData.data, as: UTF8.self))
    }

    private final class SendableBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Data?
        var data: Data {
            get { lock.withLock { stored ?? Data() } }
            set { lock.withLock { stored = newValue } }
        }
        var done: Bool { lock.withLock { stored != nil } }
    }
}
