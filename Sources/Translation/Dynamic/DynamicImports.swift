import PythonFrontEnd

/// `import` in dynamic cells: a standard module is imported through the runtime
/// (`Py.importModule`), which builds it once; modules that reach files, the network or other
/// processes, and modules outside the standard library, are refused by name.
extension DynamicLowering {
    func importStatement(_ names: [Alias], line: Int, into writer: inout SwiftWriter) throws {
        for alias in names {
            try DynamicSurface.checkModule(alias.name, line: line)
            let module = "Py.importModule(\(SwiftNames.stringLiteral(alias.name)))"
            if let asname = alias.asname {
                try assignName(asname, DynamicCode(module), line: line, into: &writer)
            } else {
                let root = String(alias.name.split(separator: ".").first ?? "")
                if root != alias.name { writer.line("_ = try \(module)") }
                try assignName(root, DynamicCode("Py.importModule(\(SwiftNames.stringLiteral(root)))"), line: line, into: &writer)
            }
        }
    }

    func importFrom(_ module: String?, _ names: [Alias], level: Int, line: Int, into writer: inout SwiftWriter) throws {
        guard level == 0, let module else { throw refuse("relative import", "a note has no package around it", at: line) }
        if module == "__future__" { return }
        try DynamicSurface.checkModule(module, line: line)
        if names.contains(where: { $0.name == "*" }) {
            throw refuse("from \(module) import *", "import the names you use", at: line)
        }
        let moduleCode = "Py.importModule(\(SwiftNames.stringLiteral(module)))"
        if names.count == 1 {
            let alias = names[0]
            try DynamicSurface.checkMember(module, alias.name, line: line)
            try assignName(alias.asname ?? alias.name, DynamicCode("\(moduleCode).\(Self.memberAccess(alias.name))"), line: line, into: &writer)
            return
        }
        let temporary = temporaryName("module")
        writer.line("let \(temporary) = try \(moduleCode)")
        for alias in names {
            try DynamicSurface.checkMember(module, alias.name, line: line)
            try assignName(alias.asname ?? alias.name, DynamicCode("\(temporary).\(Self.memberAccess(alias.name))"), line: line, into: &writer)
        }
    }

    static func memberAccess(_ name: String) -> String {
        DynamicIdentifiers.isPlainMember(name) ? name : "attribute(\(SwiftNames.stringLiteral(name)))"
    }
}

/// What a translated program may not touch, by module and by name.
enum DynamicSurface {
    static let outside: [String: String] = [
        "subprocess": "starting processes is outside what a translated program may touch",
        "socket": "the network is outside what a translated program may touch",
        "requests": "the network is outside what a translated program may touch",
        "aiohttp": "the network is outside what a translated program may touch",
        "httpx": "the network is outside what a translated program may touch",
        "urllib3": "the network is outside what a translated program may touch",
        "socketserver": "the network is outside what a translated program may touch",
        "ssl": "the network is outside what a translated program may touch",
        "http": "the network is outside what a translated program may touch",
        "urllib": "the network is outside what a translated program may touch",
        "ftplib": "the network is outside what a translated program may touch",
        "smtplib": "the network is outside what a translated program may touch",
        "poplib": "the network is outside what a translated program may touch",
        "imaplib": "the network is outside what a translated program may touch",
        "telnetlib": "the network is outside what a translated program may touch",
        "xmlrpc": "the network is outside what a translated program may touch",
        "webbrowser": "the network is outside what a translated program may touch",
        "wsgiref": "the network is outside what a translated program may touch",
        "selectors": "the network is outside what a translated program may touch",
        "select": "the network is outside what a translated program may touch",
        "shutil": "files are outside what a translated program may touch",
        "pathlib": "files are outside what a translated program may touch",
        "tempfile": "files are outside what a translated program may touch",
        "glob": "files are outside what a translated program may touch",
        "fileinput": "files are outside what a translated program may touch",
        "filecmp": "files are outside what a translated program may touch",
        "sqlite3": "files are outside what a translated program may touch",
        "dbm": "files are outside what a translated program may touch",
        "shelve": "files are outside what a translated program may touch",
        "zipfile": "files are outside what a translated program may touch",
        "tarfile": "files are outside what a translated program may touch",
        "gzip": "files are outside what a translated program may touch",
        "bz2": "files are outside what a translated program may touch",
        "lzma": "files are outside what a translated program may touch",
        "mmap": "files are outside what a translated program may touch",
        "signal": "signals are outside what a translated program may touch",
        "ctypes": "foreign code is outside what a translated program may touch",
        "tkinter": "windows are outside what a translated program may touch",
        "turtle": "windows are outside what a translated program may touch",
        "curses": "the terminal is outside what a translated program may touch",
        "getpass": "reading input is outside what a translated program may touch",
        "pdb": "the debugger is outside what a translated program may touch",
        "importlib": "importing by a computed name is outside the translated surface",
        "runpy": "running other programs is outside the translated surface",
        "pty": "starting processes is outside what a translated program may touch",
        "pwd": "the system's accounts are outside what a translated program may touch",
        "grp": "the system's accounts are outside what a translated program may touch",
        "resource": "the process's limits are outside what a translated program may touch",
        "doctest": "running a test framework is outside the translated surface",
        "argparse": "command-line arguments are outside what a translated program may touch",
        "getopt": "command-line arguments are outside what a translated program may touch",
        "venv": "environments are outside what a translated program may touch",
        "ensurepip": "installing packages is outside what a translated program may touch",
        "cProfile": "the profiler is outside the translated surface",
        "profile": "the profiler is outside the translated surface",
        "tracemalloc": "the allocator's tracing is outside the translated surface",
        "gc": "the garbage collector is CPython's own",
        "dis": "CPython's bytecode is CPython's own",
        "inspect": "inspecting source code is outside the translated surface",
    ]

    /// Functions of allowed modules that reach files, processes or the environment.
    static let outsideMembers: [String: String] = [
        "os.system": "starting processes is outside what a translated program may touch",
        "os.popen": "starting processes is outside what a translated program may touch",
        "os.fork": "starting processes is outside what a translated program may touch",
        "os.kill": "signals are outside what a translated program may touch",
        "os.remove": "files are outside what a translated program may touch",
        "os.unlink": "files are outside what a translated program may touch",
        "os.rmdir": "files are outside what a translated program may touch",
        "os.mkdir": "files are outside what a translated program may touch",
        "os.makedirs": "files are outside what a translated program may touch",
        "os.listdir": "files are outside what a translated program may touch",
        "os.scandir": "files are outside what a translated program may touch",
        "os.walk": "files are outside what a translated program may touch",
        "os.rename": "files are outside what a translated program may touch",
        "os.chdir": "files are outside what a translated program may touch",
        "os.getcwd": "files are outside what a translated program may touch",
        "os.open": "files are outside what a translated program may touch",
        "os.path": "files are outside what a translated program may touch",
        "os.environ": "the environment is outside what a translated program may touch",
        "os.getenv": "the environment is outside what a translated program may touch",
        "sys.argv": "command-line arguments are outside what a translated program may touch",
        "sys.stdin": "reading input is outside what a translated program may touch",
        "sys.exit": "",
    ]

    static let standardLibrary: Set<String> = [
        "abc", "aifc", "antigravity", "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit",
        "audioop", "base64", "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar", "cgi",
        "cgitb", "chunk", "cmath", "cmd", "code", "codecs", "codeop", "collections", "colorsys", "compileall",
        "concurrent", "configparser", "contextlib", "contextvars", "copy", "copyreg", "crypt", "csv",
        "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib", "dis", "distutils",
        "doctest", "email", "encodings", "ensurepip", "enum", "errno", "faulthandler", "fcntl", "filecmp",
        "fileinput", "fnmatch", "fractions", "ftplib", "functools", "gc", "genericpath", "getopt", "getpass",
        "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac", "html", "http", "idlelib",
        "imaplib", "imghdr", "imp", "importlib", "inspect", "io", "ipaddress", "itertools", "json", "keyword",
        "lib2to3", "linecache", "locale", "logging", "lzma", "mailbox", "mailcap", "marshal", "math",
        "mimetypes", "mmap", "modulefinder", "msilib", "msvcrt", "multiprocessing", "netrc", "nis", "nntplib",
        "nt", "ntpath", "nturl2path", "numbers", "opcode", "operator", "optparse", "os", "ossaudiodev",
        "pathlib", "pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform", "plistlib", "poplib",
        "posix", "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc",
        "pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib", "resource",
        "rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil",
        "signal", "site", "smtpd", "smtplib", "sndhdr", "socket", "socketserver", "spwd", "sqlite3",
        "sre_compile", "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string", "stringprep",
        "struct", "subprocess", "sunau", "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile",
        "telnetlib", "tempfile", "termios", "textwrap", "this", "threading", "time", "timeit", "tkinter",
        "token", "tokenize", "tomllib", "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo",
        "types", "typing", "unicodedata", "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave",
        "weakref", "webbrowser", "winreg", "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp",
        "zipfile", "zipimport", "zlib", "zoneinfo",
    ]

    static func checkModule(_ module: String, line: Int) throws {
        let root = String(module.split(separator: ".").first ?? "")
        if let reason = outside[module] ?? outside[root] {
            throw Refusal(construct: "import \(module)", reason: reason, line: line)
        }
        if !standardLibrary.contains(root) {
            throw Refusal(construct: "import \(module)", reason: "`\(root)` is not in the standard library: third-party packages are outside the translated surface", line: line)
        }
    }

    static func checkMember(_ module: String, _ member: String, line: Int) throws {
        if let reason = outsideMembers["\(module).\(member)"], !reason.isEmpty {
            throw Refusal(construct: "\(module).\(member)", reason: reason, line: line)
        }
        try checkModule(module + "." + member, line: line, allowingUnknown: true)
    }

    static func checkModule(_ module: String, line: Int, allowingUnknown: Bool) throws {
        if let reason = outside[module] { throw Refusal(construct: "import \(module)", reason: reason, line: line) }
    }
}
