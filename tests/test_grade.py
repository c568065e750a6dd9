"""The grader: blank copies score 0, solutions score full marks, hostile submissions are contained."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest

from bookbuild import exercises, grade

pytestmark = pytest.mark.build  # executes notebooks

CH3 = exercises.NOTEBOOKS / "03-systematizing-phase.ipynb"
FULL = exercises.read(CH3)
SOLUTION = {c["metadata"]["exercise"]["id"]: exercises.source(c) for c in FULL["cells"] if "exercise" in c["metadata"]}


def _answered(lang: str, answers: dict[str, str]) -> dict:
    """A student copy of chapter 3 whose answer cells hold ``answers`` (code), the others left blank."""
    nb = copy.deepcopy(exercises.student_copy(FULL, lang, CH3.stem))
    for cell in nb["cells"]:
        ex = cell["metadata"].get("exercise_answer")
        if ex in answers:
            cell["source"] = answers[ex]
    return nb


def _homework_solved() -> dict:
    full = exercises.read(exercises.HOMEWORK)
    solution = {
        c["metadata"]["exercise"]["id"]: exercises.source(c) for c in full["cells"] if "exercise" in c["metadata"]
    }
    nb = exercises.student_copy(full, "ko", "homework")
    for cell in nb["cells"]:
        if cell["metadata"].get("exercise_answer"):
            cell["source"] = solution[cell["metadata"]["exercise_answer"]]
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    instructor = tmp_path_factory.mktemp("instructor")
    sentinel = instructor / "keys.json"
    sentinel.write_text('{"ex-3-1": {"answer": 10.0}}')
    right = {
        "ex-3-1": "answer = 10.0",
        "ex-3-3": f"answer = {tuple(exercises.all_keys()['ex-3-3'].answer)}",  # the key as it stands (a count of the ledger)
        "ex-3-4": "import numpy as np\nanswer = np.array([35.2, 17.6])",
    }
    hostile = {
        "loop": "while True:\n    pass",
        "crash": "import os\nos._exit(1)",
        "raise": "raise RuntimeError('broken on purpose')",
        "delete": (
            "import os, shutil\n"
            "shutil.rmtree('data')\n"  # its own copy: allowed, and only this run suffers
            f"for p in [{str(sentinel)!r}, {str(folder)!r} + '/a-blank.ipynb']:\n"
            "    try:\n        os.remove(p)\n    except OSError as e:\n        print(e)\n"
            f"shutil.rmtree({str(instructor)!r}, ignore_errors=True)\n"
            "answer = [0.54, 5.9]"
        ),
        "readkey": (
            "import json\n"
            f"keys = json.load(open({str(sentinel)!r}))\n"
            "answer = keys['ex-3-2']['answer']"
        ),
        "readsource": (
            f"text = open({str(CH3)!r}).read()\n"
            "answer = [0.54, 5.9]"
        ),
    }  # fmt: skip
    notebooks = {
        "a-blank.ipynb": exercises.student_copy(FULL, "en", CH3.stem),
        "b-solved.ipynb": _answered("ko", SOLUTION),
        "c-homework.ipynb": _homework_solved(),
        "d-notjson.ipynb": None,
        **{f"h-{name}.ipynb": _answered("en", {**right, "ex-3-2": code}) for name, code in hostile.items()},
    }
    for name, nb in notebooks.items():
        (folder / name).write_text("{ not json" if nb is None else json.dumps(nb), encoding="utf-8")
    # a cell limit of 20 s (the command's default is 300): the looping submission spins that long on a core, and
    # chapter 3's slowest cell takes well under a second
    out = grade.grade(folder, jobs=2, timeout=20, memory=2000, progress=False)
    with open(out, encoding="utf-8", newline="") as fh:
        rows = {row["file"]: row for row in csv.DictReader(fh)}
    return folder, rows, sentinel


def test_grades_csv_has_a_row_per_file_a_column_per_exercise_and_a_total(graded):
    folder, rows, _ = graded
    assert set(rows) == {p.name for p in folder.glob("*.ipynb")}
    header = list(next(iter(rows.values())))
    assert header == ["file", "3.1", "3.2", "3.3", "3.4", "H.1", "H.2", "H.3", "H.4", "total", "max", "run"]
    assert all((folder / "feedback" / f"{Path(name).stem}.txt").is_file() for name in rows)


def test_blank_copy_scores_zero_and_solutions_score_full_marks(graded):
    _, rows, _ = graded
    assert rows["a-blank.ipynb"]["total"] == "0" and rows["a-blank.ipynb"]["run"] == "ran"
    assert [rows["b-solved.ipynb"][c] for c in ("3.1", "3.2", "3.3", "3.4", "total")] == ["1", "1", "1", "1", "4"]
    assert [rows["c-homework.ipynb"][c] for c in ("H.1", "H.2", "H.3", "H.4", "total")] == ["1", "1", "1", "1", "4"]
    assert rows["d-notjson.ipynb"]["total"] == "0" and rows["d-notjson.ipynb"]["run"].startswith("not a notebook")


def test_a_submission_that_loops_or_crashes_keeps_what_it_finished(graded):
    _, rows, _ = graded
    for name, run in (("h-loop.ipynb", "time limit"), ("h-crash.ipynb", "kernel died")):
        row = rows[name]
        assert (row["3.1"], row["3.2"], row["3.3"], row["3.4"], row["run"]) == ("1", "0", "0", "0", run), row


def test_a_submission_that_raises_loses_only_that_exercise(graded):
    folder, rows, _ = graded
    row = rows["h-raise.ipynb"]
    assert (row["3.1"], row["3.2"], row["3.3"], row["3.4"], row["total"]) == ("1", "0", "1", "1", "3")
    assert "RuntimeError: broken on purpose" in (folder / "feedback" / "h-raise.txt").read_text()


def test_deleting_files_harms_no_other_submission_and_no_instructor_file(graded):
    folder, rows, sentinel = graded
    assert sentinel.is_file() and (folder / "a-blank.ipynb").is_file()
    assert rows["h-delete.ipynb"]["3.2"] == "0"  # stopped by the sandbox before its answer
    assert rows["b-solved.ipynb"]["total"] == "4"


def test_reading_the_key_or_the_sources_fails_and_scores_nothing(graded):
    folder, rows, _ = graded
    for name in ("h-readkey", "h-readsource"):
        assert rows[f"{name}.ipynb"]["3.2"] == "0", name
        assert "PermissionError: grading sandbox" in (folder / "feedback" / f"{name}.txt").read_text()


def test_scores_read_tuples_numpy_and_partial_lists():
    key = exercises.all_keys()["ex-3-4"]
    assert grade.score(key, {"value": [35.2, 17.6]}) == 1
    assert grade.score(key, {"value": [35.2, 99.0]}) == 0.5
    assert grade.score(key, {"blank": True}) == 0 and grade.score(key, None) == 0
    assert grade.score(exercises.all_keys()["ex-2-2"], {"value": " busan"}) == 1
