import Foundation

/// Parses every HTML and SVG file of a built site with python3's `html.parser` and lists what could run
/// script: `<script>` elements (but the search page's own `search.js` and index files, and the search box's form), `on*` attributes, and `javascript:`, `vbscript:` or `data:` URLs in
/// any attribute that browsers follow. Parsing, not grepping: escaped text such as `&lt;script&gt;` is
/// prose, and only what a browser would build as markup counts.
enum SiteSafety {
    static let checker = #"""
import html.parser, os, re, sys, json

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset", "data", "cite", "ping"}
DANGEROUS_ELEMENTS = {"script", "iframe", "object", "embed", "base", "meta", "form"}

class Checker(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    # The search page is the one page with script: Loom's own files beside it, by name, with no inline code.
    def is_loom_search_script(self, tag, attrs):
        return (tag == "script" and self.path == "search.html" and len(attrs) == 1 and attrs[0][0] == "src"
                and re.fullmatch(r"search(-index-[0-9]+)?\.js", attrs[0][1] or "") is not None)

    # The search box on every page: a GET form to the site's own search page, nothing else.
    def is_loom_search_form(self, tag, attrs):
        values = dict(attrs)
        return (tag == "form" and set(values) <= {"class", "action", "role"}
                and re.fullmatch(r"(\.\./)*search\.html", values.get("action") or "") is not None)

    def check(self, tag, attrs):
        where = f"{self.path}:{self.getpos()[0]}"
        if self.is_loom_search_script(tag, attrs) or self.is_loom_search_form(tag, attrs):
            return
        if tag in DANGEROUS_ELEMENTS and not (tag == "meta" and all(name in ("charset", "name", "content") for name, _ in attrs)):
            self.problems.append(f"{where}: <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{where}: {name}= attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                squeezed = "".join(ch for ch in value if ord(ch) > 32).lower()
                if squeezed.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.append(f"{where}: {name}={value!r} on <{tag}>")

problems = []
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith((".html", ".svg", ".htm")):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as handle:
                checker = Checker(os.path.relpath(path, sys.argv[1]))
                checker.feed(handle.read())
                checker.close()
                problems += checker.problems
print(json.dumps(problems))
"""#

    /// Every way the site at `folder` could run script; empty for a safe site.
    static func problems(in folder: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", checker, folder.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return ["the checker failed with status \(process.terminationStatus)"] }
        return try JSONDecoder().decode([String].self, from: data)
    }
}
