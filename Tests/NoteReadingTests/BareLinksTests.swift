import Testing
@testable import NoteReading

@Suite struct BareLinksTests {
    private func links(in text: String) -> [String] {
        BareLinks.split(.text(text)).compactMap { if case .link(let url) = $0 { url } else { nil } }
    }

    @Test func sentencePunctuationIsNotPartOfTheAddress() {
        #expect(links(in: "See https://example.com/a.") == ["https://example.com/a"])
        #expect(links(in: "(see https://en.wikipedia.org/wiki/Thread_(computing))") == ["https://en.wikipedia.org/wiki/Thread_(computing)"])
        #expect(links(in: "two: http://a.org/x, https://b.org/y?q=1&r=2!") == ["http://a.org/x", "https://b.org/y?q=1&r=2"])
    }

    @Test func aSchemeAloneIsText() {
        #expect(links(in: "type https:// then the host").isEmpty)
    }

    @Test func javascriptIsNeverLinked() {
        #expect(links(in: "javascript:alert(1)").isEmpty)
    }
}
