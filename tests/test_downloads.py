"""Downloads: student copies that hold no answer, the course bundle, the lean runtime requirements, the instructor
package outside the site, links on every chapter page."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from bookbuild import downloads, exercises
from regional_policy.paths import PAGES

KEYS = exercises.all_keys()
# explanations that must not come before the exercise that asks for them (text, exercise)
SPOILERS = {"ex-3-1": ("100 million", "ten times", "억 원", "10배"), "ex-3-2": ("440",)}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    root = tmp_path_factory.mktemp("downloads")
    downloads.write(root / "html", root / "instructor")
    return root


def _student_files(written: Path) -> dict[str, str]:
    """Every file a student can get: student notebooks, every zip entry, the public teaching pages."""
    out = {}
    for f in sorted((written / "html" / "downloads" / "student").rglob("*.ipynb")):
        out[str(f)] = f.read_text(encoding="utf-8")
    for z in sorted((written / "html" / "downloads").glob("*.zip")):
        with zipfile.ZipFile(z) as archive:
            for name in archive.namelist():
                out[f"{z.name}:{name}"] = archive.read(name).decode("utf-8", errors="replace")
    for page in (PAGES / "teaching.md", PAGES / "ko" / "teaching.md"):
        out[str(page)] = page.read_text(encoding="utf-8")
    return out


def _solution_texts() -> list[str]:
    """The source of every cell inside a solution block, in every notebook with exercises."""
    texts = []
    for path in exercises.sources():
        inside = False
        for cell in exercises.read(path)["cells"]:
            text = exercises.source(cell).strip()
            if text.startswith("```{solution-start}"):
                inside = True
            elif text.startswith("```{solution-end}"):
                inside = False
            elif inside:
                texts.append(text)
    return texts


def _solution_outputs() -> list[str]:
    """What the solution cells printed in the executed book (both editions)."""
    outs = []
    for path in [*sorted(Path("book").glob("0*.ipynb")), *sorted(Path("book/ko").glob("0*.ipynb"))]:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if "exercise" in cell["metadata"]:
                for o in cell.get("outputs", []):
                    text = "".join(o.get("data", {}).get("text/plain", "") or o.get("text", "")).strip()
                    if len(text) >= 4:
                        outs.append(text)
    return outs


def test_no_student_file_holds_a_solution_a_key_or_a_solution_output(written):
    files = _student_files(written)
    assert len(files) > 100  # notebooks, every entry of every zip, two pages
    solutions, outputs = _solution_texts(), _solution_outputs()
    assert len(solutions) >= 3 * len(KEYS) and len(outputs) >= len(KEYS)
    for where, text in files.items():
        assert "solution-start" not in text and "solution-end" not in text and "exercise-solution" not in text, where
        if where.endswith(".ipynb"):
            assert '"exercise": {' not in text and '"tolerance"' not in text, where
        for s in solutions:
            assert s not in text, (where, s[:80])
        if where.endswith((".ipynb", ".md", "README.txt")):
            for o in outputs:
                assert o not in text, (where, o)
        for key in KEYS.values():
            if isinstance(key.answer, list) and where.endswith(".ipynb"):
                assert json.dumps(key.answer) not in text, (where, key.id)


def _tokens(answer, decimals) -> list[str]:
    """The key's non-integer numbers, written at the key's precision: what prose could give away."""
    values = answer if isinstance(answer, list) else [answer]
    return [f"{v:.{decimals}f}" for v in values if isinstance(v, float) and not float(v).is_integer()]


def test_no_student_notebook_gives_an_answer_before_its_exercise(written):
    for lang in exercises.LANGS:
        folder = written / "html" / "downloads" / "student" / ("" if lang == "en" else lang)
        for path in sorted(folder.glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            before = []
            for cell in cells:
                ex = exercises.question_id(cell)
                if ex in KEYS:
                    prose = re.sub(r"\{exercise\} [\dH]+\.\d+ ", "", "\n".join(before))  # the numbers 3.1, 3.2
                    question = exercises.source(cell)
                    key = KEYS[ex]
                    for token in [*_tokens(key.answer, key.decimals), *SPOILERS.get(ex, ())]:
                        if token not in question:
                            assert not re.search(rf"(?<![\d.]){re.escape(token)}(?![\d])", prose), (path, ex, token)
                before.append(exercises.source(cell))


def test_student_copy_is_one_language_with_an_answer_and_a_check_per_exercise():
    source = exercises.NOTEBOOKS / "03-systematizing-phase.ipynb"
    full = exercises.read(source)
    for lang, other in (("en", "ko"), ("ko", "en")):
        nb = exercises.student_copy(full, lang, source.stem)
        assert not [c for c in nb["cells"] if f"lang-{other}" in c["metadata"].get("tags", [])]
        params = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        assert f'lang = "{lang}"' in exercises.source(params)
        assert nb["metadata"]["regional_policy"]["exercises"] == ["ex-3-1", "ex-3-2", "ex-3-3", "ex-3-4"]
        for i, cell in enumerate(nb["cells"]):
            ex = exercises.question_id(cell)
            if ex:
                answer, check = nb["cells"][i + 1], nb["cells"][i + 2]
                assert exercises.source(answer) == "answer = ..." and answer["metadata"]["exercise_answer"] == ex
                assert exercises.source(check).startswith("from regional_policy.selfcheck import check")
                assert f'check("{ex}", answer, "' in exercises.source(check) and f'lang="{lang}"' in check["source"]
        assert sum(1 for c in nb["cells"] if exercises.source(c) == "answer = ...") == 4
        assert all(c.get("outputs", []) == [] for c in nb["cells"])


def test_chapter_archive_and_course_bundle_hold_what_a_class_needs_and_no_build_tooling(written):
    out = written / "html" / "downloads"
    copies = downloads.students(exercises.NOTEBOOKS / "02-introducing-phase.ipynb")
    assert downloads.archive("02-introducing-phase", copies) == (out / "02-introducing-phase.zip").read_bytes()
    names = set(zipfile.ZipFile(out / "02-introducing-phase.zip").namelist())
    for required in ("notebooks/en/02-introducing-phase.ipynb", "notebooks/ko/02-introducing-phase.ipynb",
                     "requirements-runtime.txt", "pyproject.toml", "README.txt", "data/datapackage.json",
                     "regional_policy/selfcheck.py", "regional_policy/labels.csv"):  # fmt: skip
        assert f"02-introducing-phase/{required}" in names, required
    course = zipfile.ZipFile(out / "course.zip")
    names = set(course.namelist())
    for nb in [*(p.stem for p in downloads.public_notebooks()), "homework"]:
        for lang in exercises.LANGS:
            assert f"course/notebooks/{lang}/{nb}.ipynb" in names, (nb, lang)
    assert not [n for n in names if "bookbuild" in n or "__pycache__" in n or n.endswith("requirements.txt")]
    assert '[tool.setuptools]\npackages = ["regional_policy"]' in course.read("course/pyproject.toml").decode()
    readme = course.read("course/README.txt").decode()
    for needed in ("pip install -r requirements-runtime.txt", "jupyter lab notebooks/en", "-p highlight",
                   "-p errata", "-p lang", "-p leading_list", "-p province"):  # fmt: skip
        assert needed in readme, needed


def _pins(path: Path) -> dict[str, str]:
    return dict(re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", path.read_text(encoding="utf-8"), re.M))


def test_an_archive_is_compressed_once_per_content_and_its_memo_replaced_when_the_content_changes(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(downloads, "MEMO", tmp_path)
    files = {"data/a.csv": b"a,b\n1,2\n", "notebooks/en/x.ipynb": b"{}"}
    first = downloads._zip(files, "01-x")
    assert [p.name.split("@")[0] for p in tmp_path.iterdir()] == ["01-x"]
    memo = next(tmp_path.iterdir())
    memo.write_bytes(b"kept")  # a second call with the same content reads the memo, compresses nothing
    assert downloads._zip(dict(reversed(files.items())), "01-x") == b"kept"
    changed = downloads._zip({**files, "data/a.csv": b"a,b\n1,3\n"}, "01-x")
    assert changed not in (first, b"kept") and not memo.exists() and len(list(tmp_path.iterdir())) == 1
    with zipfile.ZipFile(io.BytesIO(changed)) as z:
        assert z.read("01-x/data/a.csv") == b"a,b\n1,3\n"
        assert {i.date_time for i in z.infolist()} == {downloads.EPOCH}
    assert downloads._zip(files, "01-x") == first  # the same bytes as before the memo


def test_runtime_requirements_are_lean_and_pinned_as_the_lock():
    assert downloads.RUNTIME.read_text(encoding="utf-8") == downloads.runtime_requirements()
    runtime, lock = _pins(downloads.RUNTIME), _pins(downloads.LOCK)
    assert all(lock[name] == version for name, version in runtime.items()), set(runtime.items()) - set(lock.items())
    for needed in (
        "pandas",
        "altair",
        "frictionless",
        "vl-convert-python",
        "ipykernel",
        "jupyterlab",
        "jupyterlab-myst",
    ):
        assert needed in runtime, needed
    for build_only in ("sphinx", "jupyter-book", "playwright", "pytest", "linkchecker", "ruff", "nbval", "kiwipiepy"):
        assert build_only not in runtime, build_only
    assert len(runtime) < len(lock) * 0.75
    for path in (downloads.RUNTIME, downloads.LOCK):
        assert "--find-links" not in path.read_text(encoding="utf-8").replace("--no-emit-find-links", "")


def test_instructor_package_holds_keys_solutions_and_guides_outside_the_site(written):
    folder = written / "instructor"
    keys = json.loads((folder / "keys.json").read_text(encoding="utf-8"))
    assert keys["ex-3-1"] == {"answer": 10.0, "tolerance": 0.005, "notebook": "03-systematizing-phase", "number": "3.1"}
    assert keys["hw-1"]["answer"] == 63.0 and set(keys) == set(KEYS)
    for lang in exercises.LANGS:
        text = (folder / "notebooks" / lang / "homework.ipynb").read_text(encoding="utf-8")
        assert '"exercise": {' in text and "solution-start" in text
    assert (folder / "guide.md").is_file() and (folder / "guide.ko.md").is_file()
    assert not list((written / "html").rglob("keys.json")) and not list((written / "html").rglob("guide*.md"))
    assert downloads.INSTRUCTOR.parent.name == "_build" and downloads.INSTRUCTOR.name == "instructor"


@pytest.mark.build
def test_every_chapter_page_links_to_its_downloads(site):
    for page in [*sorted((site / "book").glob("0*.html")), *sorted((site / "ko").glob("0*.html"))]:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]*downloads/[^"]+)" download>', html)
        assert len(links) == 3, page
        for link in links:
            assert (page.parent / link).resolve().is_file(), (page, link)
