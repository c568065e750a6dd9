"""Downloads: student copies without solutions, runnable archives, links on every chapter page."""

from __future__ import annotations

import io
import json
import re
import zipfile

from bookbuild import downloads, pipeline


def test_student_copy_removes_every_solution():
    for source in pipeline.chapters():
        full = json.loads(source.read_text(encoding="utf-8"))
        student = downloads.student_copy(full)
        solutions = [c for c in full["cells"] if "exercise-solution" in c["metadata"].get("tags", [])]
        text = json.dumps(student)
        assert "exercise-solution" not in text and "solution-start" not in text and "solution-end" not in text
        for cell in solutions:
            assert "".join(cell["source"]) not in text
        exercises = [c for c in full["cells"] if "".join(c["source"]).startswith("```{exercise}")]
        assert all(c in student["cells"] for c in exercises), source.name  # the questions stay
        assert len(student["cells"]) == len(full["cells"]) - 5 * len(solutions), source.name


def test_archive_holds_what_a_class_needs_and_is_deterministic():
    source = pipeline.NOTEBOOKS / "02-introducing-phase.ipynb"
    full = json.loads(source.read_text(encoding="utf-8"))
    a = downloads.archive("02-introducing-phase", full, downloads.student_copy(full))
    b = downloads.archive("02-introducing-phase", full, downloads.student_copy(full))
    assert a == b
    names = set(zipfile.ZipFile(io.BytesIO(a)).namelist())
    for required in (
        "notebooks/02-introducing-phase.ipynb",
        "notebooks/student/02-introducing-phase.ipynb",
        "requirements.txt",
        "pyproject.toml",
        "README.txt",
        "data/datapackage.json",
        "data/table3-ripp-first-stage.csv",
        "regional_policy/datapackage.py",
        "regional_policy/labels.csv",
    ):
        assert f"02-introducing-phase/{required}" in names, required


def test_every_chapter_page_links_to_its_downloads(site):
    for page in [*sorted((site / "book").glob("0*.html")), *sorted((site / "ko").glob("0*.html"))]:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]*downloads/[^"]+)" download>', html)
        assert len(links) == 3, page
        for link in links:
            assert (page.parent / link).resolve().is_file(), (page, link)
