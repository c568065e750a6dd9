"""Lighter pages (bookbuild.pageassets): Vega fetched by charts.js, only where a chart is; only the icons used; a
description."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sphinx.builders.html._assets import _JavaScript

from bookbuild import pageassets

SCRIPTS = ["_static/doctools.js", "_static/vendor/vega-bundle.js", "_static/charts.js", "_static/ledger.js"]


def _context(body: str) -> dict:
    return {
        "script_files": [_JavaScript(s) for s in SCRIPTS] + [_JavaScript(None, body="var x = 1;")],  # + inline
        "body": body,
        "title": "3. The <em>systematizing</em> phase",
        "pathto": _pathto,
    }


def _pathto(name: str, resource: int) -> str:
    assert resource == 1
    return "../" + name


def _app(lang: str):
    return SimpleNamespace(config=SimpleNamespace(rp_lang=lang))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_page_with_a_chart_has_charts_js_deferred_naming_vega_and_a_description(lang):
    import hashlib

    from bookbuild import assets

    context = _context('<div class="rp-vega" id="x-view"></div>')
    pageassets._page_assets(_app(lang), "book/03", "page.html", context, None)
    scripts = {s.filename: s.attributes for s in context["script_files"]}
    assert list(scripts) == ["_static/doctools.js", "_static/charts.js", "_static/ledger.js", None]  # no Vega
    assert scripts["_static/charts.js"].get("defer") == "defer" and scripts["_static/ledger.js"].get("defer") == "defer"
    digest = hashlib.sha256(assets.BUNDLE.read_bytes()).hexdigest()[:8]
    assert scripts["_static/charts.js"]["data-vega"] == f"../_static/vendor/vega-bundle.js?v={digest}"
    assert "defer" not in scripts["_static/doctools.js"]
    description = re.search(r'<meta name="description" content="([^"]+)" />', context["metatags"]).group(1)
    assert description.startswith("3. The systematizing phase - ")
    assert ("recomputed" in description) if lang == "en" else ("다시 계산" in description)
    assert "<style>.fa-solid::before" in context["metatags"]  # no icon web font: the icon script draws them


def test_a_page_without_a_chart_loads_no_vega():
    context = _context("<p>Glossary</p>")
    pageassets._page_assets(_app("en"), "glossary", "page.html", context, None)
    assert [s.filename for s in context["script_files"]] == ["_static/doctools.js", "_static/ledger.js", None]


def test_the_icon_script_has_the_icons_asked_for_and_no_other():
    script = pageassets.icons_script({"magnifying-glass", "bars", "sun", "no-such-icon"})
    table = re.search(r"var I = (\{.*\});", script).group(1)
    assert sorted(re.findall(r'"([a-z-]+)":\[', table)) == ["bars", "magnifying-glass", "sun"]
    assert '"sun":[512,512,"M' in table  # solid style: width, height, SVG path
    assert len(script) < 10_000  # the theme's fontawesome.js has every icon: 1.5 MB
