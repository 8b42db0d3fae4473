#!/usr/bin/env python3
"""Checks a generated site as a reader's browser would.

Every page is parsed for its links, pictures and anchors (a broken internal one fails the check), then
opened in headless Chromium, which must report no console error; a screenshot of each page is saved at
desktop and phone widths.

    check_site.py SITE_DIR [--screenshots DIR] [--no-browser]
"""
import argparse
import html.parser
import os
import re
import shutil
import subprocess
import sys
import urllib.parse


class PageLinks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.references = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.references.append(("link", attributes["href"]))
        if tag in ("img", "script") and "src" in attributes:
            self.references.append(("picture" if tag == "img" else "script", attributes["src"]))
        if tag == "link" and "href" in attributes:
            self.references.append(("stylesheet", attributes["href"]))


def parse(path):
    parser = PageLinks()
    with open(path, encoding="utf-8") as handle:
        parser.feed(handle.read())
    return parser


def check_references(site):
    pages = {}
    for root, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(root, name)
                pages[os.path.relpath(path, site)] = parse(path)
    problems = []
    for page, links in sorted(pages.items()):
        for kind, url in links.references:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            if parts.scheme:
                problems.append(f"{page}: {kind} with scheme '{parts.scheme}': {url}")
                continue
            target = page
            if parts.path:
                target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(parts.path)))
                if target.startswith(".."):
                    problems.append(f"{page}: {kind} leaves the site: {url}")
                    continue
                if not os.path.exists(os.path.join(site, target)):
                    problems.append(f"{page}: broken {kind}: {url}")
                    continue
            if parts.fragment:
                anchors = pages.get(target)
                if anchors is None or urllib.parse.unquote(parts.fragment) not in anchors.ids:
                    problems.append(f"{page}: broken anchor: {url}")
    return sorted(pages), problems


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


CONSOLE = re.compile(r'CONSOLE\(\d+\)\]? ?"?(.*)|:CONSOLE|Uncaught|Failed to load resource')


def browse(chromium, site, pages, screenshots):
    problems = []
    os.makedirs(screenshots, exist_ok=True)
    for page in pages:
        url = "file://" + os.path.abspath(os.path.join(site, page))
        stem = page[:-5].replace("/", "_")
        for label, size in (("desktop", "1280,3000"), ("phone", "390,3000")):
            shot = os.path.join(screenshots, f"{stem}.{label}.png")
            result = subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                 "--enable-logging=stderr", "--v=0", f"--window-size={size}", f"--screenshot={shot}", url],
                capture_output=True, text=True, timeout=120)
            errors = [line for line in result.stderr.splitlines()
                      if ("CONSOLE" in line and ("error" in line.lower() or "Uncaught" in line))
                      or "Failed to load resource" in line]
            problems += [f"{page} ({label}): console: {line.strip()}" for line in errors]
            if result.returncode != 0 or not os.path.exists(shot):
                problems.append(f"{page} ({label}): Chromium could not open the page (exit {result.returncode})")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site")
    parser.add_argument("--screenshots", default="screenshots")
    parser.add_argument("--no-browser", action="store_true", help="only check links, pictures and anchors")
    args = parser.parse_args()

    pages, problems = check_references(args.site)
    if not pages:
        print(f"check-site: no pages in {args.site}", file=sys.stderr)
        return 1
    if not args.no_browser:
        chromium = find_chromium()
        if chromium is None:
            print("check-site: Chromium is missing: run 'apt-get install -y chromium' (or pass --no-browser)", file=sys.stderr)
            return 2
        problems += browse(chromium, args.site, pages, args.screenshots)
    for problem in problems:
        print(f"check-site: {problem}", file=sys.stderr)
    shots = "" if args.no_browser else f", screenshots in {args.screenshots}/"
    print(f"check-site: {len(pages)} pages, {len(problems)} problems{shots}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
