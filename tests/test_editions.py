"""The two editions: the Korean site mirrors the English one, and every page links to its twin."""

from __future__ import annotations

import re
from pathlib import Path

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _pages(site: Path, lang: str) -> list[Path]:
    root = site if lang == "en" else site / "ko"
    pages = sorted((root / "book").glob("*.html")) if lang == "en" else sorted(root.glob("*.html"))
    return [p for p in pages if p.name not in ("genindex.html", "search.html")]


def test_both_editions_have_the_same_pages(site):
    en = {p.name for p in _pages(site, "en")}
    ko = {p.name for p in _pages(site, "ko")}
    assert {"index.html", "01-introduction.html", "07-report.html", "glossary.html"} <= en
    assert en == ko


def test_every_page_links_to_the_same_page_in_the_other_language(site):
    for lang, other in (("en", "ko"), ("ko", "en")):
        for page in _pages(site, lang):
            html = page.read_text(encoding="utf-8")
            links = re.findall(r'<p class="rp-lang-switch"><a href="([^"]+)" hreflang="(\w+)"', html)
            assert len(links) == 1, f"{page}: {len(links)} language switches"
            href, hreflang = links[0]
            assert hreflang == other
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page.name} -> {href}"
            assert target.name == page.name


def test_korean_pages_are_written_in_korean(site):
    for page in _pages(site, "ko"):
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S).group(1)
        assert HANGUL.search(title), f"{page.name}: {title!r}"
        main = html.split('role="main"', 1)[-1]
        # the prose only: scripts, styles, tables (the paper's tables are transcribed as printed) and code
        for tag in ("script", "style", "table", "pre", "noscript"):
            main = re.sub(rf"<{tag}\b.*?</{tag}>", " ", main, flags=re.S)
        body = re.sub(r"<[^>]+>", " ", main)
        if page.name in ("08-data.html", "references.html"):
            continue  # schema descriptions and bibliography entries are quoted as they are, in English
        hangul = len(HANGUL.findall(body))
        latin = len(re.findall(r"[A-Za-z]", body))
        assert hangul > 0.3 * latin, f"{page.name}: {hangul} Hangul vs {latin} Latin characters"


def test_korean_charts_and_tables_use_korean_labels(site):
    html = (site / "ko" / "02-introducing-phase.html").read_text(encoding="utf-8")
    assert "표 2." in html and "도시가구 (A)" in html and "차트 2.1." in html
    assert "Urban Households (A)" not in html
    assert 'lang="ko"' in html
