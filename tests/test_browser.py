"""The built site in a real browser: Debian's Chromium driven by Playwright, against a fresh build.

Every page is opened once (``visits``): HTTP 200, no console error, no request to another host, every chart
drawn, every table captioned, every image with alt text, every chart with a text alternative, axe-core with no
serious or critical violation in the book's content, and a full-page screenshot in
``test-artifacts/screenshots/``. Other tests: colour contrast in the dark theme, print layout and the static
charts without scripts, the search page, and Hangul in a Korean chart. What the theme itself fails is recorded,
with the reason, in ``tests/browser_exceptions.toml`` and nowhere else.
"""

from __future__ import annotations

import re

import pytest
from visits import CHAPTERS, CONTENT, EXCEPTIONS, FACTS, SERIOUS, Visit, applies, built_pages, site_pages

from bookbuild.pdf import CHARTS_DRAWN, is_local

PAGES = site_pages()


def test_the_book_has_its_pages():
    assert set(CHAPTERS) <= set(PAGES)


def check_page_loads_without_errors_and_only_from_localhost(v: Visit):
    name = v.page
    assert v.status == 200, f"{name}: HTTP {v.status}"
    allowed = EXCEPTIONS.get("console", [])
    errors = [
        c
        for c in v.console
        if not any(e["text"] in c["text"] and e.get("url", "") in c["url"] for e in allowed if applies(e, name))
    ]
    assert not errors, f"{name}: console errors {errors}"
    foreign = [u for u in v.requests if not is_local(u)]
    assert not foreign, f"{name}: requests to other hosts {foreign}"


def check_every_chart_is_drawn_and_has_a_text_alternative(v: Visit):
    name = v.page
    assert not v.draw_error, f"{name}: charts not drawn: {v.draw_error}"
    for c in v.facts["charts"]:
        assert c["rendered"] == "1", f"{name}: {c['id']} not rendered"
        assert c["graphic"] in ("svg", "canvas") and min(c["size"]) > 0, f"{name}: {c['id']} drew {c}"
        # What a screen reader reaches (Chromium's accessibility tree): the chart has a name and a description
        # (the text description under it); the figure is named by its caption; the data is a table in it.
        ax = v.ax[c["id"]]
        if c["collapsed"] and ax.get("ignored"):
            # inside a collapsed solution: out of the accessibility tree until opened; its markup must carry
            # the same name and description a screen reader gets once it is open
            assert c["role"] == "img" and len(c["label"]) > 10 and len(c["desc"]) > 40, f"{name}: {c['id']} {c}"
        else:
            assert ax["role"] in ("img", "image", "graphics-document", "figure") and len(ax["name"]) > 10, (
                f"{name}: {c['id']} {ax}"
            )
            assert len(ax["description"]) > 40, f"{name}: {c['id']} has no text description in the accessibility tree"
        assert c["caption"], f"{name}: {c['id']} has no caption"
        # the data table, where it helps: every chart of the book; an exercise's own small chart is described only
        assert c["dataTable"] or c["loadsUrl"] or c["plain"], f"{name}: {c['id']} has no data table"


def check_every_chart_fits_its_column(v: Visit):
    """At 1280 px no chart reaches past the text column (chart 3.1 and M.1 once did, their legends cut off), and none
    is drawn so wide that the page has to shrink it by more than 5% (its text would be too small to read)."""
    left, right = v.facts["column"]
    for c in v.facts["charts"]:
        if c["collapsed"]:
            continue
        assert left - 1 <= c["box"][0] and c["box"][1] <= right + 1, (
            f"{v.page}: {c['id']} {c['box']} outside {left, right}"
        )
        assert c["size"][0] >= 0.95 * c["drawnWidth"], (
            f"{v.page}: {c['id']} drawn {c['drawnWidth']} px, shown {c['size']}"
        )


def check_every_table_has_a_caption_and_every_image_alt_text(v: Visit):
    name = v.page
    missing = [t["id"] or t["cls"] for t in v.facts["tables"] if not t["caption"]]
    assert not missing, f"{name}: tables without a <caption>: {missing}"
    no_alt = [i["src"] for i in v.facts["images"] if i["alt"] is None and i["role"] not in ("presentation", "none")]
    assert not no_alt, f"{name}: images without alt text: {no_alt}"


def check_no_serious_accessibility_violation(v: Visit):
    name = v.page
    serious = [n for n in v.axe if n["impact"] in SERIOUS and not n["excepted"]]
    ours = [n for n in serious if n["in_content"]]
    theme = [n for n in serious if not n["in_content"]]
    assert not ours, f"{name}: serious/critical axe violations in the book's content: {ours}"
    assert not theme, (
        f"{name}: serious/critical axe violations in the theme, not recorded in tests/browser_exceptions.toml: {theme}"
    )


# what every page must pass, checked on each page known at collection (and on new ones below)
PAGE_CHECKS = (
    check_page_loads_without_errors_and_only_from_localhost,
    check_every_chart_is_drawn_and_has_a_text_alternative,
    check_every_chart_fits_its_column,
    check_every_table_has_a_caption_and_every_image_alt_text,
    check_no_serious_accessibility_violation,
)


@pytest.mark.parametrize("check", PAGE_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
@pytest.mark.parametrize("name", PAGES)
def test_every_page(visits, name, check):
    check(visits[name])


@pytest.mark.parametrize("name", [p for p in CHAPTERS if p.startswith("book/0")])
def test_chapter_screenshot_shows_its_charts(visits, name):
    v = visits[name]
    assert v.screenshot and v.screenshot.stat().st_size > 20_000, f"{name}: no screenshot"
    from PIL import Image

    with Image.open(v.screenshot) as img:
        assert img.width >= 1200 and img.height >= 900
        colours = len(img.convert("RGB").resize((200, max(1, 200 * img.height // img.width))).getcolors(1 << 24))
    # A page with drawn charts has many colours; one without charts is mostly text.
    assert colours > 50, f"{name}: the screenshot looks blank ({colours} colours)"


PHONE_PAGES = [
    "book/03-systematizing-phase.html",
    "book/05-maps.html",
    "ko/03-systematizing-phase.html",
    "ko/05-maps.html",
]


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_charts_shrink_to_a_phone_screen(browser, site_url, name):
    """On a 390 px phone the widest charts of both editions (chart 3.1, the maps, chart M.1) scale down to the
    column instead of running off the screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site_url + name, wait_until="load")
        page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        facts = page.evaluate(FACTS, [CONTENT, []])
    finally:
        context.close()
    left, right = facts["column"]
    assert right - left < 390
    shown = [c for c in facts["charts"] if not c["collapsed"]]
    assert len(shown) >= 1 and max(c["drawnWidth"] for c in shown) > right - left  # the test has something to shrink
    for c in shown:
        assert left - 1 <= c["box"][0] and c["box"][1] <= right + 1, (
            f"{name}: {c['id']} {c['box']} outside {left, right}"
        )


# --- contrast in the dark theme ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p for p in CHAPTERS if p.startswith("book/0")] + ["book/index.html"])
def test_colours_meet_contrast_in_the_dark_theme(browser, site_url, name):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(site_url + name, wait_until="load")
        page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        results = (
            Axe()
            .run(
                page,
                context={"include": [[CONTENT]]},
                options={"runOnly": ["color-contrast"], "resultTypes": ["violations"]},
            )
            .response
        )
    finally:
        context.close()
    bad = [(n["target"], n["any"][0]["message"] if n["any"] else "") for v in results["violations"] for n in v["nodes"]]
    assert not bad, f"{name} (dark theme): {bad}"


def test_every_page_of_the_fresh_build_was_checked(visits, site):
    """Pages of the fresh build not known when the tests were collected (a new chapter, an edition)."""
    built = built_pages(site)
    assert built <= set(visits), f"pages not visited: {sorted(built - set(visits))}"
    for name in sorted(built - set(PAGES)):
        for check in PAGE_CHECKS:
            check(visits[name])


# --- search --------------------------------------------------------------------------------------------------


def _words(html_text: str) -> set[str]:
    article = re.search(r"<article.*?</article>", html_text, re.S)
    text = re.sub(
        r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", article.group(0) if article else "", flags=re.S)
    )
    return {w.lower() for w in re.findall(r"[A-Za-z]{9,}", text)}


def test_search_finds_a_chapter_by_a_term_only_it_contains(browser, site, site_url):
    target = "book/03-systematizing-phase.html"
    words = {str(p.relative_to(site)): _words(p.read_text(encoding="utf-8")) for p in site.glob("book/*.html")}
    others = set().union(*(w for page, w in words.items() if page != target))
    unique = sorted(w for w in words[target] - others if not any(o.startswith(w[:7]) for o in others))
    assert unique, f"no word appears only in {target}"
    term = unique[0]
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{site_url}search.html?q={term}", wait_until="load")
        page.wait_for_function(
            "() => /found|Found|No results|did not match/.test("
            "(document.querySelector('#search-results > p, #search-results .search-summary')"
            " || {}).textContent || '')",
            timeout=20_000,
        )
        hits = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
    finally:
        context.close()
    assert hits, f"searching {term!r} found nothing"
    assert hits[0].split("?")[0].split("#")[0].endswith(target), f"searching {term!r} found {hits}"


# --- print and the static charts --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p for p in CHAPTERS if p.startswith("book/0")])
def test_chapter_prints_cleanly_and_shows_static_charts_without_scripts(browser, site_url, name):
    # With scripts: the print stylesheet keeps the chapter only, and every chart fits the printed width.
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    try:
        page.goto(site_url + name, wait_until="load")
        page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        page.emulate_media(media="print")
        layout = page.evaluate("""() => {
          const shown = s => Array.from(document.querySelectorAll(s)).filter(e => e.getClientRects().length > 0).length;
          const article = document.querySelector('article.bd-article').getBoundingClientRect();
          const wide = Array.from(document.querySelectorAll('.rp-vega svg, .rp-vega canvas'))
            .map(e => e.getBoundingClientRect()).filter(r => r.right > article.right + 2 || r.width === 0).length;
          return {chrome: shown('.bd-sidebar-primary, .bd-sidebar-secondary, .bd-header, .prev-next-area'),
                  code: shown('details.hide.above-input, .cell_input'), wide};
        }""")
    finally:
        context.close()
    assert layout == {"chrome": 0, "code": 0, "wide": 0}, f"{name} in print: {layout}"
    # Without scripts: every chart whose data are inline shows its static SVG.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + name, wait_until="load")
        figures = page.evaluate("""() => Array.from(document.querySelectorAll('figure.rp-figure')).map(f => {
          const spec = f.querySelector('script.rp-vega-spec');
          const svg = f.querySelector('.rp-static svg');
          const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
          return {id: f.id, chart: !!spec, loadsUrl: !!(spec && spec.textContent.includes('"url"')),
                  size: [r.width, r.height]};
        })""")
    finally:
        context.close()
    missing = [f["id"] for f in figures if f["chart"] and not f["loadsUrl"] and min(f["size"]) == 0]
    assert not missing, f"{name} without scripts: charts with no static SVG shown: {missing}"


# --- Hangul ----------------------------------------------------------------------------------------------------

KOREAN_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>한글 차트</title>
<link rel="stylesheet" href="_static/book.css"><script src="_static/vendor/vega-bundle.js"></script></head>
<body><main><article class="bd-article">{figure}</article></main><script src="_static/charts.js"></script></body></html>"""

GLYPHS = """(font) => {
  // Each Hangul syllable drawn alone in the chart's font: a real Korean font draws them all differently,
  // a missing one draws the same empty box (tofu) or nothing for every syllable.
  const out = [];
  for (const ch of ['가', '농', '소', '득', '도', '시']) {
    const c = document.createElement('canvas'); c.width = 40; c.height = 40;
    const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 40, 40);
    g.fillStyle = '#000'; g.font = '28px ' + font; g.fillText(ch, 4, 32);
    out.push(c.toDataURL());
  }
  return out;
}"""


def test_hangul_renders_in_a_korean_chart(browser, site, data, tmp_path, artifacts):
    from bookbuild.pdf import serve
    from regional_policy import charts
    from regional_policy.params import Chapter, Parameters

    figure = charts.income(Chapter(Parameters(lang="ko"), data, data))
    assert re.search(r"[가-힣]", figure.caption)
    (tmp_path / "_static" / "vendor").mkdir(parents=True)
    for name in ("book.css", "charts.js", "vendor/vega-bundle.js"):
        (tmp_path / "_static" / name).write_bytes((site / "_static" / name).read_bytes())
    (tmp_path / "korean.html").write_text(KOREAN_PAGE.format(figure=figure.html()), encoding="utf-8")
    with serve(tmp_path) as base:
        context = browser.new_context(viewport={"width": 900, "height": 700}, locale="ko-KR")
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        try:
            page.goto(base + "korean.html", wait_until="load")
            page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
            chart = page.locator(".rp-vega svg")
            shots = artifacts / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            chart.screenshot(path=str(shots / "korean-chart.png"))
            page.screenshot(path=str(shots / "korean-chart-page.png"), full_page=True)
            labels = page.eval_on_selector_all(".rp-vega svg text", "els => els.map(e => e.textContent)")
            font = page.eval_on_selector(".rp-vega svg text", "e => getComputedStyle(e).fontFamily")
            glyphs = page.evaluate(GLYPHS, font)
            # The fonts Chromium actually used for the chart's Hangul text and for the caption.
            cdp = context.new_cdp_session(page)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
            used = {}
            for selector in (".rp-vega svg text", "figcaption"):
                ids = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
                for node in ids:
                    for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                        used[f["familyName"]] = used.get(f["familyName"], 0) + f["glyphCount"]
        finally:
            context.close()
    assert all(is_local(u) for u in requests)
    hangul = [t for t in labels if re.search(r"[가-힣]", t)]
    assert hangul, f"the Korean chart has no Hangul label: {labels}"
    assert len(set(glyphs)) == len(glyphs), f"Hangul syllables draw identically in {font!r}: tofu (no Korean font)"
    korean_fonts = {f: n for f, n in used.items() if re.search(r"Nanum|Noto Sans (CJK )?KR|Malgun|Gothic|Batang", f)}
    assert korean_fonts, f"no Korean font drew the chart's text; fonts used: {used}"
