import Testing
@testable import LoomSupport

/// Logging state is process-wide, as in Python: one test drives it through several configurations.
@Suite(.serialized) struct LoggingTests {
    func capture(_ body: () -> Void) -> [String] {
        Logging.configuration.withLock { $0 = Logging.Configuration(capture: []) }
        body()
        return Logging.configuration.withLock { $0.capture ?? [] }
    }

    @Test func recordsMatchCPython() throws {
        let expected = try PythonOracle.lines("""
            import logging, io, sys
            sys.stderr = sys.stdout
            logging.info('hidden')
            logging.warning('default %s and %d', 'format', 3)
            logging.error('boom')
            log = logging.getLogger('app.db')
            log.warning('child')
            log.debug('still hidden')
            logging.getLogger('app').setLevel(logging.DEBUG)
            log.debug('shown via parent %.1f', 2.25)
            """)
        let lines = capture {
            Logging.info("hidden")
            Logging.warning("default %s and %d", "format", 3)
            Logging.error("boom")
            let log = Logging.getLogger("app.db")
            log.warning("child")
            log.debug("still hidden")
            Logging.getLogger("app").setLevel(.debug)
            log.debug("shown via parent %.1f", 2.25)
        }
        #expect(lines == expected)
    }

    @Test func basicConfigSetsFormatAndLevel() throws {
        let expected = try PythonOracle.lines("""
            import logging, sys
            logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format='%(levelname)-8s|%(name)s|%(threadName)s|%(message)s')
            logging.debug('d')
            logging.critical('c %r', 'x')
            logging.basicConfig(format='ignored %(message)s')
            logging.info('i')
            """)
        let lines = capture {
            Logging.basicConfig(format: "%(levelname)-8s|%(name)s|%(threadName)s|%(message)s", level: .debug)
            Logging.debug("d")
            Logging.critical("c %r", "x")
            Logging.basicConfig(format: "ignored %(message)s")
            Logging.info("i")
        }
        #expect(lines == expected)
    }

    @Test func timesAndIdsHaveCPythonsShape() throws {
        let lines = capture {
            Logging.basicConfig(format: "%(asctime)s|%(process)d|%(relativeCreated)d|%(message)s", level: .info)
            Logging.info("x")
        }
        let parts = lines.first?.split(separator: "|").map(String.init) ?? []
        #expect(parts.count == 4)
        // 2026-11-24 21:17:19,123
        #expect(parts.first?.wholeMatch(of: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/) != nil)
        #expect(parts.dropFirst().first == String(OS.getpid()))
        #expect(Int(parts[2]) != nil)
        let dated = capture {
            Logging.basicConfig(format: "%(asctime)s %(message)s", datefmt: "%H:%M")
            Logging.warning("y")
        }
        #expect(dated.first?.wholeMatch(of: /\d\d:\d\d y/) != nil)
    }
}
