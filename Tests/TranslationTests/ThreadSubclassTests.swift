import Testing
@testable import Translation

/// `class Worker(threading.Thread)` with `run()`: a `PythonThread` subclass.
@Suite struct ThreadSubclassTests {
    private func translation(_ source: String) throws -> CellTranslation {
        try NoteCells.translate(source).cells[0]
    }

    @Test func aThreadSubclassOverridesRunAndSetsItsFieldsBeforeSuperInit() throws {
        let cell = try translation("""
        import threading
        class Worker(threading.Thread):
            def __init__(self, n):
                super().__init__(name=f"w{n}")
                self.n = n
            def run(self):
                print(self.name, self.n)
        w = Worker(1)
        w.start()
        w.join()
        """)
        #expect(cell.status == .translated)
        #expect(cell.swift.contains("final class Worker: PythonThread, PythonPrintable, @unchecked Sendable {"))
        #expect(cell.swift.contains("""
                self.n = n
                super.init(name: "w\\(n)")
            }
        """))
        #expect(cell.swift.contains("override func run() {"))
        #expect(cell.swift.contains("w.start()"))
    }

    @Test func aSubclassWithoutInitInheritsThreadsInitializer() throws {
        let cell = try translation("""
        from threading import Thread
        class Plain(Thread):
            def run(self):
                print("running")
        p = Plain()
        p.start()
        """)
        #expect(cell.status == .translated)
        #expect(!cell.swift.contains("init("))
        #expect(cell.swift.contains("let p = Plain()"))
    }

    @Test func readingSelfBeforeTheFieldsAreSetRunsDynamically() throws {
        let cell = try translation("""
        import threading
        class Worker(threading.Thread):
            def __init__(self, n):
                super().__init__()
                print(self.name)
                self.n = n
            def run(self):
                print(self.n)
        Worker(1).start()
        """)
        // Statically refused (`self` read before its fields are set); dynamically it runs.
        #expect(cell.isDynamic)
        #expect(cell.notes.contains { $0.text.contains("self at line 5") })
    }

    @Test func inheritingFromAnythingElseRunsDynamically() throws {
        let cell = try translation("""
        class Base:
            def __init__(self):
                self.x = 1
        class Child(Base):
            pass
        """)
        #expect(cell.isDynamic)
        #expect(cell.notes.contains { $0.text.contains("class Child(…)") })
        #expect(cell.swift.contains("PyObject.makeClass(\"Child\", bases: [Base])"))
    }

    @Test func theOlderThreadInitCallIsTheSameSuperInit() throws {
        let cell = try translation("""
        import threading
        class Worker(threading.Thread):
            def __init__(self, n):
                threading.Thread.__init__(self, daemon=True)
                self.n = n
            def run(self):
                print(self.n)
        Worker(2).start()
        """)
        #expect(cell.status == .translated)
        #expect(cell.swift.contains("""
                self.n = n
                super.init(daemon: true)
        """))
    }
}
