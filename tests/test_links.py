"""An offline link check of the whole built site: no broken internal link or anchor; external links listed.

LinkChecker crawls the fresh build served on 127.0.0.1 (internal URLs only: it makes no external request);
anchors are checked here, from the ids of every page (LinkChecker's own anchor plugin takes minutes on the
report page). External links are written to ``test-artifacts/links/external-links.txt``, not fetched.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
SKIP_PARTS = {"_sources", "_static"}  # _static holds the theme's Jinja templates, not pages


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "link", "script", "img", "iframe", "source", "area"):
                self.links.append(attrs[key])


def parse_site(site: Path) -> dict[Path, _Links]:
    parsed = {}
    for page in sorted(site.rglob("*.html")):
        if SKIP_PARTS & set(page.relative_to(site).parts):
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    return parsed


def check_links(site: Path) -> tuple[list[str], dict[str, list[str]]]:
    """(broken internal links and anchors, external URL -> pages that link to it)."""
    parsed = parse_site(site)
    broken, external = [], defaultdict(list)
    for page, links in parsed.items():
        rel = str(page.relative_to(site))
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "ftp") or link.startswith("//"):
                external[link].append(rel)
                continue
            if parts.scheme in ("data", "javascript"):
                continue
            target = page if not parts.path else Path(os.path.normpath(page.parent / unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(
                    f"{rel}: {link} (no file {target.relative_to(site) if target.is_relative_to(site) else target})"
                )
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and target in parsed and fragment not in parsed[target].ids:
                broken.append(f"{rel}: {link} (no id {fragment!r} in {target.relative_to(site)})")
    return broken, dict(external)


def test_no_broken_internal_link_or_anchor(site, artifacts):
    broken, external = check_links(site)
    out = artifacts / "links"
    out.mkdir(parents=True, exist_ok=True)
    lines = [f"{url}\t{len(pages)} link(s)\t{', '.join(sorted(set(pages)))}" for url, pages in sorted(external.items())]
    (out / "external-links.txt").write_text(
        "# External links of the built site (not fetched): URL, count, pages\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    (out / "broken-internal.txt").write_text("\n".join(broken) + "\n", encoding="utf-8")
    assert not broken, f"{len(broken)} broken internal links or anchors:\n" + "\n".join(broken[:50])


def test_the_anchor_check_catches_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "a.html").write_text(
        '<p id="here"><a href="b.html#nowhere">x</a><a href="c.html">y</a>'
        '<a href="#here">z</a><a href="https://example.org/">e</a></p>'
    )
    (tmp_path / "b.html").write_text('<h1 id="top">b</h1>')
    broken, external = check_links(tmp_path)
    assert len(broken) == 2 and "nowhere" in broken[0] and "c.html" in broken[1]
    assert list(external) == ["https://example.org/"]


def test_linkchecker_finds_no_broken_internal_link(site_url, artifacts):
    """LinkChecker over HTTP on 127.0.0.1: every internal URL of the site answers (it checks no external one)."""
    out = artifacts / "links"
    out.mkdir(parents=True, exist_ok=True)
    config = out / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\ntimeout=30\n[filtering]\ncheckextern=0\n", encoding="utf-8")
    env = dict(os.environ, no_proxy="127.0.0.1,localhost", NO_PROXY="127.0.0.1,localhost")
    for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(key, None)
    result = subprocess.run(
        [
            str(LINKCHECKER),
            "--config",
            str(config),
            "--no-status",
            "--verbose",
            "-o",
            "csv",
            "--recursion-level",
            "-1",
            site_url + "book/index.html",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    text = result.stdout
    (out / "linkchecker.csv").write_text(text, encoding="utf-8")
    rows = list(
        csv.DictReader(io.StringIO("\n".join(x for x in text.splitlines() if not x.startswith("#"))), delimiter=";")
    )
    failed = [f"{r['parentname']}: {r['urlname']} -> {r['result']}" for r in rows if r.get("valid") == "False"]
    assert result.returncode in (0, 1), result.stderr[-2000:]
    checked = {r["url"] for r in rows if r.get("url", "").startswith(site_url)}
    assert len(checked) > 50, f"LinkChecker checked only {len(checked)} internal URLs: {result.stderr[-2000:]}"
    assert not failed, "\n".join(failed[:50])
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
