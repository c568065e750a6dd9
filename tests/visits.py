"""One visit of every page of the built site in Chromium, shared by the browser tests of a session.

Opening a page and waiting for its charts costs more than any check made on it, so each page is opened once, in a
fresh context (a first-time reader, with the locale of its edition), and everything the page checks need is
collected then: the status, console errors and requests, the charts, tables and images (``FACTS``), the charts in
the accessibility tree, axe-core's violations, a full-page screenshot, and, with every ``<details>`` opened, the
boxes of the text each drawn chart holds and the page's visible text (``tests/test_korean_site.py``).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bookbuild.pdf import CHARTS_DRAWN, toc_pages

HERE = Path(__file__).parent
EXCEPTIONS = tomllib.loads((HERE / "browser_exceptions.toml").read_text(encoding="utf-8"))
SERIOUS = ("serious", "critical")
CONTENT = "article.bd-article"
CHAPTERS = [page + ".html" for page in toc_pages()]

OUTSIDE = "pre, code, kbd, samp, .highlight, .cell_input, .math, mjx-container, .MathJax, script, style, noscript"

VISIBLE_TEXT = """(outside) => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll(outside + ", [lang]:not([lang|='ko'])").forEach(e => e.remove());
  const texts = Array.from(document.querySelectorAll('svg text')).map(t => t.textContent);
  return document.body.innerText + '\\n' + texts.join('\\n');
}"""

TEXT_BOXES = """(selector) => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  return Array.from(document.querySelectorAll(selector)).map(div => {
    const svg = div.querySelector('svg');
    if (!svg) return {id: div.id, svg: null, texts: []};
    const box = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
              width: r.width};
    });
    return {id: div.id || div.closest('figure').id, svg: {left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                              width: box.width}, texts};
  });
}"""


def built_pages(built: Path) -> set[str]:
    """Every HTML page of a built site (paths relative to it), but the redirect at its root and theme templates."""
    if not built.exists():
        return set()
    pages = {
        str(p.relative_to(built))
        for p in built.rglob("*.html")
        if not {"_sources", "_static"} & set(p.relative_to(built).parts)
    }
    pages.discard("index.html")  # <meta http-equiv="Refresh"> to book/index.html, checked in test_links.py
    return pages


def site_pages() -> list[str]:
    """The pages known when the tests are collected: the book's (from _toc.yml), search, the index, and any
    other page of the last build (e.g. the Korean edition). Pages that only the fresh build has are checked by
    test_every_page_of_the_fresh_build_was_checked."""
    from regional_policy.paths import BUILD

    return sorted(set(CHAPTERS) | {"genindex.html", "search.html"} | built_pages(BUILD / "html"))


def applies(entry: dict, page: str) -> bool:
    """Whether an entry of ``tests/browser_exceptions.toml`` holds for a page (one without ``pages``: every page)."""
    return "pages" not in entry or page in entry["pages"]


FACTS = """(args) => {
  const [content, tableSkips] = args;
  const article = document.querySelector(content);
  const size = el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  const skipped = el => tableSkips.some(s => el.closest(s));
  const charts = Array.from(document.querySelectorAll('div.rp-vega')).map(d => {
    const g = d.querySelector('svg, canvas');
    const fig = d.closest('figure');
    const ids = (d.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const desc = ids.map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent.trim()).join(' ');
    const spec = fig && fig.querySelector('script.rp-vega-spec');
    return {id: d.id, rendered: d.dataset.rendered || '', graphic: g ? g.tagName.toLowerCase() : null,
            size: g ? size(g) : [0, 0], role: d.getAttribute('role'),
            box: g ? [g.getBoundingClientRect().left, g.getBoundingClientRect().right] : [0, 0],
            drawnWidth: g ? +(g.getAttribute('width') || 0) : 0,
            label: (d.getAttribute('aria-label') || '').trim(), desc,
            caption: fig && fig.querySelector('figcaption') ? fig.querySelector('figcaption').textContent.trim() : '',
            dataTable: !!(fig && fig.querySelector('details.rp-data table')),
            plain: d.classList.contains('rp-vega-plain'),
            collapsed: !!d.closest('.toggle-hidden, details:not([open]), [hidden]'),
            loadsUrl: !!(spec && spec.textContent.includes('"url"')),
            staticSvg: !!(fig && fig.querySelector('noscript') &&
                          fig.querySelector('noscript').textContent.includes('<svg'))};
  });
  const tables = Array.from(document.querySelectorAll('table')).filter(t => !skipped(t)).map(t => ({
    id: t.id, cls: t.className, inContent: !!(article && article.contains(t)),
    caption: t.caption ? t.caption.textContent.trim() : '',
    labelled: !!(t.getAttribute('aria-label') || t.getAttribute('aria-labelledby'))}));
  const images = Array.from(document.querySelectorAll('img')).map(i => ({
    src: i.getAttribute('src'), alt: i.getAttribute('alt'), role: i.getAttribute('role')}));
  const column = article ? (() => { const r = article.getBoundingClientRect(), cs = getComputedStyle(article);
    return [r.left + parseFloat(cs.paddingLeft), r.right - parseFloat(cs.paddingRight)]; })() : [0, 0];
  return {charts, tables, images, column, hasContent: !!article};
}"""

LOCATE = """(args) => {
  const [targets, content, selectors] = args;
  return targets.map(t => {
    const el = document.querySelector(t);
    if (!el) return {found: false, inContent: false, excepted: []};
    return {found: true, inContent: !!el.closest(content),
            excepted: selectors.map(s => !!el.closest(s))};
  });
}"""


@dataclass
class Visit:
    page: str
    status: int = 0
    url: str = ""
    console: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    axe: list[dict] = field(default_factory=list)  # one entry per violating node
    ax: dict = field(default_factory=dict)  # chart id -> role, name, description in the accessibility tree
    screenshot: Path | None = None
    draw_error: str = ""
    chart_texts: list[dict] = field(default_factory=list)  # each drawn chart's box and its texts' boxes (TEXT_BOXES)
    text: str = ""  # a Korean page's visible text, every <details> open (VISIBLE_TEXT)


def _axe_nodes(page, name: str, results: dict) -> list[dict]:
    entries = [e for e in EXCEPTIONS.get("axe", []) if applies(e, name)]
    nodes = []
    for v in results["violations"]:
        targets = [n["target"][-1] if isinstance(n["target"][-1], str) else n["target"][-1][-1] for n in v["nodes"]]
        rules = [e for e in entries if e["rule"] == v["id"]]
        where = page.evaluate(LOCATE, [targets, CONTENT, [e["selector"] for e in rules]])
        for node, target, loc in zip(v["nodes"], targets, where):
            excepted = [r for r, hit in zip(rules, loc["excepted"]) if hit]
            nodes.append(
                {
                    "rule": v["id"],
                    "impact": node.get("impact") or v["impact"],
                    "target": target,
                    "html": node["html"][:200],
                    "in_content": loc["inContent"],
                    "excepted": bool(excepted),
                    "help": v["help"],
                }
            )
    return nodes


def _ax_node(context, page, selector: str) -> dict:
    """Role, name and description of one element in Chromium's accessibility tree (what a screen reader gets)."""
    cdp = context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
    value = lambda key: (ax.get(key) or {}).get("value", "") or ""  # noqa: E731
    return {
        "role": value("role"),
        "name": value("name").strip(),
        "description": value("description").strip(),
        "ignored": ax.get("ignored", False),
    }


def visit(browser, base: str, name: str, shots: Path, axe) -> Visit:
    """Open one page in a fresh context (a first-time reader of its edition) and collect what the tests check."""
    result = Visit(name)
    locale = "ko-KR" if name.startswith("ko/") else "en-GB"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    page = context.new_page()
    page.on("request", lambda r: result.requests.append(r.url))
    # Console errors are recorded until axe runs: axe re-fetches the theme's @import'ed stylesheet with a
    # wrong base URL (a 404 for /basic.css) while it builds its CSSOM, which is not the page's doing.
    recording = [True]
    page.on(
        "console",
        lambda m: (
            result.console.append({"type": m.type, "text": m.text, "url": m.location.get("url", "")})
            if m.type == "error" and recording[0]
            else None
        ),
    )
    page.on("pageerror", lambda e: result.console.append({"type": "pageerror", "text": str(e), "url": ""}))
    try:
        response = page.goto(base + name, wait_until="load")
        result.status = response.status if response else 0
        try:
            page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        except Exception as exc:  # reported by the chart test, with the page's state
            result.draw_error = str(exc).splitlines()[0]
        page.wait_for_load_state("networkidle")
        skips = [e["selector"] for e in EXCEPTIONS.get("table", []) if applies(e, name)]
        result.facts = page.evaluate(FACTS, [CONTENT, skips])
        result.ax = {c["id"]: _ax_node(context, page, "#" + c["id"]) for c in result.facts["charts"]}
        recording[0] = False
        result.axe = _axe_nodes(page, name, axe.run(page).response)
        result.screenshot = shots / (name.replace("/", "_").removesuffix(".html") + ".png")
        page.screenshot(path=str(result.screenshot), full_page=True)
        result.url = page.url
        # last, for they change the page: every <details> opened, then what is not Korean text taken out
        result.chart_texts = page.evaluate(TEXT_BOXES, "div.rp-vega")
        if locale == "ko-KR":
            result.text = page.evaluate(VISIBLE_TEXT, OUTSIDE)
    finally:
        context.close()
    return result


def visit_all(browser, site_url: str, artifacts: Path) -> dict[str, Visit]:
    """Every page known (:func:`site_pages`) and every page of the last build, visited once; axe's report in
    ``test-artifacts/axe-report.json``."""
    from axe_playwright_python.sync_playwright import Axe

    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()
    axe = Axe()
    from regional_policy.paths import BUILD

    names = sorted(set(site_pages()) | built_pages(BUILD / "html"))
    done = {name: visit(browser, site_url, name, shots, axe) for name in names}
    report = {name: [n for n in v.axe] for name, v in done.items()}
    (artifacts / "axe-report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return done
