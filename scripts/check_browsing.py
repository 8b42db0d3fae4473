#!/usr/bin/env python3
"""Checks browsing in headless Chromium, driven over the DevTools protocol (standard library only).

  serve:  `loom serve` on a copy of a vault; a page is opened, its note edited, and the page must reload by
          itself with the edit. Prints the time from the save to the edit being on screen, and the server's
          rebuild time. Screenshots before and after.
  search: from the index page, a query typed into the header's search box must list a line of a given
          snippet card, and following the result must land on that card. Prints the query time.

    check_browsing.py LOOM --notes DIR [--note threading.md] [--query as_completed] [--card snippet-3]
                      [--screenshots DIR] [--edits N] [--file-url]
"""
import argparse
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, client-side masking."""

    def __init__(self, url):
        match = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        self.buffer = response.split(b"\r\n\r\n", 1)[1]
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise RuntimeError("websocket handshake failed: " + response.decode(errors="replace"))

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", length)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise RuntimeError("websocket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            message += self._read(length)
            if first & 0x80:
                return message.decode()


class Browser:
    def __init__(self, chromium, width=1280, height=900):
        self.profile = tempfile.mkdtemp(prefix="loom-chromium-")
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
             "--allow-file-access-from-files", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        deadline = time.time() + 30
        while time.time() < deadline and port is None:
            line = self.process.stderr.readline()
            found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if found:
                port = int(found.group(1))
        if port is None:
            raise RuntimeError("Chromium did not start its DevTools endpoint")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def navigate(self, url):
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'")

    def wait_for(self, expression, timeout=15, interval=0.005):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = self.evaluate(expression)
                if value:
                    return value
            except RuntimeError:
                pass  # the page is between documents
            time.sleep(interval)
        raise RuntimeError(f"timed out waiting for: {expression}")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_serve(browser, loom, notes, note, screenshots, edits):
    work = tempfile.mkdtemp(prefix="loom-serve-check-")
    vault = os.path.join(work, "notes")
    shutil.copytree(notes, vault, ignore=shutil.ignore_patterns(".*"))
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w+")
    server = subprocess.Popen([loom, "serve", "--notes", vault, "--out", os.path.join(work, "site"), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            log.seek(0)
            if "Serving " in log.read():
                break
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError("loom serve stopped: " + log.read())
            time.sleep(0.05)
        page = note[:-3] + ".html"
        browser.navigate(f"http://127.0.0.1:{port}/{page}")
        if browser.evaluate("document.documentElement.outerHTML.indexOf('loom serve: reload') < 0"):
            raise RuntimeError("the served page has no reload script")
        browser.screenshot(os.path.join(screenshots, "serve-before.png"))
        latencies = []
        path = os.path.join(vault, note)
        for number in range(1, edits + 1):
            browser.evaluate("window.loomCheckMarker = true")
            mark = f"Edited while served, edit {number} of {edits}"
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            # The edit goes right after the front matter, so it is at the top of the page.
            body_start = text.index("\n---\n", 4) + 5 if text.startswith("---\n") else 0
            text = text[:body_start] + f"\n**{mark}.**\n\n" + text[body_start:]
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            saved = time.time()
            browser.wait_for(f"!window.loomCheckMarker && document.readyState !== 'loading' && document.body.innerText.indexOf({json.dumps(mark)}) >= 0")
            latencies.append(time.time() - saved)
            if number == 1:
                browser.screenshot(os.path.join(screenshots, "serve-after.png"))
        # A note saved with a Python syntax error shows it on its own page.
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        broken = text.replace("```py\n", "```py\ndef broken(:\n", 1) if "```py\n" in text else text + "\n```py\ndef broken(:\n```\n"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(broken)
        browser.evaluate("window.loomCheckMarker = true")
        browser.wait_for("!window.loomCheckMarker && !!document.querySelector('.loom-serve-problems')")
        problem = browser.evaluate("document.querySelector('.loom-serve-problems').innerText")
        browser.screenshot(os.path.join(screenshots, "serve-problem.png"))
        log.seek(0)
        rebuilds = [float(x) for x in re.findall(r"Rebuilt in ([0-9.]+) s", log.read())]
        server.send_signal(2)
        code = server.wait(timeout=15)
        log.seek(0)
        output = log.read()
        if code != 0 or "Stopped serving" not in output:
            raise RuntimeError(f"Ctrl-C did not stop loom serve cleanly (exit {code}):\n{output}")
        return latencies, rebuilds, problem
    finally:
        if server.poll() is None:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


def check_search(browser, base_url, query, note_page, card, screenshots):
    browser.navigate(base_url + "index.html")
    box = "document.querySelector('.site-search input[name=q]')"
    if not browser.evaluate(f"!!{box}"):
        raise RuntimeError("the index page has no search box")
    browser.evaluate(f"{box}.value = {json.dumps(query)}; {box}.form.submit(); true")
    browser.wait_for("location.pathname.endsWith('search.html') && document.querySelectorAll('#search-results li').length > 0", timeout=30)
    status = browser.evaluate("document.getElementById('search-status').textContent")
    took = float(re.search(r"\(([0-9.]+) ms\)", status).group(1))
    browser.screenshot(os.path.join(screenshots, "search-results.png"))
    target = f"{note_page}#{card}"
    found = browser.evaluate(
        "Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href')).indexOf(" + json.dumps(target) + ")")
    if found is None or found < 0:
        raise RuntimeError(f"no result links to {target}; status: {status}")
    browser.evaluate(f"document.querySelectorAll('#search-results a')[{found}].click(); true")
    browser.wait_for(f"location.hash === {json.dumps('#' + card)} && document.readyState === 'complete'")
    visible = browser.wait_for(
        f"(function(){{var r=document.getElementById({json.dumps(card)}).getBoundingClientRect();return r.top >= -2 && r.top < innerHeight/2}})()")
    browser.screenshot(os.path.join(screenshots, "search-landed.png"))
    return status, took, found, bool(visible)


def measure_search(browser, site, queries):
    """Index size on disk, the search page's load and index build in the browser, and each query's time."""
    shards = sorted(name for name in os.listdir(site) if name.startswith("search-index-") and name.endswith(".js"))
    size = sum(os.path.getsize(os.path.join(site, name)) for name in shards)
    import gzip
    compressed = sum(len(gzip.compress(open(os.path.join(site, name), "rb").read(), 6)) for name in shards)
    started = time.time()
    browser.navigate("file://" + os.path.abspath(site) + "/search.html")
    loaded = time.time() - started
    build = browser.evaluate("(function(){var s=performance.now();window.loomSearchQuery('warmup');return performance.now()-s})()")
    timings = {}
    for query in queries:
        runs = browser.evaluate(
            "(function(){var t=[];for(var i=0;i<7;i++){var s=performance.now();var r=window.loomSearchQuery(%s);t.push(performance.now()-s)}"
            "t.sort(function(a,b){return a-b});return [t[3], r.length]})()" % json.dumps(query))
        timings[query] = runs
    return len(shards), size, compressed, loaded, build, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("loom")
    parser.add_argument("--notes", required=True)
    parser.add_argument("--note", default="threading.md")
    parser.add_argument("--query", default="as_completed")
    parser.add_argument("--card", default="snippet-3")
    parser.add_argument("--screenshots", default="docs/screenshots/browsing")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--site", help="a built site to search from file:// as well")
    parser.add_argument("--measure", metavar="SITE", help="only measure the search index of a built site")
    parser.add_argument("--queries", default="as_completed,ThreadPoolExecutor,thread pool,lock,executor.submit,asyncio.gather,do_something,pool_exec,sleep")
    args = parser.parse_args()
    chromium = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if chromium is None:
        print("check-browsing: Chromium is missing: run 'apt-get install -y chromium'", file=sys.stderr)
        return 2
    os.makedirs(args.screenshots, exist_ok=True)
    browser = Browser(chromium)
    if args.measure:
        try:
            shards, size, compressed, loaded, build, timings = measure_search(browser, args.measure, args.queries.split(","))
        finally:
            browser.close()
        print(f"check-browsing: index: {shards} shards, {size / 1e6:.2f} MB ({compressed / 1e6:.2f} MB gzipped); "
              f"search page loaded in {loaded * 1000:.0f} ms, index built on the first query in {build:.0f} ms")
        for query, (median, count) in timings.items():
            print(f"check-browsing: query {query!r}: {median:.2f} ms median of 7, {count} lines")
        return 0
    try:
        latencies, rebuilds, problem = check_serve(browser, os.path.abspath(args.loom), args.notes, args.note, args.screenshots, args.edits)
        ordered = sorted(latencies)
        print(f"check-browsing: serve: save → edit on screen: median {ordered[len(ordered) // 2] * 1000:.0f} ms, "
              f"max {ordered[-1] * 1000:.0f} ms over {len(latencies)} edits; rebuilds {', '.join(f'{r:.2f}' for r in rebuilds)} s")
        print(f"check-browsing: serve: a syntax error shows on its page: {problem.splitlines()[1] if len(problem.splitlines()) > 1 else problem}")
        if args.site:
            url = "file://" + os.path.abspath(args.site) + "/"
            status, took, position, visible = check_search(browser, url, args.query, args.note[:-3] + ".html", args.card, args.screenshots)
            print(f"check-browsing: search from file://: {status} → result {position + 1} links to {args.card}, landed on it: {visible}")
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
