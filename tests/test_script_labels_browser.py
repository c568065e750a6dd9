"""The strings our own scripts show, run in a browser (issue 15, item 1): the scripts (with the installed
sphinx-togglebutton's own togglebutton.js) on a small page, without building the site; test_script_labels.py reads
them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookbuild.sphinx_ext import script_labels
from regional_policy import labels

STATIC = Path(__file__).resolve().parent.parent / "_static"

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title>
<script>{labels}</script>
<script>let toggleHintShow = 'show'; let toggleHintHide = 'hide'; let toggleOpenOnPrint = 'true';</script>
<script src="togglebutton.js"></script>
<script>var togglebuttonSelector = '.toggle, .admonition.dropdown';</script>
<script src="interface.js"></script>
<script>window.vega = {{parse: function () {{ throw new Error("boom"); }}}};</script>
<script src="charts.js"></script></head>
<body><div class="admonition dropdown"><p class="admonition-title">Solution</p><p>hidden</p></div>
<div id="c1-view" role="img" aria-label="a chart"></div>
<script type="application/json" class="rp-vega-spec" data-target="c1-view">{{}}</script></body></html>"""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_scripts_speak_the_editions_language_in_a_browser(browser, tmp_path, lang):
    import sphinx_togglebutton

    from bookbuild.pdf import serve

    toggle = Path(sphinx_togglebutton.__file__).parent / "_static" / "togglebutton.js"
    (tmp_path / "togglebutton.js").write_bytes(toggle.read_bytes())
    for name in ("interface.js", "charts.js"):
        (tmp_path / name).write_bytes((STATIC / name).read_bytes())
    (tmp_path / "page.html").write_text(PAGE.format(lang=lang, labels=script_labels(lang)), encoding="utf-8")
    with serve(tmp_path) as base:
        page = browser.new_page()
        try:
            page.goto(base + "page.html", wait_until="load")
            page.wait_for_function("() => document.getElementById('c1-view').textContent.length > 0")
            button = page.get_attribute("button.toggle-button", "aria-label")
            failed = page.text_content("#c1-view")
        finally:
            page.close()
    assert button == labels.t("script_toggle_content", lang)
    assert failed == labels.t("script_chart_failed", lang).format(error="Error: boom")
