import Mustache
import Testing
@testable import Site

/// The pre-split templates must render exactly what the Mustache library renders.
@Suite struct CompiledTemplateTests {
    static let texts = ["", "Plain", "Tom & Jerry <b>\"quoted\" 'single'</b>", "é — “curly” 😀", "\"\u{301}quote with a mark", "a\nb"]

    static func library(_ template: String) throws -> MustacheTemplate { try MustacheTemplate(string: template) }

    static func noteContexts() -> [[String: Any]] {
        var contexts: [[String: Any]] = []
        for (offset, text) in texts.enumerated() {
            var context: [String: Any] = [
                "title": text, "snippetSummary": "\(offset) Python snippets", "hasContents": offset % 2 == 0,
                "contents": "<ul><li>\(text)</li></ul>", "body": "<p>\(text)</p>\n", "hasBacklinks": offset % 3 != 0,
                "backlinks": offset % 3 == 0 ? [] : [["page": "a&b.html", "title": text], ["page": "c.html", "title": "C"]],
            ]
            if offset % 2 == 1 { context["description"] = text }
            if offset % 3 == 1 { context["created"] = "2023-08-30" }
            if offset % 4 != 2 { context["updated"] = "2024-01-0\(offset)" }
            if offset % 2 == 0 { context["previous"] = ["page": "p.html", "title": text] }
            if offset % 3 == 2 { context["next"] = ["page": "n.html", "title": "Next <\(offset)>"] }
            contexts.append(context)
        }
        return contexts
    }

    @Test func defaultNoteTemplateRendersAsTheLibraryDoes() throws {
        let compiled = try #require(CompiledTemplate(DefaultTheme.note))
        for context in Self.noteContexts() {
            #expect(compiled.render(context) == (try Self.library(DefaultTheme.note)).render(context))
        }
    }

    @Test func defaultLayoutAndIndexRenderAsTheLibraryDoes() throws {
        let layout = try #require(CompiledTemplate(DefaultTheme.layout))
        let index = try #require(CompiledTemplate(DefaultTheme.index))
        for text in Self.texts {
            let crumbs: [[String: Any]] = [["label": text, "page": "a.html"], ["label": "group"], ["label": text]]
            for breadcrumbs in [crumbs, []] {
                let context: [String: Any] = ["pageTitle": text, "root": "", "breadcrumbs": breadcrumbs, "content": "<p>\(text)</p>"]
                #expect(layout.render(context) == (try Self.library(DefaultTheme.layout)).render(context))
            }
            let context: [String: Any] = ["vaultTitle": text, "summary": "1 note · 2 snippets", "tree": "<ul></ul>"]
            #expect(index.render(context) == (try Self.library(DefaultTheme.index)).render(context))
        }
    }

    @Test(arguments: [
        "{{#a}}\n  {{#b}}\nin {{x}}\n  {{/b}}\n{{/a}}\nafter\n",
        "  {{^list}}  \nnone\n{{/list}}\r\n{{#list}}[{{name}}|{{{raw}}}]{{/list}} end",
        "{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}} {{ number }} {{missing}}.",
        "{{#list}}\n- {{name}}\n{{/list}}",
    ])
    func subsetTemplatesRenderAsTheLibraryDoes(template: String) throws {
        let compiled = try #require(CompiledTemplate(template))
        let contexts: [[String: Any]] = [
            ["a": true, "b": "str", "x": "<x>", "flag": false, "number": 42, "list": [] as [Any]],
            ["a": ["x": "inner & x"], "b": ["y": 1], "x": "outer", "flag": true, "number": Int64(7),
             "list": [["name": "one", "raw": "<i>1</i>"], ["name": "two"]], "raw": "<b>top</b>"],
            [:],
        ]
        for context in contexts {
            #expect(compiled.render(context) == (try Self.library(template)).render(context))
        }
    }

    @Test(arguments: ["{{> partial}}", "{{! comment }}", "{{a.b}}", "{{.}}", "{{=<% %>=}}", "{{#a}}unclosed", "{{&raw}}", "{{upper(x)}}"])
    func anythingOutsideTheSubsetIsLeftToTheLibrary(template: String) {
        #expect(CompiledTemplate(template) == nil)
    }

    @Test func valuesOutsideTheSubsetAreLeftToTheLibrary() throws {
        struct Custom { var name = "n" }
        let compiled = try #require(CompiledTemplate("{{#item}}{{name}}{{/item}}"))
        #expect(compiled.render(["item": Custom()]) == nil)
        #expect(compiled.render(["item": ["name": 1.5]]) == nil)
    }
}
