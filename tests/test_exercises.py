"""Every exercise solution runs against the data package and gives its recorded answer; the self-checks accept
the key at the question's precision and nothing else; exercises are numbered per chapter."""

from __future__ import annotations

import re

import numpy as np
import pytest

import regional_policy
from bookbuild import exercises
from regional_policy import selfcheck
from regional_policy.params import Chapter, Parameters


def _solutions():
    for path in exercises.sources():
        for cell in exercises.read(path)["cells"]:
            if "exercise" in cell["metadata"]:
                yield pytest.param(path, cell, id=cell["metadata"]["exercise"]["id"])


SOLUTIONS = list(_solutions())
KEYS = exercises.all_keys()


def test_three_to_five_exercises_per_chapter():
    per_chapter = {}
    for p in SOLUTIONS:
        per_chapter[p.values[0].name] = per_chapter.get(p.values[0].name, 0) + 1
    assert set(per_chapter) == {
        "01-introduction.ipynb",
        "02-introducing-phase.ipynb",
        "03-systematizing-phase.ipynb",
        "04-expansionary-phase.ipynb",
        "06-summary.ipynb",
        "homework.ipynb",
    }
    assert all(3 <= n <= 5 for n in per_chapter.values()), per_chapter


def _close(got, want, tol):
    got = selfcheck.plain(got)
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(_close(g, w, tol) for g, w in zip(got, want))
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return abs(float(got) - float(want)) <= (tol or 0) + 1e-9
    return got == want


@pytest.mark.parametrize("path, cell", SOLUTIONS)
def test_solution_gives_its_answer(path, cell):
    data = regional_policy.load()
    namespace = {"ch": Chapter(Parameters(), data, data)}
    exec(compile(exercises.source(cell), f"{path.name}:{cell['metadata']['exercise']['id']}", "exec"), namespace)
    meta = cell["metadata"]["exercise"]
    assert _close(namespace["answer"], meta["answer"], meta["tolerance"]), (namespace["answer"], meta["answer"])


@pytest.mark.parametrize("path, cell", SOLUTIONS)
def test_solution_sits_between_solution_markers(path, cell):
    cells = exercises.read(path)["cells"]
    i = [c.get("id") for c in cells].index(cell.get("id"))
    ex_id = cell["metadata"]["exercise"]["id"]
    assert exercises.source(cells[i - 1]).startswith("```{solution-start} " + ex_id)
    assert any(exercises.source(c).startswith("```{solution-end}") for c in cells[i + 1 : i + 4])


@pytest.mark.parametrize("key", list(KEYS.values()), ids=list(KEYS))
def test_selfcheck_accepts_the_key_in_any_form_and_rejects_a_near_miss(key):
    expected = selfcheck.digest(key.id, key.answer, key.decimals)
    assert selfcheck.verdict(key.id, key.answer, expected, key.decimals) == "right"
    assert selfcheck.verdict(key.id, ..., expected, key.decimals) is None
    if isinstance(key.answer, list):
        variants = [tuple(key.answer), np.array(key.answer)]
        near = [*key.answer[:-1], key.answer[-1] + 1]
    elif isinstance(key.answer, str):
        variants, near = [f"  {key.answer.upper()} "], key.answer + "s"
    else:
        variants = [np.float64(key.answer), key.answer + 0.4 * 10 ** -(key.decimals or 0)]  # within rounding
        near = key.answer + 10 ** -(key.decimals or 0)  # one step at the key's precision
    for v in variants:
        assert selfcheck.verdict(key.id, v, expected, key.decimals) == "right", v
    assert selfcheck.verdict(key.id, near, expected, key.decimals) == "wrong", near


def test_selfcheck_message_names_the_exercise_and_the_precision(capsys):
    expected = selfcheck.digest("ex-3-2", [0.54, 5.9], 2)
    selfcheck.check("ex-3-2", (0.541, 5.9), expected, decimals=2)
    selfcheck.check("ex-3-2", [0.54, 5.8], expected, decimals=2, lang="ko")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Exercise 3.2: right. (Compared after rounding to 2 decimal places.)"
    assert out[1].startswith("연습문제 3.2: 아직 틀렸다.") and "소수 2자리" in out[1]


def test_exercises_are_numbered_per_chapter_in_both_languages():
    for path in exercises.sources():
        for cell in exercises.read(path)["cells"]:
            ex = exercises.question_id(cell)
            if ex:
                number = KEYS[ex].number
                first = exercises.source(cell).splitlines()[0]
                assert first.startswith(f"```{{exercise}} {number} "), first
                assert ":nonumber:" in exercises.source(cell), ex


def test_exercise_3_1_asks_for_the_ratio_its_key_holds():
    key = KEYS["ex-3-1"]
    assert key.answer == 10.0
    nb = exercises.read(exercises.NOTEBOOKS / "03-systematizing-phase.ipynb")
    questions = [exercises.source(c) for c in nb["cells"] if exercises.question_id(c) == "ex-3-1"]
    assert len(questions) == 2
    assert "that ratio is the answer to check" in questions[0] and "이 비율이 확인할 답이다" in questions[1]
    assert not re.search(r"What unit must", questions[0])
