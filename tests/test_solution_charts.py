"""The charts that exercise solutions draw (regional_policy.solution_charts), as the solution cells draw them:
every axis is titled and every category named from labels.csv in the edition's language, never a data code."""

from __future__ import annotations

import re

import IPython.display
import pytest

import regional_policy
from bookbuild import exercises
from regional_policy import labels, solution_charts
from regional_policy.display import Embed
from regional_policy.params import Chapter, Parameters

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _charted():
    for path in exercises.sources():
        for cell in exercises.read(path)["cells"]:
            ex = cell["metadata"].get("exercise", {}).get("id")
            if ex in solution_charts.SPECS:
                yield pytest.param(ex, cell, id=ex)


CHARTED = list(_charted())


def test_every_solution_chart_is_drawn_by_the_helper():
    """The solution cells with a chart are exactly the helper's exercises, and none draws a bare Altair chart."""
    assert sorted(ex for ex, _ in (p.values for p in CHARTED)) == sorted(solution_charts.SPECS)
    for path in exercises.sources():
        for cell in exercises.read(path)["cells"]:
            if "exercise" in cell["metadata"]:
                text = exercises.source(cell)
                assert "alt.Chart" not in text and "embed(" not in text, cell["metadata"]["exercise"]["id"]


def _drawn(cell, lang, monkeypatch) -> list:
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    data = regional_policy.load()
    namespace = {"ch": Chapter(Parameters(lang=lang), data, data)}
    exec(compile(exercises.source(cell), cell["metadata"]["exercise"]["id"], "exec"), namespace)
    return shown


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("exercise, cell", CHARTED)
def test_solution_chart_axes_show_labels_not_codes(exercise, cell, lang, monkeypatch):
    shown = _drawn(cell, lang, monkeypatch)
    assert len(shown) == 1 and isinstance(shown[0], Embed), shown
    spec = shown[0].chart.to_dict()
    x_field, y_field, kind, _ = solution_charts.SPECS[exercise]
    enc = spec["encoding"]
    assert enc["x"]["title"] == labels.t(f"sol:{exercise}:x", lang)
    assert enc["y"]["title"] == labels.t(f"sol:{exercise}:y", lang)
    assert enc["x"]["field"] == "label" and enc["y"]["field"] == y_field
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) >= 2
    for row in rows:
        code = row[x_field]
        if kind == "year":
            assert row["label"] == str(int(code)), row
        else:
            # the name labels.csv gives the value (an English status is its own word: "reproduced")
            assert row["label"] == labels.value(kind, code, lang), row
            if lang == "ko":
                assert HANGUL.search(row["label"]) and row["label"] != code, row
            else:
                assert "_" not in row["label"] and (row["label"] != code or kind == "status"), row
    if enc["x"].get("sort"):
        assert set(enc["x"]["sort"]) == {r["label"] for r in rows}
    for tip in enc["tooltip"]:
        assert tip["field"] != x_field and tip["title"], tip
    # the text alternative names the same categories, in the order of the bars
    positions = [shown[0].description.index(f"{row['label']} ") for row in rows]
    assert positions == sorted(positions) or not enc["x"].get("sort"), shown[0].description
    if enc["x"].get("sort"):
        assert [r["label"] for r in rows] == enc["x"]["sort"]
    if lang == "ko":
        assert HANGUL.search(shown[0].description)
