"""The strings our own scripts show come from the label table, in the edition's language (issue 15, item 1):
charts.js's failure message and the Korean name of sphinx-togglebutton's buttons (interface.js).

These tests read the scripts and the inline script the extension writes; test_script_labels_browser.py runs them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bookbuild.sphinx_ext import script_labels
from regional_policy import labels

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "_static"


def _table(script: str) -> dict[str, str]:
    m = re.fullmatch(r"var rpLabels = (\{.*\});", script)
    assert m, script
    return json.loads(m.group(1))


def test_the_inline_script_carries_the_script_labels_of_each_edition():
    ko, en = _table(script_labels("ko")), _table(script_labels("en"))
    assert ko == {
        "script_chart_failed": "이 차트를 그리지 못했다: {error}",
        "script_toggle_content": "숨긴 내용 펼치기·접기",
    }
    assert en["script_toggle_content"] == "Toggle hidden content" and set(en) == set(ko)
    assert ko["script_chart_failed"] == labels.t("script_chart_failed", "ko")


def test_our_scripts_write_no_english_literal():
    charts = (STATIC / "charts.js").read_text(encoding="utf-8")
    interface = (STATIC / "interface.js").read_text(encoding="utf-8")
    code = "\n".join(re.sub(r"//.*", "", s) for s in (charts, interface))  # comments aside
    assert "could not be drawn" not in code and "Toggle hidden content" not in code
    assert "script_chart_failed" in charts and "script_toggle_content" in interface
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert re.search(r'html_js_files: \[.*"interface\.js".*\]', config)
