"""No built page loads anything from another host: scripts, stylesheets, images, fonts, frames, MathJax.

A static check of the HTML and CSS of the fresh build (the browser tests also fail on any request that leaves
localhost, but only for what a page actually requests in Chromium).
"""

from __future__ import annotations

import re

import pytest

REMOTE = r"""(?:https?:)?//(?!127\.0\.0\.1|localhost)"""
# Elements and attributes that make the browser fetch something when the page loads.
FETCHING = re.compile(
    r"""<(script|link|img|iframe|source|video|audio|embed|object|input|image|use)\b[^>]*?"""
    r"""\b(src|href|srcset|data|poster|xlink:href)\s*=\s*["']?\s*""" + REMOTE,
    re.I,
)
CSS_REMOTE = re.compile(r"""(@import\s+(url\()?\s*["']?|url\(\s*["']?)\s*""" + REMOTE, re.I)
MATHJAX_CDN = re.compile(r"(cdn\.jsdelivr|cdnjs|unpkg|mathjax\.org|googleapis|gstatic)", re.I)


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if "_sources" not in p.parts)


def test_no_page_loads_a_resource_from_another_host(site):
    bad = []
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        bad += [f"{page.relative_to(site)}: {m.group(0)[:120]}" for m in FETCHING.finditer(text)]
        for style in re.findall(r"<style\b[^>]*>(.*?)</style>", text, re.S | re.I):
            bad += [f"{page.relative_to(site)} <style>: {m.group(0)}" for m in CSS_REMOTE.finditer(style)]
        bad += [
            f"{page.relative_to(site)} style=: {m.group(0)}"
            for m in CSS_REMOTE.finditer(" ".join(re.findall(r"""\bstyle\s*=\s*"([^"]*)\"""", text)))
        ]
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S | re.I):
            if MATHJAX_CDN.search(script):
                bad.append(
                    f"{page.relative_to(site)}: an inline script names a CDN: {MATHJAX_CDN.search(script).group(0)}"
                )
    assert _pages(site), "no pages built"
    assert not bad, "\n".join(bad)


def test_no_stylesheet_loads_fonts_or_imports_from_another_host(site):
    sheets = sorted(site.rglob("*.css"))
    assert any(s.name == "book.css" for s in sheets)
    bad = [
        f"{css.relative_to(site)}: {m.group(0)}"
        for css in sheets
        for m in CSS_REMOTE.finditer(css.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not bad, "\n".join(bad)
    # The icon fonts the theme uses are shipped with the site.
    fonts = [p for p in site.rglob("*") if p.suffix in (".woff2", ".woff", ".ttf")]
    assert fonts, "the theme's fonts are missing from _static"


def test_the_scripts_name_no_cdn(site):
    """Local scripts may mention URLs (licences, docs), but none that they load MathJax or fonts from."""
    bad = []
    for js in site.glob("_static/**/*.js"):
        text = js.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(
            r"""(?:src|href)\s*=\s*["'](https?:)?//[^"']*(mathjax|fonts\.googleapis|cdn)[^"']*""", text, re.I
        ):
            bad.append(f"{js.relative_to(site)}: {m.group(0)[:120]}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>',
        '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Noto+Sans+KR">',
        '<img alt="x" src="https://example.org/a.png">',
        "<style>@import url('https://fonts.googleapis.com/css2?family=Nanum+Gothic');</style>",
    ],
)
def test_the_check_catches_remote_resources(tmp_path, snippet):
    (tmp_path / "page.html").write_text(f"<html><head>{snippet}</head><body></body></html>", encoding="utf-8")
    with pytest.raises(AssertionError):
        test_no_page_loads_a_resource_from_another_host(tmp_path)
