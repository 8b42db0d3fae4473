/// Loom's own templates. Values from notes arrive through `{{…}}` (escaped); `{{{…}}}` only ever holds HTML Loom built.
enum DefaultTheme {
    static let templates: [(String, String)] = [("layout", layout), ("note", note), ("index", index)]

    static let layout = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>{{pageTitle}}</title>
    <link rel="stylesheet" href="{{root}}style.css">
    </head>
    <body>
    <a class="skip" href="#content">Skip to content</a>
    <header class="site-header">
    <nav aria-label="Site"><a class="home" href="{{root}}index.html">Loom</a>{{#breadcrumbs}} <span aria-hidden="true">›</span> {{#page}}<a href="{{root}}{{page}}">{{label}}</a>{{/page}}{{^page}}<span>{{label}}</span>{{/page}}{{/breadcrumbs}}</nav>
    <form class="site-search" action="{{root}}search.html" role="search"><input type="search" name="q" aria-label="Search the notes" placeholder="Search the notes"> <button type="submit">Search</button></form>
    </header>
    <main id="content">
    {{{content}}}
    </main>
    <footer class="site-footer"><p>Made with Loom from the notes in this vault.</p></footer>
    </body>
    </html>

    """#

    static let note = #"""
    <article class="note">
    <header class="note-header">
    <h1>{{title}}</h1>
    {{#description}}<p class="description">{{description}}</p>{{/description}}
    <p class="dates">{{#created}}Created <time datetime="{{created}}">{{created}}</time>{{/created}}{{#updated}} · Updated <time datetime="{{updated}}">{{updated}}</time>{{/updated}} · {{snippetSummary}}</p>
    </header>
    {{#hasContents}}
    <nav class="toc" aria-label="Contents">
    <h2>Contents</h2>
    {{{contents}}}
    </nav>
    {{/hasContents}}
    {{#hasTags}}
    <p class="tags">Tags: {{#tags}}<a class="tag" href="{{page}}">#{{tag}}</a> {{/tags}}</p>
    {{/hasTags}}
    <div class="note-body">
    {{{body}}}
    </div>
    {{#hasTagged}}
    <section class="tagged" aria-label="Tagged"><h2>Notes tagged #{{taggedTag}}</h2><ul>{{#tagged}}<li><a href="{{page}}">{{title}}</a></li>{{/tagged}}</ul></section>
    {{/hasTagged}}
    {{#hasChildren}}
    <section class="children" aria-label="Children"><h2>Children</h2><ul>{{#children}}<li><a href="{{page}}">{{title}}</a></li>{{/children}}</ul></section>
    {{/hasChildren}}
    {{#hasBacklinks}}
    <section class="backlinks" aria-label="Backlinks">
    <h2>Notes that link here</h2>
    <ul>{{#backlinks}}<li><a href="{{page}}">{{title}}</a></li>{{/backlinks}}</ul>
    </section>
    {{/hasBacklinks}}
    <nav class="pager" aria-label="Other notes">
    {{#previous}}<a class="previous" rel="prev" href="{{page}}">← {{title}}</a>{{/previous}}
    {{#next}}<a class="next" rel="next" href="{{page}}">{{title}} →</a>{{/next}}
    </nav>
    </article>
    """#

    static let index = #"""
    <section class="vault">
    <h1>{{vaultTitle}}</h1>
    <p class="summary">{{summary}} · <a href="{{reportPage}}">Timings of every snippet</a></p>
    {{{tree}}}
    </section>
    """#
}
