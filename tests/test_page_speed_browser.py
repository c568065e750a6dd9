"""What makes the pages light, checked in the browser (issue 14, item 5): charts drawn as they near the screen and
all of them before printing, each boundary file fetched once, and the purged theme stylesheets
(bookbuild.unusedcss) styling every element exactly as the theme's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookbuild.pageassets import theme_static
from bookbuild.pdf import CHARTS_DRAWN
from bookbuild.unusedcss import PURGED

STATE = "() => Object.fromEntries([...document.querySelectorAll('div.rp-vega')].map(d => [d.id, d.dataset.rendered === '1']))"


def _originals() -> dict[str, Path]:
    import sphinx_design

    found = {
        PURGED[0]: theme_static() / PURGED[0],
        PURGED[1]: Path(sphinx_design.__file__).parent / "static" / PURGED[1],
    }
    assert all(p.is_file() for p in found.values()), found
    return found


def test_charts_are_drawn_as_they_near_the_screen_and_every_one_before_printing(browser, site_url):
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if ".geojson" in r.url else None)
    try:
        page.goto(site_url + "ko/05-maps.html", wait_until="networkidle")
        first = page.evaluate(STATE)
        last = list(first)[-1]
        page.locator("#" + last).scroll_into_view_if_needed()
        page.wait_for_function(f"() => document.getElementById('{last}').dataset.rendered === '1'", timeout=20_000)
        scrolled = page.evaluate(STATE)
        page.pdf()  # printing draws the rest (beforeprint), the maps from the boundaries fetched when the page loaded
        printed = page.evaluate(STATE)
    finally:
        context.close()
    assert len(first) == 6 and not any(first.values())  # a phone's first screen of this page shows no chart
    assert scrolled[last] and sum(scrolled.values()) < len(scrolled)  # only what came near the screen
    assert all(printed.values()), printed
    assert sorted(fetched) == ["economic-regions-2010.geojson", "provinces-2010.geojson"]  # once each


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
def test_the_purged_stylesheets_style_every_element_as_the_themes_own(browser, site_url, name, width):
    looks = []
    for original in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 900})
        if original:
            for file, path in _originals().items():
                body = path.read_bytes()
                context.route(
                    f"**/_static/{file}?*",
                    lambda route, request, body=body: route.fulfill(body=body, content_type="text/css"),
                )
        page = context.new_page()
        try:
            page.goto(site_url + name, wait_until="networkidle")
            page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
            sheet = page.evaluate(
                f"() => [...document.styleSheets].find(s => (s.href || '').includes('{PURGED[0]}')).cssRules.length"
            )
            looks.append((sheet, page.evaluate(LOOKS)))
        finally:
            context.close()
    (original_rules, theirs), (purged_rules, ours) = looks
    assert purged_rules < original_rules / 3  # the theme's stylesheet lost most of its rules ...
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
