"""What makes the pages light, checked in the browser (issue 14, item 5): charts drawn as they near the screen, Vega
fetched with the first of them, every chart on paper, each boundary file fetched once, and the purged theme
stylesheets (bookbuild.unusedcss) joined into one (bookbuild.cssbundle) styling every element exactly as the theme's
own files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bookbuild import cssbundle
from bookbuild.pageassets import theme_static
from bookbuild.pdf import CHARTS_DRAWN
from bookbuild.unusedcss import PURGED

STATE = "() => Object.fromEntries([...document.querySelectorAll('div.rp-vega')].map(d => [d.id, d.dataset.rendered === '1']))"
# what a printed page shows: a chart drawn by Vega, or the static SVG of the same chart
ON_PAPER = (
    "() => Object.fromEntries([...document.querySelectorAll('div.rp-vega')].map(d => [d.id, !!d.querySelector('svg')]))"
)


def _originals() -> dict[str, Path]:
    import sphinx_design

    found = {
        PURGED[0]: theme_static() / PURGED[0],
        PURGED[1]: Path(sphinx_design.__file__).parent / "static" / PURGED[1],
    }
    assert all(p.is_file() for p in found.values()), found
    return found


MAPS_FILES = ["economic-regions-2010.geojson", "provinces-2010.geojson", "vega-bundle.js"]


def _maps_page(browser, site_url):
    """The Korean maps page on a phone, and the Vega and boundary files it has fetched so far (names, in order)."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    fetched: list[str] = []
    page.on(
        "request",
        lambda r: (
            fetched.append(r.url.rsplit("/", 1)[-1].split("?")[0])
            if "/vendor/vega" in r.url or ".geojson" in r.url
            else None
        ),
    )
    page.goto(site_url + "ko/05-maps.html", wait_until="networkidle")
    return context, page, fetched


def test_charts_are_drawn_as_they_near_the_screen_and_every_one_before_printing(browser, site_url):
    context, page, fetched = _maps_page(browser, site_url)
    try:
        first, loaded = page.evaluate(STATE), fetched.copy()
        last = list(first)[-1]
        page.locator("#" + last).scroll_into_view_if_needed()
        page.wait_for_function(f"() => document.getElementById('{last}').dataset.rendered === '1'", timeout=20_000)
        page.wait_for_load_state("networkidle")
        scrolled = page.evaluate(STATE)
        page.pdf()  # printing: the static SVGs, and the maps drawn from the boundaries fetched since the scroll
        printed = page.evaluate(ON_PAPER)
        drawn = page.evaluate(STATE)
    finally:
        context.close()
    assert len(first) == 6 and not any(first.values())  # a phone's first screen of this page shows no chart ...
    assert loaded == []  # ... and fetches neither Vega nor a boundary file
    assert scrolled[last] and sum(scrolled.values()) < len(scrolled)  # only what came near the screen
    assert all(printed.values()), printed
    assert drawn["figure-1-map-view"] and drawn["figure-2-map-view"]  # the maps, which have no static SVG
    assert sorted(fetched) == MAPS_FILES  # once each, from the reader's first scroll


def test_ctrl_p_on_an_untouched_maps_page_prints_once_every_chart_is_drawn(browser, site_url):
    context, page, fetched = _maps_page(browser, site_url)
    try:
        page.evaluate("() => { window.print = () => { window.rpPrinted = true; }; }")  # headless: no dialog
        page.keyboard.press("Control+p")
        page.wait_for_function("() => window.rpPrinted === true", timeout=20_000)
        drawn = page.evaluate(STATE)
    finally:
        context.close()
    assert len(drawn) == 6 and all(drawn.values()), drawn
    assert sorted(fetched) == MAPS_FILES


def test_vega_is_fetched_with_the_first_chart_drawn_and_a_page_prints_its_charts_without_it(browser, site_url):
    fetched: list[str] = []
    states = []
    for scroll in (True, False):
        context = browser.new_context(viewport={"width": 412, "height": 823})
        page = context.new_page()
        page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if "/vendor/vega" in r.url else None)
        try:
            page.goto(site_url + "book/03-systematizing-phase.html", wait_until="networkidle")
            states.append(fetched.copy())
            if scroll:  # the reader comes to the chart
                page.locator("div.rp-vega").first.scroll_into_view_if_needed()
                page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
                states.append(fetched.copy())
            else:  # the reader prints the page at once
                page.pdf()
                states.append((page.evaluate(ON_PAPER), page.evaluate(STATE)))
        finally:
            context.close()
        fetched.clear()
    loaded, scrolled, unscrolled, (paper, drawn) = states
    assert loaded == [] and unscrolled == []  # a phone's first screen of this chapter shows no chart: no Vega
    assert len(scrolled) == 1 and scrolled[0].startswith("vega-bundle.js?v=")  # once, with the chart
    assert paper == {"chart-3-1-view": True} and drawn == {"chart-3-1-view": False}  # on paper: its static SVG


LOOKS = """() => [...document.querySelectorAll('body *')].map(el => {
  const r = el.getBoundingClientRect(), s = getComputedStyle(el), b = getComputedStyle(el, '::before');
  return [el.tagName, el.className.baseVal ?? el.className, Math.round(r.x), Math.round(r.y), Math.round(r.width),
          Math.round(r.height), s.display, s.position, s.color, s.backgroundColor, s.fontFamily, s.fontSize,
          s.fontWeight, s.borderTopWidth, s.borderTopColor, s.borderLeftWidth, s.borderRadius, s.boxShadow,
          s.visibility, s.opacity, s.overflow, s.textDecorationLine, b.content, b.display, b.backgroundColor].join('|');
})"""


@pytest.mark.parametrize(
    ("name", "width"), [("book/03-systematizing-phase.html", 1280), ("ko/05-maps.html", 390), ("book/index.html", 900)]
)
def test_the_purged_stylesheets_style_every_element_as_the_themes_own(browser, site, site_url, name, width):
    edition = site / name.split("/")[0] if name.startswith("ko/") else site
    originals = {file: path.read_text(encoding="utf-8") for file, path in _originals().items()}
    looks = []
    for original in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 900})
        if original:  # the bundle of the page, made of the theme's own files instead of the purged ones

            def fulfill(route, request):
                file = edition / "_static" / request.url.split("_static/", 1)[1].split("?")[0]
                names = re.search(r"bundle of: ([^*]+) \*/", file.read_text(encoding="utf-8"))[1].split()
                read = lambda n: originals.get(n) or (edition / "_static" / n).read_text(encoding="utf-8")  # noqa: E731
                route.fulfill(body=cssbundle.bundle(names, read), content_type="text/css")

            context.route("**/_static/styles/bundle-*.css?*", fulfill)
        page = context.new_page()
        try:
            page.goto(site_url + name, wait_until="networkidle")
            page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
            sheets = page.evaluate(
                "() => [...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length])"
            )
            looks.append((sheets, page.evaluate(LOOKS)))
        finally:
            context.close()
    (original_sheets, theirs), (purged_sheets, ours) = looks
    assert len(purged_sheets) == 1 and "/_static/styles/bundle-" in purged_sheets[0][0]  # one stylesheet ...
    assert purged_sheets[0][1] < original_sheets[0][1] / 2  # ... without most of the theme's rules ...
    assert len(ours) == len(theirs) > 300
    differ = [(a, b) for a, b in zip(theirs, ours, strict=True) if a != b]
    assert not differ, differ[:3]  # ... and no element looks different


@pytest.mark.parametrize("edition", ["", "ko/"])
def test_each_editions_icon_font_has_the_glyphs_its_stylesheets_name(site, edition):
    import hashlib

    from fontTools.ttLib import TTFont

    from bookbuild.unusedcss import ICON_FONT, icon_codepoints

    static = site / edition / "_static"
    named = set().union(*(icon_codepoints(p.read_text(encoding="utf-8")) for p in static.rglob("*.css")))
    font = (static / ICON_FONT).read_bytes()
    solid = set(TTFont(theme_static() / ICON_FONT).getBestCmap())  # not the brands' glyphs
    assert 20 <= len(named & solid) <= 40 and set(TTFont(static / ICON_FONT).getBestCmap()) == named & solid
    digest = hashlib.sha256(font).hexdigest()[:20]
    assert f"fa-solid-900.woff2?v={digest})" in (static / PURGED[0]).read_text(encoding="utf-8")
