extension DefaultTheme {
    static let stylesheet = #"""
    :root {
      --bg: #fdfdfb; --fg: #1d1f21; --muted: #585e66; --rule: #d9dcdf; --accent: #0b5cad; --accent-bg: #e8f0fa;
      --code-bg: #f4f5f6; --card-bg: #ffffff; --warn: #8a5300; --warn-bg: #fff4e0; --error: #a3161c; --error-bg: #fdecec;
      --ok: #1b6e32; --kw: #8e1b74; --st: #22704a; --cm: #6a6f75; --nu: #9a4a00; --bi: #0b5cad; --de: #7a4d00; --fn: #1d4f91;
      --sleep: #8bb4e0; --work: #2f7d4f; --wait: #c98a1b;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #15171a; --fg: #e4e6e8; --muted: #a3a9b0; --rule: #33373c; --accent: #7ab4f5; --accent-bg: #1c2a3a;
        --code-bg: #1d2024; --card-bg: #1a1d21; --warn: #f0b35a; --warn-bg: #2e2412; --error: #ff8a8f; --error-bg: #341618;
        --ok: #6fd08f; --kw: #e59be0; --st: #8fd6a8; --cm: #949aa1; --nu: #f5b26b; --bi: #8cc3ff; --de: #e7c17a; --fn: #9fc5ff;
        --sleep: #3f6a99; --work: #5cc489; --wait: #e0a84a;
      }
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--bg); color: var(--fg); font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    a { color: var(--accent); }
    a:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
    .site-header, main, .site-footer { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
    .site-header { padding-top: 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--rule); font-size: .95rem; }
    .site-header .home { font-weight: 700; text-decoration: none; }
    .site-footer { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); margin-top: 3rem; }
    h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 .5rem; overflow-wrap: anywhere; }
    h2 { font-size: 1.45rem; margin-top: 2.2rem; }
    h3 { font-size: 1.2rem; } h4, h5, h6 { font-size: 1.05rem; }
    .description { font-size: 1.1rem; color: var(--muted); margin: 0; }
    .dates, .summary { color: var(--muted); font-size: .9rem; }
    code, pre, kbd { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .88em; }
    :not(pre) > code { background: var(--code-bg); padding: .1em .3em; border-radius: 4px; }
    pre { background: var(--code-bg); padding: .75rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
    img { max-width: 100%; }
    .toc { border: 1px solid var(--rule); border-radius: 8px; padding: .25rem 1rem .75rem; margin: 1rem 0 2rem; font-size: .95rem; }
    .toc h2 { font-size: 1rem; margin: .5rem 0; }
    .toc ul { margin: 0; padding-left: 0; list-style: none; }
    .toc .level-3 { padding-left: 1rem; } .toc .level-4, .toc .level-5, .toc .level-6 { padding-left: 2rem; }
    .missing-image { display: inline-block; border: 2px dashed var(--warn); background: var(--warn-bg); color: var(--fg); padding: .6rem .9rem; border-radius: 8px; margin: .5rem 0; max-width: 100%; }
    .missing-image strong { color: var(--warn); }
    .wiki.broken { color: var(--error); text-decoration: underline dotted; }
    .snippet { background: var(--card-bg); border: 1px solid var(--rule); border-radius: 10px; margin: 1.5rem 0; padding: 0 1rem 1rem; }
    .snippet > header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; justify-content: space-between; border-bottom: 1px solid var(--rule); margin: 0 -1rem .75rem; padding: .6rem 1rem; }
    .snippet h3 { margin: 0; font-size: 1.05rem; }
    .snippet .where { color: var(--muted); font-size: .85rem; }
    .status { font-size: .8rem; font-weight: 600; padding: .1rem .5rem; border-radius: 999px; border: 1px solid currentColor; }
    .status.not-run { color: var(--muted); }
    .code { counter-reset: none; padding-left: 0; }
    .code .line { display: block; padding-left: 3.6em; text-indent: -3.6em; white-space: pre-wrap; overflow-wrap: anywhere; }
    .code .line::before { content: attr(data-line); display: inline-block; width: 2.8em; margin-right: .8em; text-align: right; color: var(--muted); text-indent: 0; user-select: none; -webkit-user-select: none; }
    .kw { color: var(--kw); font-weight: 600; } .st { color: var(--st); } .cm { color: var(--cm); font-style: italic; }
    .nu { color: var(--nu); } .bi { color: var(--bi); } .de { color: var(--de); } .fn { color: var(--fn); }
    .snippet h4 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1rem 0 .4rem; }
    .status.ok { color: var(--ok); } .status.refused, .status.timeout { color: var(--warn); }
    .status.syntax-error, .status.compile-error, .status.runtime-error, .status.crashed { color: var(--error); }
    .why { background: var(--warn-bg); border-left: 4px solid var(--warn); padding: .5rem .8rem; border-radius: 4px; }
    .sources { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 1.25rem; }
    @media (min-width: 72rem) { main, .site-header, .site-footer { max-width: 76rem; } .sources { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
    .table-scroll { overflow-x: auto; }
    table.timings-table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    table.timings-table th, table.timings-table td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--rule); white-space: nowrap; }
    table.timings-table th { color: var(--muted); font-weight: 600; }
    table.timings-table .number { text-align: right; font-variant-numeric: tabular-nums; }
    .code .line.marked { background: var(--warn-bg); }
    .code .line.marked.error { background: var(--error-bg); }
    .annotation { display: block; white-space: pre-wrap; margin: .15rem 0 .35rem 3.6em; padding: .3rem .6rem; border-radius: 4px; font-family: system-ui, sans-serif; font-size: .85rem; background: var(--warn-bg); border-left: 3px solid var(--warn); }
    .annotation.error { background: var(--error-bg); border-left-color: var(--error); }
    .annotation.note { background: var(--accent-bg); border-left-color: var(--accent); }
    .annotation .where { color: var(--muted); font-size: .8rem; }
    .transcript .line.unmatched { background: var(--error-bg); } .transcript .mark { font-weight: bold; }
    .transcript .line.matched .mark { color: var(--accent); } .transcript .actual { color: var(--muted); }
    .settings { font-size: .9rem; color: var(--muted); }
    .repair del { color: var(--error); } .repair ins { color: var(--ok); text-decoration: none; font-weight: 600; }
    .repair del, .repair ins { font-family: ui-monospace, monospace; }
    .translator-notes { font-size: .9rem; color: var(--muted); padding-left: 1.2rem; }
    .verdict.agrees strong { color: var(--ok); } .verdict.different strong { color: var(--error); }
    .difference .only-swift { color: var(--ok); } .difference .only-python { color: var(--error); }
    .side-by-side { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
    table.lines { border-collapse: collapse; width: 100%; font-size: .85rem; }
    table.lines caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
    table.lines th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--rule); padding: .2rem .5rem .2rem 0; }
    table.lines td { padding: .15rem .5rem .15rem 0; vertical-align: top; border-bottom: 1px solid var(--rule); }
    table.lines .t { font-variant-numeric: tabular-nums; white-space: nowrap; color: var(--muted); }
    table.lines .lane { white-space: nowrap; color: var(--muted); }
    table.lines .text { font-family: ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
    .timings dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; font-size: .9rem; }
    .timings dt { color: var(--muted); } .timings dd { margin: 0; font-variant-numeric: tabular-nums; }
    .timeline { margin: 1rem 0 0; }
    .timeline .svg { overflow-x: auto; }
    .timeline .svg svg { width: 100%; min-width: 36rem; height: auto; }
    .timeline pre.ascii { font-size: .75rem; line-height: 1.3; }
    .timeline figcaption { color: var(--muted); font-size: .85rem; }
    .backlinks, .pager { margin-top: 2.5rem; }
    .pager { display: flex; justify-content: space-between; gap: 1rem; border-top: 1px solid var(--rule); padding-top: 1rem; }
    .pager .next { margin-left: auto; text-align: right; }
    .vault ul { list-style: none; padding-left: 1.1rem; border-left: 1px solid var(--rule); }
    .vault > ul { padding-left: 0; border-left: 0; }
    .vault li { margin: .5rem 0; }
    .vault .entry-title { font-weight: 600; }
    .vault .meta { color: var(--muted); font-size: .85rem; display: block; }
    .vault .group { color: var(--muted); font-weight: 600; }
    @media (max-width: 40rem) {
      body { font-size: 16px; }
      h1 { font-size: 1.6rem; }
      .snippet { padding: 0 .6rem .8rem; margin-left: -.6rem; margin-right: -.6rem; }
      .snippet > header { margin: 0 -.6rem .6rem; padding: .5rem .6rem; }
      .code .line { padding-left: 2.8em; text-indent: -2.8em; }
      .code .line::before { width: 2.2em; margin-right: .6em; }
    }
    @media print {
      :root { --bg: #fff; --fg: #000; --code-bg: #f6f6f6; --card-bg: #fff; }
      .site-header nav, .skip, .pager, .toc { display: none; }
      .snippet { break-inside: avoid; border-color: #999; }
      a { color: inherit; }
      pre { white-space: pre-wrap; }
    }

    """#
}
