(function () {
  "use strict";
  var WORD = /[\p{L}\p{M}\p{N}_]+/gu;
  function parts(word) {
    var out = [], current = "", chars = Array.from(word);
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (c === "_") { if (current) out.push(current.toLowerCase()); current = ""; continue; }
      if (i > 0 && current && isUpper(c)) {
        var prev = chars[i - 1], nextLower = i + 1 < chars.length && isLower(chars[i + 1]);
        if (isLower(prev) || isDigit(prev) || (isUpper(prev) && nextLower)) { out.push(current.toLowerCase()); current = ""; }
      }
      current += c;
    }
    if (current) out.push(current.toLowerCase());
    if (out.length === 1 && out[0] === word.toLowerCase()) return [];
    return out;
  }
  function isUpper(c) { return c !== c.toLowerCase() && c === c.toUpperCase(); }
  function isLower(c) { return c !== c.toUpperCase() && c === c.toLowerCase(); }
  function isDigit(c) { return /\p{N}/u.test(c); }
  function words(text) { return text.match(WORD) || []; }

  var notes = (window.loomSearch && window.loomSearch.notes) || [];
  var postings = null, sortedTokens = null;
  function build() {
    postings = new Map();
    for (var n = 0; n < notes.length; n++) {
      var tokens = notes[n][5];
      for (var t = 0; t < tokens.length; t += 2) {
        var list = postings.get(tokens[t]);
        if (!list) { list = []; postings.set(tokens[t], list); }
        var lines = tokens[t + 1];
        for (var l = 0; l < lines.length; l++) list.push(n * 1048576 + lines[l]);
      }
    }
    sortedTokens = Array.from(postings.keys()).sort();
  }
  function lookup(token) { return postings.get(token) || []; }
  function withPrefix(prefix) {
    var lo = 0, hi = sortedTokens.length, found = [];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sortedTokens[mid] < prefix) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < sortedTokens.length && found.length < 500 && sortedTokens[i].lastIndexOf(prefix, 0) === 0; i++) found.push(sortedTokens[i]);
    return found;
  }
  // Scores of the lines one query word matches: 3 as a whole token, 2 by all its parts, 1 as a prefix.
  function matches(word, isLast) {
    var scores = new Map(), whole = word.toLowerCase();
    function add(list, score) { for (var i = 0; i < list.length; i++) { var s = scores.get(list[i]) || 0; if (score > s) scores.set(list[i], score); } }
    add(lookup(whole), 3);
    var ps = parts(word);
    if (ps.length > 1) {
      // All parts on one line; while typing, the last part may be the start of a word (`pool_exe`).
      var common = null;
      ps.forEach(function (p, i) {
        var list = lookup(p);
        if (isLast && i === ps.length - 1 && p.length >= 2) withPrefix(p).forEach(function (token) { list = list.concat(lookup(token)); });
        var set = new Set(list);
        common = common === null ? set : new Set(Array.from(common).filter(function (x) { return set.has(x); }));
      });
      add(Array.from(common || []), 2);
    }
    if (isLast && whole.length >= 2) withPrefix(whole).forEach(function (token) { if (token !== whole) add(lookup(token), 1); });
    return scores;
  }
  var KIND_BONUS = { t: 6, h: 3, c: 1, o: 0, p: 0 };
  function search(query) {
    if (!postings) build();
    var qwords = words(query);
    if (!qwords.length) return { results: [], words: [] };
    var combined = null;
    qwords.forEach(function (word, i) {
      var scores = matches(word, i === qwords.length - 1);
      if (combined === null) { combined = scores; return; }
      var next = new Map();
      combined.forEach(function (score, key) { var s = scores.get(key); if (s) next.set(key, score + s); });
      combined = next;
    });
    var results = [];
    combined.forEach(function (score, key) {
      var n = Math.floor(key / 1048576), l = key % 1048576, note = notes[n];
      var kind = note[4][l * 3 + 1];
      results.push({ note: n, line: l, score: score + (KIND_BONUS[kind] || 0) });
    });
    results.sort(function (a, b) { return b.score - a.score || a.note - b.note || a.line - b.line; });
    return { results: results, words: qwords };
  }
  function tokenSet(qwords) {
    var set = new Set();
    qwords.forEach(function (w) { set.add(w.toLowerCase()); parts(w).forEach(function (p) { set.add(p); }); });
    return set;
  }
  // The line with every word that matched the query marked.
  function markedLine(text, qwords) {
    var wanted = tokenSet(qwords), last = qwords[qwords.length - 1].toLowerCase();
    var fragment = document.createDocumentFragment(), position = 0, match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var word = match[0], lower = word.toLowerCase();
      var hit = wanted.has(lower) || lower.lastIndexOf(last, 0) === 0 || parts(word).some(function (p) { return wanted.has(p) || p.lastIndexOf(last, 0) === 0; });
      if (!hit) continue;
      if (match.index > position) fragment.appendChild(document.createTextNode(text.slice(position, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = word;
      fragment.appendChild(mark);
      position = match.index + word.length;
    }
    if (position < text.length) fragment.appendChild(document.createTextNode(text.slice(position)));
    return fragment;
  }
  var SHOWN = 100;
  function show(query) {
    var status = document.getElementById("search-status"), list = document.getElementById("search-results");
    if (!status || !list) return;
    list.textContent = "";
    if (!query.trim()) { status.textContent = notes.length + " notes indexed."; return; }
    var started = performance.now(), found = search(query), took = performance.now() - started;
    var total = found.results.length;
    status.textContent = (total === 0 ? "Nothing found" : total + (total === 1 ? " line" : " lines") + " found") +
      " for “" + query.trim() + "” (" + took.toFixed(1) + " ms)" + (total > SHOWN ? "; the first " + SHOWN + " are shown." : ".");
    found.results.slice(0, SHOWN).forEach(function (result) {
      var note = notes[result.note], places = note[3], lines = note[4];
      var place = lines[result.line * 3], kind = lines[result.line * 3 + 1], text = lines[result.line * 3 + 2];
      var anchor = places[place * 3 + 1], label = places[place * 3 + 2];
      var item = document.createElement("li");
      item.className = "search-result kind-" + kind;
      var link = document.createElement("a");
      link.href = note[1] + (anchor ? "#" + anchor : "");
      var title = document.createElement("span");
      title.className = "result-note";
      title.textContent = note[2];
      link.appendChild(title);
      if (anchor) {
        var where = document.createElement("span");
        where.className = "result-place";
        where.textContent = " › " + label;
        link.appendChild(where);
      }
      item.appendChild(link);
      if (kind !== "t") {
        var line = document.createElement(kind === "c" || kind === "o" ? "code" : "span");
        line.className = "result-line";
        line.appendChild(markedLine(text, found.words));
        item.appendChild(line);
      }
      list.appendChild(item);
    });
  }
  var input = document.getElementById("search-query");
  var initial = new URLSearchParams(window.location.search).get("q") || "";
  if (input) {
    input.value = initial;
    input.addEventListener("input", function () {
      show(input.value);
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      try { history.replaceState(null, "", url.toString()); } catch (e) { /* file:// may refuse; the results stand */ }
    });
    input.focus();
  }
  show(initial);
  // The index is put together once, right after the page shows, so that typing finds it ready.
  setTimeout(function () { if (!postings) build(); }, 0);
  window.loomSearchQuery = function (query) { return search(query).results.map(function (r) { var note = notes[r.note]; return [note[0], note[4][r.line * 3 + 2]]; }); };
})();
