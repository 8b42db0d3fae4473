import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LoomCore
import Testing
@testable import Timeline

/// Reads an SVG back as XML: whether it is well formed, and the text of every element by name.
private final class SVGReader: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String: [String]] = [:]
    private var stack: [(name: String, text: String)] = []

    static func read(_ svg: String) -> (reader: SVGReader, wellFormed: Bool) {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        let wellFormed = parser.parse()
        return (reader, wellFormed)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        elements.append((name, attributes))
        stack.append((name, ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let element = stack.removeLast()
        texts[element.name, default: []].append(element.text)
    }
}

@Suite struct SVGDiagramTests {
    @Test func seedSnippetsAsSVG() throws {
        try Golden.check(TimelineDiagram.svg(SeedTraces.tenThreads()), named: "snippet2-ten-threads.svg")
        try Golden.check(TimelineDiagram.svg(SeedTraces.threadPools()), named: "snippet3-thread-pools.svg")
        try Golden.check(
            TimelineDiagram.svg(ShapeTraces.cpuBound(lanes: 4, cores: 2, title: "cpu-bound · Swift")),
            named: "cpu-bound-oversubscribed.svg")
    }

    @Test func isAccessibleScalableAndScriptFree() throws {
        let svg = TimelineDiagram.svg(SeedTraces.tenThreads())
        let (reader, wellFormed) = SVGReader.read(svg)
        #expect(wellFormed)
        let root = try #require(reader.elements.first)
        #expect(root.name == "svg" && root.attributes["role"] == "img" && root.attributes["viewBox"] != nil)
        #expect(reader.elements.dropFirst().first?.name == "title")
        #expect(reader.texts["title"]?.contains("snippet 2 · Swift · 1.51 s wall") == true)
        let description = try #require(reader.texts["desc"]?.first)
        #expect(description.contains("11 lanes over 1.51 s"))
        #expect(description.contains("Thread-10 (do_something)"))
        #expect(description.contains("At most 10 sleeps overlapped."))
        #expect(!reader.elements.contains { $0.name == "script" || $0.attributes.keys.contains { $0.hasPrefix("on") } })
        #expect(svg.contains("prefers-color-scheme: dark") && svg.contains("currentColor"))
    }

    @Test func userTextIsEscapedAndPrintsCarryTooltips() throws {
        let nasty = #"<script>alert("x") & 'y'</script>"#
        var trace = TraceBuilder()
        trace.start("Thread-1 (<b>&\"'</b>)", at: 0)
        trace.print("Thread-1 (<b>&\"'</b>)", at: 0.5, nasty)
        trace.print("Thread-1 (<b>&\"'</b>)", at: 0.6, "bell \u{7} and record separator \u{1E}")
        trace.end("Thread-1 (<b>&\"'</b>)", at: 1)
        let svg = TimelineDiagram.svg(TimelineRun(title: "a < b & \"c\"", events: trace.events))
        let (reader, wellFormed) = SVGReader.read(svg)
        #expect(wellFormed)
        #expect(!svg.contains("<script") && !svg.contains("<b>"))
        let titles = reader.texts["title"] ?? []
        #expect(titles.contains("0.5 s: " + nasty))
        #expect(titles.contains("0.6 s: bell \u{FFFD} and record separator \u{FFFD}"))
        #expect(titles.contains("Thread-1 (<b>&\"'</b>)"))
        #expect(titles.contains { $0.hasPrefix("a < b & \"c\"") })
        #expect(reader.elements.filter { $0.name == "path" && $0.attributes["class"] == "print" }.count == 2 + 1)
    }

    @Test func everyLaneGetsARowEvenWhenMany() throws {
        let run = ShapeTraces.manyLanes()
        let (reader, wellFormed) = SVGReader.read(TimelineDiagram.svg(run))
        #expect(wellFormed)
        #expect(reader.elements.filter { $0.name == "g" && $0.attributes["class"] == "lane" }.count == 65)
    }

    @Test func denselySampledTracesStayASizeABrowserCanShow() throws {
        var trace = TraceBuilder()
        for index in 1...3 {
            let lane = "Thread-\(index) (crunch)"
            trace.start(lane, at: 0)
            // A sample every 10 ms for half a minute, alternating full and scant CPU use: 3,000
            // segments per lane, more than the 1,280 half-unit steps of the plot.
            for step in 1...3_000 {
                trace.cpu(lane, at: Double(step) * 0.01, used: step % 2 == 0 ? 0.01 : 0.001)
            }
            trace.end(lane, at: 30)
        }
        let svg = TimelineDiagram.svg(TimelineRun(title: "dense", events: trace.events))
        let (reader, wellFormed) = SVGReader.read(svg)
        #expect(wellFormed)
        let bars = reader.elements.filter { $0.name == "rect" && $0.attributes["class"] != nil }
        // At most one rectangle per half unit of the plot, per lane (plus the legend's swatches).
        #expect(bars.count <= 3 * 1_280 + 5)
        #expect(bars.count > 3)
    }

    @Test func twoRunsCanShareOneTimeScale() throws {
        let short = SeedTraces.synchronous(), long = SeedTraces.threadPools()
        let alone = TimelineDiagram.svg(short)
        let shared = TimelineDiagram.svg(short, options: SVGTimelineOptions(timeSpan: long.wallTime))
        let longOne = TimelineDiagram.svg(long)
        func tickLabels(_ svg: String) -> [String] {
            SVGReader.read(svg).reader.texts["text"]?.filter { Double($0) != nil } ?? []
        }
        #expect(tickLabels(alone).last == "2")
        #expect(tickLabels(shared) == tickLabels(longOne))
        #expect(SVGReader.read(shared).wellFormed)
    }
}
