"""Every exercise solution runs against the data package and gives its recorded answer."""

from __future__ import annotations

import json

import pytest

import regional_policy
from bookbuild import pipeline
from regional_policy.params import Chapter, Parameters


def _solutions():
    for nb in pipeline.chapters():
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if "exercise" in cell["metadata"]:
                yield pytest.param(nb.name, cell, id=cell["metadata"]["exercise"]["id"])


SOLUTIONS = list(_solutions())


def test_three_to_five_exercises_per_chapter():
    per_chapter = {}
    for p in SOLUTIONS:
        per_chapter[p.values[0]] = per_chapter.get(p.values[0], 0) + 1
    assert set(per_chapter) == {
        "01-introduction.ipynb",
        "02-introducing-phase.ipynb",
        "03-systematizing-phase.ipynb",
        "04-expansionary-phase.ipynb",
        "06-summary.ipynb",
    }
    assert all(3 <= n <= 5 for n in per_chapter.values()), per_chapter


def _close(got, want, tol):
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(_close(g, w, tol) for g, w in zip(got, want))
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return abs(float(got) - float(want)) <= (tol or 0) + 1e-9
    return got == want


@pytest.mark.parametrize("notebook, cell", SOLUTIONS)
def test_solution_gives_its_answer(notebook, cell):
    data = regional_policy.load()
    namespace = {"ch": Chapter(Parameters(), data, data)}
    exec(compile("".join(cell["source"]), f"{notebook}:{cell['metadata']['exercise']['id']}", "exec"), namespace)
    meta = cell["metadata"]["exercise"]
    assert _close(namespace["answer"], meta["answer"], meta["tolerance"]), (namespace["answer"], meta["answer"])


@pytest.mark.parametrize("notebook, cell", SOLUTIONS)
def test_solution_sits_between_solution_markers(notebook, cell):
    cells = json.loads((pipeline.NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    i = [c.get("id") for c in cells].index(cell.get("id"))
    ex_id = cell["metadata"]["exercise"]["id"]
    assert "".join(cells[i - 1]["source"]).startswith("```{solution-start} " + ex_id)
    assert any("".join(c["source"]).startswith("```{solution-end}") for c in cells[i + 1 : i + 4])
