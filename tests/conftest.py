"""Shared fixtures: the real data package, a throw-away copy of it, and CSV editing helpers.

Tests never write into ``data/``: tests that need bad data copy the folder to
``tmp_path`` (:func:`data_copy`), edit the copy with :func:`edit_cell` and load
it with ``regional_policy.load(folder / "datapackage.json")``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import regional_policy

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Test tiers (markers registered in pyproject.toml): `make check` runs what is neither build nor browser.
TIERS = {
    "browser": (
        "test_browser.py",
        "test_links.py",
        "test_offline.py",
        "test_pdf.py",
        "test_korean_site.py",
        "test_search_ko.py",
        "test_script_labels_browser.py",
        "test_page_speed_browser.py",
        "test_ledger_browser.py",
    ),
    "build": (
        "test_build_failures.py",
        "test_pipeline.py",
        "test_site.py",
        "test_editions.py",
        "test_identity.py",
        "test_dependencies.py",
        "test_site_incremental.py",
        "test_compiler.py",
    ),
}


# `make test` runs pytest-xdist with --dist loadgroup: the tests of a group share one worker, hence one session
# fixture: "site" one build of _build/html, one server and one browser (and the tests that write book/), "scratch"
# one scratch project (conftest.built), "identity" one run of every notebook (test_identity.py).
GROUPS = {
    "site": TIERS["browser"] + ("test_site.py", "test_editions.py", "test_downloads.py", "test_pipeline.py"),
    "scratch": ("test_build_failures.py", "test_dependencies.py", "test_site_incremental.py"),
    "identity": ("test_identity.py",),
    "bundle": ("test_bundle.py",),
    "grade": ("test_grade.py",),
}


# before pytest-xdist's own hook of the same name, which tags the node id of each grouped test (``...@site``) for
# the scheduler: a mark added after it groups nothing, and the groups' tests then run on both workers at once
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        for marker, files in TIERS.items():
            if item.path.name in files:
                item.add_marker(getattr(pytest.mark, marker))
        for group, files in GROUPS.items():
            if item.path.name in files:
                item.add_marker(pytest.mark.xdist_group(group))


def pytest_runtest_setup(item):
    """Under ``--dist loadgroup`` a grouped test must carry its group in its node id, or the scheduler spreads the
    group over the workers and two of them build ``_build/html`` at once (pytest 9.2 with pytest-xdist 3.8:
    pytest-dev/pytest-xdist#1386)."""
    if (
        getattr(item.config.option, "loadgroup", False)
        and item.get_closest_marker("xdist_group")
        and "@" not in item.nodeid
    ):
        pytest.fail(f"--dist loadgroup did not put {item.nodeid} in its group: the workers would share its fixtures")


def _records(text: str) -> list[tuple[int, int, list[str]]]:
    """(first physical line, last physical line, cells) of every CSV record; the header is line 1."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out, start = [], 1
    for cells in reader:
        out.append((start, reader.line_num, cells))
        start = reader.line_num + 1
    return out


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts, read with the csv module (independently of the package)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def line_of(path: Path, **match: str) -> int:
    """The line number (header = 1) of the single row whose cells equal ``match``."""
    text = Path(path).read_text(encoding="utf-8")
    records = _records(text)
    header = records[0][2]
    hits = [first for first, _, cells in records[1:] if all(cells[header.index(k)] == v for k, v in match.items())]
    assert len(hits) == 1, f"{Path(path).name}: {len(hits)} rows match {match}"
    return hits[0]


def ledger_of(folder: Path):
    """The claims ledger of the data package in ``folder`` (after a test edited it), indexed by claim id."""
    import regional_policy
    from regional_policy import claims

    return claims.ledger(regional_policy.load(Path(folder) / "datapackage.json")).set_index("id")


def edit_cell(folder: Path, file: str, line: int, column: str, value: str) -> str:
    """Set one cell of ``folder/file`` (row at ``line``, header = line 1) and return the old value.

    Only the physical line(s) of that record are rewritten; every other byte of the
    file, including its line endings, is kept.
    """
    path = Path(folder) / file
    text = path.read_bytes().decode("utf-8")
    records = _records(text)
    header = records[0][2]
    if column not in header:
        raise KeyError(f"{file} has no column {column!r}; columns: {header}")
    target = [r for r in records if r[0] == line]
    if not target or line == 1:
        raise IndexError(f"{file} has no data row starting at line {line}")
    first, last, cells = target[0]
    old = cells[header.index(column)]
    cells[header.index(column)] = value
    physical = text.splitlines(keepends=True)
    original = "".join(physical[first - 1 : last])
    ending = "\r\n" if original.endswith("\r\n") else ("\n" if original.endswith("\n") else "")
    buf = io.StringIO()
    csv.writer(buf, lineterminator=ending).writerow(cells)
    physical[first - 1 : last] = [buf.getvalue()]
    path.write_bytes("".join(physical).encode("utf-8"))
    return old


def delete_line(folder: Path, file: str, line: int) -> str:
    """Remove the record starting at ``line`` (not the header); return its text."""
    path = Path(folder) / file
    text = path.read_bytes().decode("utf-8")
    target = [r for r in _records(text) if r[0] == line]
    if not target or line == 1:
        raise IndexError(f"{file} has no data row starting at line {line}")
    first, last, _ = target[0]
    physical = text.splitlines(keepends=True)
    removed = "".join(physical[first - 1 : last])
    del physical[first - 1 : last]
    path.write_bytes("".join(physical).encode("utf-8"))
    return removed


@pytest.fixture(scope="session")
def data():
    """The real data package, loaded and validated once."""
    return regional_policy.load()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A fresh copy of ``data/`` in ``tmp_path / "data"``; returns the folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(name="edit_cell")
def edit_cell_fixture():
    return edit_cell


@pytest.fixture(name="delete_line")
def delete_line_fixture():
    return delete_line


@pytest.fixture(name="line_of")
def line_of_fixture():
    return line_of


@pytest.fixture(name="read_rows")
def read_rows_fixture():
    return read_rows


def load_problems(folder: Path) -> list:
    """Load the package in ``folder``; it must fail; return the problems."""
    with pytest.raises(regional_policy.DataError) as info:
        regional_policy.load(Path(folder) / "datapackage.json")
    assert info.value.problems, "DataError without problems"
    return info.value.problems


@pytest.fixture(name="load_problems")
def load_problems_fixture():
    return load_problems


# --- the built site, served, and one browser for the session ---------------------------------------------------

ARTIFACTS = ROOT / "test-artifacts"
SUBPATH = "regional-policy"  # the browser tests serve the site at http://127.0.0.1:PORT/regional-policy/


@pytest.fixture(scope="session")
def site() -> Path:
    """A fresh strict build of the site (``_build/html``), made once per session."""
    from bookbuild import pipeline

    return pipeline.html(strict=True)  # raises SystemExit on any Sphinx warning


@pytest.fixture(scope="session")
def site_url(site, tmp_path_factory):
    """A snapshot of the built site served under a sub-path of a free port of 127.0.0.1, as a project site of
    GitHub Pages is (``https://<user>.github.io/<repo>/``); the base URL ends in ``/``.

    The snapshot keeps the browser tests apart from a rebuild of ``_build/html`` while they run; the sub-path makes
    every browser and link test fail on a link or asset that assumes the site sits at the root of its host.
    """
    from bookbuild.pdf import serve

    root = tmp_path_factory.mktemp("site")
    shutil.copytree(site, root / SUBPATH)
    with serve(root) as base:
        yield base + SUBPATH + "/"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the whole session."""
    from playwright.sync_api import sync_playwright

    from bookbuild.pdf import launch

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visits(browser, site_url, artifacts):
    """Every page of the site visited once, for every browser test of the session (``tests/visits.py``)."""
    from visits import visit_all

    return visit_all(browser, site_url, artifacts)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` (git-ignored): screenshots, reports, PDF page images."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# --- a scratch copy of the project, built once per session (per xdist worker): build-failure and dependency tests

SCRATCH_IGNORE = shutil.ignore_patterns(
    ".git", "_build", ".venv", "__pycache__", ".pytest_cache", "test-artifacts", "*.egg-info", ".cache", "bench", "ko"
)


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_pipeline(copy: Path, *args: str, timeout: int = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m bookbuild.pipeline ARGS`` in a scratch copy (``env``: variables set for it)."""
    return subprocess.run(
        [sys.executable, "-m", "bookbuild.pipeline", *args],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """A scratch copy of the repository with the English edition built (no Korean pages: ``ko`` folders are left
    out)."""
    base = tmp_path_factory.mktemp("scratch")
    copy = base / "project"
    shutil.copytree(ROOT, copy, ignore=SCRATCH_IGNORE)
    if (ROOT.parent / "shared").exists():
        (base / "shared").symlink_to(ROOT.parent / "shared")
    result = run_pipeline(copy, "all", "--lang", "en")
    assert result.returncode == 0, result.stderr[-3000:]
    return copy


@pytest.fixture
def scratch(built, tmp_path):
    """A fresh copy of the built scratch project for one test to change or break."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    shared = built.parent / "shared"
    if shared.exists():
        (tmp_path / "shared").symlink_to(shared.resolve())
    return copy
