import Foundation
import Testing

/// Note content written to attack the page: parsed out of the built site, nothing of it may run.
@Suite struct HostileContentTests {
    static let hostileNote = #"""
    ---
    title: "<script>alert('title')</script><img src=x onerror=alert('title')>"
    desc: "\"><script>alert('desc')</script>"
    ---
    # Heading <script>alert('heading')</script>

    Prose <script>alert('prose')</script> and <img src=x onerror="alert('inline')"> and
    <a href="javascript:alert('raw')">raw link</a> and <svg onload=alert('svg')></svg>.

    <div onclick="alert('block')">raw block</div>

    <iframe src="javascript:alert('frame')"></iframe>

    [js](javascript:alert('md')) [JS](JAVASCRIPT:alert('upper')) [spaced](<  javascript:alert('spaced')>)
    [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox)
    [entity](jav&#x61;script:alert('entity')) [escaped](java&#09;script:alert('tab'))
    [title attribute](https://example.com "\" onmouseover=\"alert('title')")

    [ref]: javascript:alert('reference')
    A [reference link][ref].

    ![<script>alert('alt')</script>" onerror="alert('alt')](javascript:alert('img'))
    ![alt" onerror="alert('alt2')](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
    ![quote in alt " onerror="alert(3)](pic" onerror="alert(4).png)

    [[<script>alert('wiki')</script>|good.first]]
    [[x" onerror="alert('wiki2')|good.second]]
    [[<img src=x onerror=alert('target')>]]
    [[javascript:alert('wikitarget')]]

    <https://example.com/"onmouseover="alert('autolink')>
    <javascript:alert('autolink2')>
    https://example.com/?q="><script>alert('bare')</script>

    ```py
    # <script>alert('comment')</script>
    s = "<img src=x onerror=alert('string')>"
    print(s)
    print("</pre><script>alert('output')</script>")
    ```

    ```html
    <script>alert('other fence')</script>
    ```
    """#

    /// A note named like markup: its name reaches the index page and its own page's links.
    static let hostileNames: [String: String] = [
        "<script>alert(1)<.md": "---\ntitle: named\n---\n# named\n",
        "x\" onmouseover=\"alert(1).md": "---\ntitle: quoted name\n---\n# quoted\n",
    ]

    @Test func nothingFromANoteReachesTheHTMLAsMarkup() throws {
        let vault = try ScratchVault(notes: Self.hostileNames.merging(["hostile.md": Self.hostileNote]) { $1 })
        defer { vault.remove() }
        let result = try loom(["build", "--no-run"], in: vault.root, bound: 60)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(try SiteSafety.problems(in: vault.site) == [])
        // The text is still there, as text.
        let page = try vault.page("hostile.html")
        #expect(page.contains("&lt;script&gt;alert("))
    }

    @Test func theCheckerFindsWhatItLooksFor() throws {
        // A checker that finds nothing proves nothing: it must catch each kind of danger.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = """
        <p>&lt;script&gt; is text</p><script>x</script><img src=a OnError="y"><a href=" JaVa\tScript:z">a</a>
        <a href="data:text/html,1">b</a><a href="https://fine.example">c</a>
        """
        try Data(html.utf8).write(to: folder.appendingPathComponent("page.html"))
        let problems = try SiteSafety.problems(in: folder)
        #expect(problems.count == 4, "\(problems)")
    }

    @Test func programOutputIsEscapedToo() throws {
        let note = """
        ---
        title: output
        ---
        ```py
        print("<script>alert('stdout')</script>")
        print("<img src=x onerror=alert('stdout2')>")
        raise ValueError("<script>alert('stderr')</script>")
        ```
        """
        let vault = try ScratchVault(notes: ["output.md": note])
        defer { vault.remove() }
        let result = try loom(["build", "--time-scale", "0.1", "--timeout", "20"], in: vault.root, bound: 600)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let page = try vault.page("output.html")
        #expect(page.contains("&lt;script&gt;alert(&#39;stdout&#39;)") || page.contains("&lt;script&gt;alert('stdout')"))
        #expect(try SiteSafety.problems(in: vault.site) == [])
    }
}
