#!/usr/bin/env python3
"""Checks the documentation site built by `make site`; run by `make test-site`.

Usage: check_site.py SITE_DIR SHOTS_DIR PAGE...

1. Every HTML page of SITE_DIR: each script, style sheet, image, frame or
   other resource it loads must be a file of the site (no network, no
   absolute file:// path), and each relative link must lead to a file of the
   site. The same for the url() and @import references of local CSS files.
2. Each PAGE (relative to SITE_DIR) is loaded in headless Chromium with every
   host name unresolvable, as when reading the site offline: any console
   message (a script error, a formula KaTeX cannot parse, a failed load) is
   a failure. A screenshot of the top of the page goes to SHOTS_DIR, and the
   rendered page must show its formulas typeset where it has any.

Prints one line per failure and a closing count; exits 1 on any failure.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

# (tag, attribute) pairs whose URL the browser loads by itself.
ASSET_ATTRS = {("script", "src"), ("img", "src"), ("iframe", "src"),
               ("source", "src"), ("video", "src"), ("audio", "src"),
               ("embed", "src"), ("object", "data"), ("input", "src")}
LINK_RELS_LOADED = {"stylesheet", "icon", "apple-touch-icon", "preload",
                    "modulepreload", "manifest", "shortcut"}


class Refs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.assets, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for (t, attr) in ASSET_ATTRS:
            if tag == t and a.get(attr):
                self.assets.append(a[attr])
        if tag == "img" and a.get("srcset"):
            self.assets += [p.split()[0] for p in a["srcset"].split(",") if p.strip()]
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            (self.assets if rels & LINK_RELS_LOADED else self.links).append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def kind(url):
    """'skip' (fragment, data:, mailto:, javascript:), 'remote', 'file' or 'relative'."""
    u = url.strip()
    if not u or u.startswith("#"):
        return "skip"
    scheme = urllib.parse.urlsplit(u).scheme.lower()
    if scheme in ("data", "mailto", "javascript", "tel"):
        return "skip"
    if u.startswith("//") or scheme in ("http", "https", "ftp", "ws", "wss"):
        return "remote"
    if scheme == "file":
        return "file"
    if scheme:
        return "remote"
    return "relative"


def target(base_file, url):
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    if not path:
        return base_file
    full = os.path.normpath(os.path.join(os.path.dirname(base_file), path))
    if url.split("?")[0].split("#")[0].endswith("/"):
        full = os.path.join(full, "index.html")
    return full


def check_static(site):
    errors = []
    site = os.path.abspath(site)

    def check(where, url, is_asset):
        k = kind(url)
        if k == "skip":
            return
        if k == "remote":
            if is_asset:
                errors.append(f"{where}: loads from the network: {url}")
            return
        if k == "file":
            errors.append(f"{where}: absolute file URL: {url}")
            return
        t = target(os.path.join(site, where), url)
        if not t.startswith(site + os.sep):
            errors.append(f"{where}: points outside the site: {url}")
        elif not os.path.exists(t):
            what = "missing file" if is_asset else "broken link"
            errors.append(f"{where}: {what}: {url}")

    for root, _, files in os.walk(site):
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, site)
            if name.endswith(".html"):
                p = Refs()
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                p.feed(text)
                for u in p.assets:
                    check(rel, u, True)
                for u in p.links:
                    check(rel, u, False)
                # style attributes and <style> blocks
                for u in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text):
                    check(rel, u, True)
            elif name.endswith(".css"):
                with open(path, encoding="utf-8", errors="replace") as f:
                    css = f.read()
                css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
                refs = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css)
                refs += re.findall(r"@import\s+['\"]([^'\"]+)['\"]", css)
                for u in refs:
                    check(rel, u, True)
    return errors


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("check_site: no chromium on PATH")


def check_browser(site, shots, pages):
    errors = []
    exe = chromium()
    os.makedirs(shots, exist_ok=True)
    common = ["--headless", "--no-sandbox", "--disable-gpu",
              "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
              "--virtual-time-budget=5000"]
    for page in pages:
        path = os.path.join(os.path.abspath(site), page)
        if not os.path.exists(path):
            errors.append(f"{page}: no such page")
            continue
        url = "file://" + urllib.parse.quote(path)
        with tempfile.TemporaryDirectory() as profile:
            run = subprocess.run(
                [exe, *common, f"--user-data-dir={profile}",
                 "--enable-logging=stderr", "--v=0", "--dump-dom", url],
                capture_output=True, text=True, timeout=120)
        console = [l for l in run.stderr.splitlines() if ":CONSOLE" in l]
        for line in console:
            errors.append(f"{page}: console: {line.split('] ', 1)[-1]}")
        dom = run.stdout
        if run.returncode != 0 or "</html>" not in dom:
            errors.append(f"{page}: chromium failed ({run.returncode})")
        # Formulas: \( \), \[ \] or $$ left in the text were not typeset.
        body = dom[dom.find("<body"):]
        body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
        body = re.sub(r"<(script|style|pre|code)\b.*?</\1>", "", body, flags=re.S)
        if re.search(r"\\\(|\\\[|\$\$", body):
            errors.append(f"{page}: formulas left untypeset")
        shot = os.path.join(shots, page.replace("/", "_").replace(".html", ".png"))
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [exe, *common, f"--user-data-dir={profile}",
                 "--window-size=1280,2000", f"--screenshot={shot}", url],
                capture_output=True, text=True, timeout=120)
        if not os.path.exists(shot) or os.path.getsize(shot) == 0:
            errors.append(f"{page}: no screenshot")
        else:
            print(f"screenshot: {shot}")
    return errors


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    site, shots, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not os.path.exists(os.path.join(site, "index.html")):
        sys.exit(f"check_site: no site in {site} (run make site)")
    static = check_static(site)
    browser = check_browser(site, shots, pages)
    for e in static + browser:
        print("FAIL", e)
    # one check for the files of the whole site, one per page loaded
    failed = (1 if static else 0) + len({e.split(":")[0] for e in browser})
    print(f"site check of {site}: {len(static) + len(browser)} problems")
    print(f"{1 + len(pages) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
