/// The default stylesheet's part for browsing: the search box and page, children, tags and note references.
enum BrowsingStyles {
    static let css = #"""
    .site-header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
    .site-search { display: flex; gap: .35rem; }
    .site-search input, .search-form input { font: inherit; padding: .25rem .5rem; border: 1px solid var(--rule); border-radius: 6px; background: var(--card-bg); color: var(--fg); min-width: 12rem; }
    .site-search button, .search-form button { font: inherit; padding: .25rem .7rem; border: 1px solid var(--rule); border-radius: 6px; background: var(--accent-bg); color: var(--fg); cursor: pointer; }
    .search-form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .search-form label { width: 100%; color: var(--muted); font-size: .9rem; }
    .search-form input { flex: 1; min-width: 14rem; font-size: 1.1rem; }
    .search-status { color: var(--muted); font-size: .9rem; }
    .search-results { padding-left: 1.4rem; }
    .search-result { margin: .7rem 0; }
    .search-result a { font-weight: 600; }
    .search-result .result-place { font-weight: 400; color: var(--muted); }
    .search-result .result-line { display: block; overflow-wrap: anywhere; font-size: .92rem; }
    .search-result code.result-line { background: var(--code-bg); padding: .2rem .4rem; border-radius: 4px; white-space: pre-wrap; }
    .search-result mark { background: var(--warn-bg); color: inherit; font-weight: 700; }
    .children, .tagged { margin-top: 2rem; }
    .children ul, .tagged ul { padding-left: 1.2rem; }
    .tags { font-size: .9rem; }
    .tag { display: inline-block; background: var(--accent-bg); border-radius: 999px; padding: 0 .55rem; margin-right: .3rem; text-decoration: none; }
    .note-ref { border-left: 4px solid var(--accent); background: var(--card-bg); margin: 1rem 0; padding: .25rem 1rem .5rem; border-radius: 0 8px 8px 0; }
    .note-ref > .note-ref-source { font-size: .85rem; color: var(--muted); margin: .4rem 0; }
    .note-ref.broken { border-left-color: var(--error); }
    @media print { .site-search { display: none; } }

    """#
}
